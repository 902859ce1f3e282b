package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryLexer;
import io.voronka.dsl.grammar.VoronkaQueryParser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns ANTLR's expected token set into words a user reads: "a duration like 14d", not {@code DURATION}. */
final class ExpectedTokens {
    static final String AN_EVENT = "an event (id, quoted name or bare name)";
    static final String A_DURATION = "a duration like 14d";
    static final String END = "the end of the query";

    /** Keywords that may also name an event, taken from the grammar's {@code softKeyword} rule. */
    private static final IntervalSet SOFT_KEYWORDS = softKeywords();
    private static final List<Integer> BUCKETS = List.of(VoronkaQueryLexer.HOUR, VoronkaQueryLexer.HOUR_OF_DAY,
            VoronkaQueryLexer.DAY, VoronkaQueryLexer.WEEK, VoronkaQueryLexer.MONTH, VoronkaQueryLexer.WEEKDAY,
            VoronkaQueryLexer.TOTAL);
    private static final Set<Integer> STEP_NUMBER_AFTER = Set.of(VoronkaQueryLexer.BETWEEN, VoronkaQueryLexer.AND,
            VoronkaQueryLexer.STEP, VoronkaQueryLexer.DRILL, VoronkaQueryLexer.AT);
    private static final Map<Integer, String> SYMBOLS = Map.of(
            VoronkaQueryLexer.GT, "'>' and the next step",
            VoronkaQueryLexer.PIPE, "'|' and another event",
            VoronkaQueryLexer.EQ, "'='",
            VoronkaQueryLexer.NEQ, "'!='",
            VoronkaQueryLexer.LPAREN, "'('",
            VoronkaQueryLexer.RPAREN, "')'",
            VoronkaQueryLexer.COMMA, "','",
            VoronkaQueryLexer.DURATION, A_DURATION,
            VoronkaQueryLexer.DATE, "a date like 2021-03-07");

    private ExpectedTokens() {
    }

    /** The expected set in words; {@code previous} (may be null) tells a step number from a plain number. */
    static List<String> describe(IntervalSet expected, Token previous) {
        Set<Integer> left = new TreeSet<>(expected.toList());
        List<String> words = new ArrayList<>();
        boolean names = left.contains(VoronkaQueryLexer.IDENT) && left.contains(VoronkaQueryLexer.STRING);
        if (names && left.contains(VoronkaQueryLexer.INT) && left.stream().anyMatch(SOFT_KEYWORDS::contains)) {
            words.add(AN_EVENT);
            left.removeIf(type -> SOFT_KEYWORDS.contains(type) || isNameOrNumber(type));
        } else if (names && left.contains(VoronkaQueryLexer.INT)) {
            words.add("a value: quoted text, a number or a word");
            left.removeIf(ExpectedTokens::isNameOrNumber);
        } else if (names) {
            words.add("a dimension name");
            left.removeIf(type -> type == VoronkaQueryLexer.IDENT || type == VoronkaQueryLexer.STRING);
        }
        if (left.containsAll(BUCKETS)) {
            words.add("a bucket: hour, day, week, month, weekday, hour of day or total");
            left.removeAll(BUCKETS);
        }
        if (left.remove(VoronkaQueryLexer.INT)) {
            boolean stepNumber = previous != null && STEP_NUMBER_AFTER.contains(previous.getType());
            words.add(stepNumber ? "a step number" : "a number");
        }
        for (Map.Entry<Integer, String> symbol : SYMBOLS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .toList()) {
            if (left.remove(symbol.getKey())) {
                words.add(symbol.getValue());
            }
        }
        List<String> keywords = left.stream().filter(ExpectedTokens::isKeyword).map(ExpectedTokens::keyword).toList();
        if (keywords.size() <= 3) {
            keywords.forEach(keyword -> words.add("'" + keyword + "'"));
        } else {
            words.add("a keyword: " + String.join(", ", keywords));
        }
        if (left.contains(Token.EOF)) {
            words.add(END);
        }
        return List.copyOf(words);
    }

    /** The keywords in an expected set, spelled as typed, for "did you mean" on a misspelt keyword. */
    static List<String> keywords(IntervalSet expected) {
        return expected.toList().stream().filter(ExpectedTokens::isKeyword).map(ExpectedTokens::keyword).toList();
    }

    static boolean isKeyword(int type) {
        return type >= VoronkaQueryLexer.EXPLAIN && type <= VoronkaQueryLexer.TOTAL;
    }

    static boolean isWord(int type) {
        return type == VoronkaQueryLexer.IDENT || isKeyword(type);
    }

    private static boolean isNameOrNumber(int type) {
        return type == VoronkaQueryLexer.IDENT || type == VoronkaQueryLexer.STRING || type == VoronkaQueryLexer.INT;
    }

    private static String keyword(int type) {
        String literal = VoronkaQueryLexer.VOCABULARY.getLiteralName(type);
        if (literal != null) {
            return literal.substring(1, literal.length() - 1);
        }
        return VoronkaQueryLexer.VOCABULARY.getSymbolicName(type).toLowerCase(Locale.ROOT);
    }

    private static IntervalSet softKeywords() {
        ATN atn = VoronkaQueryParser._ATN;
        return atn.nextTokens(atn.ruleToStartState[VoronkaQueryParser.RULE_softKeyword]);
    }
}
