package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryLexer;
import io.voronka.dsl.grammar.VoronkaQueryParser.BetweenDatesContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.BucketContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.DateRangeContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.LastDaysContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.OnDateContext;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the values clauses share (durations, dates, numbers, buckets, date ranges) and checks what a clause may
 * say only once; every problem becomes a {@link QueryException} at the token or clause it concerns.
 */
final class ClauseReader {
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final Map<String, Long> UNIT_SECONDS = Map.ofEntries(
            Map.entry("s", 1L), Map.entry("sec", 1L),
            Map.entry("m", MINUTE), Map.entry("min", MINUTE),
            Map.entry("h", HOUR), Map.entry("hour", HOUR), Map.entry("hours", HOUR),
            Map.entry("d", DAY), Map.entry("day", DAY), Map.entry("days", DAY),
            Map.entry("w", 7 * DAY), Map.entry("week", 7 * DAY), Map.entry("weeks", 7 * DAY));

    private static final String A_POSITIVE_DURATION = "a duration above zero like 14d";

    private final SourceText source;
    private final Map<String, ParserRuleContext> seen = new HashMap<>();

    ClauseReader(SourceText source) {
        this.source = source;
    }

    SourceText source() {
        return source;
    }

    /** Fails when the clause called {@code name} was already given. */
    void once(String name, ParserRuleContext clause) throws QueryException {
        ParserRuleContext first = seen.putIfAbsent(name, clause);
        if (first == null) {
            return;
        }
        Token at = first.getStart();
        throw source.errorAt(clause, name + " is given twice (first at " + at.getLine() + ":"
                + (at.getCharPositionInLine() + 1) + ")", List.of(), "keep one of them");
    }

    /** A duration token ({@code 14d}, {@code 3h}) in seconds, which must be positive. */
    long positiveSeconds(Token duration, String what) throws QueryException {
        String text = duration.getText().toLowerCase(Locale.ROOT);
        int unitStart = firstLetter(text);
        long amount = parseAmount(duration, text.substring(0, unitStart));
        long seconds;
        try {
            seconds = Math.multiplyExact(amount, UNIT_SECONDS.get(text.substring(unitStart)));
        } catch (ArithmeticException tooLong) {
            throw source.errorAt(duration, what + " " + duration.getText() + " is too long", List.of(), "");
        }
        if (seconds <= 0) {
            throw source.errorAt(duration, what + " must be longer than 0", List.of(A_POSITIVE_DURATION), "");
        }
        return seconds;
    }

    /** A whole number (the grammar admits no sign), {@code what} naming it in errors. */
    int number(Token number, String what) throws QueryException {
        try {
            return Integer.parseInt(number.getText());
        } catch (NumberFormatException tooLarge) {
            throw source.errorAt(number, what + " " + number.getText() + " is too large", List.of(), "");
        }
    }

    /** A whole number of at least 1. */
    int positiveNumber(Token number, String what) throws QueryException {
        int value = number(number, what);
        if (value < 1) {
            throw source.errorAt(number, what + " must be at least 1, was " + value, List.of(), "");
        }
        return value;
    }

    /** A 1-based step number that must name one of the funnel's {@code steps}. */
    int stepNumber(Token number, int steps, String what) throws QueryException {
        int step = positiveNumber(number, what);
        if (step > steps) {
            throw source.errorAt(number, what + " " + step + " is past the last step",
                    List.of("a step number from 1 to " + steps), "");
        }
        return step;
    }

    DateRange range(DateRangeContext ctx) throws QueryException {
        if (ctx instanceof BetweenDatesContext between) {
            LocalDate from = date(between.from);
            LocalDate to = date(between.to);
            if (to.isBefore(from)) {
                throw source.errorAt(between.to, "the range ends (" + to + ") before it starts (" + from + ")",
                        List.of("a date on or after " + from), "swap the two dates");
            }
            return new DateRange.Between(from, to);
        }
        if (ctx instanceof OnDateContext on) {
            LocalDate day = date(on.DATE().getSymbol());
            return new DateRange.Between(day, day);
        }
        return new DateRange.LastDays(lastDays(((LastDaysContext) ctx).DURATION().getSymbol()));
    }

    /** Buckets as metrics and retention read them: {@code hour} is each hour of the calendar. */
    static Bucket bucket(BucketContext ctx) {
        Token first = ctx.getStart();
        if (ctx.OF() != null || first.getType() == VoronkaQueryLexer.HOUR_OF_DAY) {
            return Bucket.HOUR_OF_DAY;
        }
        return Bucket.valueOf(first.getText().toUpperCase(Locale.ROOT));
    }

    /** Converts a record constructor's rule violation into an error at the clause that caused it. */
    <T> T built(ParserRuleContext at, Supplier<T> constructor) throws QueryException {
        try {
            return constructor.get();
        } catch (IllegalArgumentException broken) {
            throw source.errorAt(at, broken.getMessage(), List.of(), "");
        }
    }

    private int lastDays(Token duration) throws QueryException {
        String text = duration.getText().toLowerCase(Locale.ROOT);
        int unitStart = firstLetter(text);
        long amount = parseAmount(duration, text.substring(0, unitStart));
        long secondsPerUnit = UNIT_SECONDS.get(text.substring(unitStart));
        if (secondsPerUnit < DAY) {
            throw source.errorAt(duration, "last counts whole days", List.of("days or weeks like 7d or 2w"), "");
        }
        long days = amount * (secondsPerUnit / DAY);
        if (days < 1 || days > Integer.MAX_VALUE) {
            throw source.errorAt(duration, "last needs at least 1 day, was " + duration.getText(),
                    List.of("days or weeks like 7d or 2w"), "");
        }
        return (int) days;
    }

    private LocalDate date(Token token) throws QueryException {
        try {
            return LocalDate.parse(token.getText());
        } catch (DateTimeParseException noSuchDate) {
            throw source.errorAt(token, "there is no date " + token.getText(),
                    List.of("a date like 2021-03-07 (year-month-day)"), "");
        }
    }

    private long parseAmount(Token duration, String digits) throws QueryException {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            throw source.errorAt(duration, "duration " + duration.getText() + " is too long", List.of(), "");
        }
    }

    private static int firstLetter(String text) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
