package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryParser.ComparisonContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.CompareTestContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ConditionContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ConditionsContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.DidConditionContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.DimensionConditionContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.DimensionContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FilterTestContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FirstConditionContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.InTestContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ValueConditionContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ValueContext;
import io.voronka.engine.error.ClosestNames;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventFilter;
import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;
import io.voronka.engine.query.ValueFilter;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code where} conditions: event conditions (a dimension test, a value comparison) and user conditions
 * ({@code did}, {@code not did}, {@code first}). Checks dimension values against the catalog: a value close to a
 * known one is a typo (an error with "did you mean"), a value no event has is kept with a warning.
 */
final class ConditionReader {
    /** Dimensions with more values than this are not searched for "did you mean". */
    private static final int SUGGEST_UP_TO = 100_000;

    /** The conditions of one {@code where}, split by what they filter, each with where it was written. */
    record Read(List<EventFilter> events, List<ConditionContext> eventsAt, List<UserCondition> users) {
    }

    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final Catalog catalog;
    private final SourceText source;
    private final List<String> warnings;

    ConditionReader(CatalogLookup lookup, ClauseReader reader, Catalog catalog, List<String> warnings) {
        this.lookup = lookup;
        this.reader = reader;
        this.catalog = catalog;
        this.source = reader.source();
        this.warnings = warnings;
    }

    Read read(ConditionsContext ctx) throws QueryException {
        List<EventFilter> events = new ArrayList<>();
        List<ConditionContext> eventsAt = new ArrayList<>();
        List<UserCondition> users = new ArrayList<>();
        for (ConditionContext c : ctx.condition()) {
            if (c instanceof DidConditionContext did) {
                DateRange range = did.dateRange() == null ? DateRange.all() : reader.range(did.dateRange());
                users.add(new UserCondition.Did(lookup.events(did.events()), range, did.NOT() != null));
            } else if (c instanceof FirstConditionContext first) {
                users.add(new UserCondition.FirstTouch(dimensionFilter(first.dimension(), first.filterTest())));
            } else if (c instanceof ValueConditionContext value) {
                events.add(new ValueFilter(comparison(value.comparison()), number(value.number().getStart())));
                eventsAt.add(c);
            } else {
                DimensionConditionContext d = (DimensionConditionContext) c;
                events.add(dimensionFilter(d.dimension(), d.filterTest()));
                eventsAt.add(c);
            }
        }
        return new Read(events, eventsAt, users);
    }

    /**
     * Dimension tests filter the measured events (added to {@code filters}); did/first choose the users (added to
     * {@code users}); a value comparison is an error naming {@code kind} ("a metric", "a rate").
     */
    void dimensionsAndUsers(ConditionsContext ctx, String kind, List<DimensionFilter> filters,
                            List<UserCondition> users) throws QueryException {
        Read read = read(ctx);
        for (int i = 0; i < read.events().size(); i++) {
            if (!(read.events().get(i) instanceof DimensionFilter dimension)) {
                throw source.errorAt(read.eventsAt().get(i), kind + " filters its events by dimensions",
                        List.of("DIMENSION = 'value', did EVENTS or first DIMENSION = 'value'"),
                        "value comparisons filter funnel steps: 3 > pay where value >= 10000");
            }
            filters.add(dimension);
        }
        users.addAll(read.users());
    }

    /** Only user conditions: an event condition is an error explaining where it belongs. */
    UserFilter users(ConditionsContext ctx, String kind) throws QueryException {
        Read read = read(ctx);
        if (!read.events().isEmpty()) {
            throw source.errorAt(read.eventsAt().get(0), "a filter on events, and " + kind + " filters users",
                    List.of("did EVENTS, not did EVENTS or first DIMENSION = 'value'"),
                    "filter users who did something (where did 13) or by their first touch "
                            + "(where first utm_source = 'vk')");
        }
        return new UserFilter(read.users());
    }

    private DimensionFilter dimensionFilter(DimensionContext dimensionAt, FilterTestContext test)
            throws QueryException {
        String dimension = lookup.dimension(dimensionAt);
        if (test instanceof CompareTestContext compare) {
            return new DimensionFilter(dimension, List.of(checked(dimension, compare.value())),
                    compare.NEQ() != null);
        }
        InTestContext in = (InTestContext) test;
        List<String> values = new ArrayList<>();
        for (ValueContext v : in.value()) {
            values.add(checked(dimension, v));
        }
        return new DimensionFilter(dimension, values, in.NOT() != null);
    }

    /** The value as written (quoted text keeps its inner spaces), checked against the dimension's values. */
    private String checked(String dimension, ValueContext ctx) throws QueryException {
        String text = ctx.getText();
        String value = ctx.STRING() != null ? text.substring(1, text.length() - 1) : text;
        List<String> known = catalog.dimensionValues().get(dimension);
        if (known == null || known.contains(value)) {
            return value;
        }
        List<String> close = known.size() <= SUGGEST_UP_TO ? ClosestNames.closest(value, known) : List.of();
        if (!close.isEmpty()) {
            throw source.errorAt(ctx.getStart(), "no event has " + dimension + " = '" + value + "'",
                    List.of("a value of " + dimension), ClosestNames.didYouMean(value, close));
        }
        Token at = ctx.getStart();
        warnings.add("no event has " + dimension + " = '" + value + "' (at " + at.getLine() + ":"
                + (at.getCharPositionInLine() + 1) + "); values are matched exactly, including case");
        return value;
    }

    private static ValueFilter.Comparison comparison(ComparisonContext ctx) {
        return switch (ctx.getText()) {
            case "=" -> ValueFilter.Comparison.EQ;
            case "!=", "<>" -> ValueFilter.Comparison.NE;
            case "<" -> ValueFilter.Comparison.LT;
            case "<=" -> ValueFilter.Comparison.LE;
            case ">" -> ValueFilter.Comparison.GT;
            default -> ValueFilter.Comparison.GE;
        };
    }

    private double number(Token token) throws QueryException {
        try {
            return Double.parseDouble(token.getText());
        } catch (NumberFormatException notANumber) {
            throw source.errorAt(token, "'" + token.getText() + "' is not a number", List.of("a number"), "");
        }
    }
}
