package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryLexer;
import io.voronka.dsl.grammar.VoronkaQueryParser.GroupPartContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.RateQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatByClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatMinClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatPerClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatTopClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatWhereClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatWithinClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.StatisticContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ValueQueryContext;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.GroupBy;
import io.voronka.engine.query.GroupPart;
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.query.ValueStatistic;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code rate of sale per call by department} into a {@link RateQuery} and {@code median of value of order
 * per month} / {@code distribution of value of call by status} into a {@link ValueQuery}. Both share the clauses:
 * bucket, range, where, a breakdown of up to two levels, top N, min N; {@code within} belongs to rates only.
 */
final class StatConverter {
    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final ConditionReader conditions;
    private final SourceText source;

    StatConverter(CatalogLookup lookup, ClauseReader reader, ConditionReader conditions) {
        this.lookup = lookup;
        this.reader = reader;
        this.conditions = conditions;
        this.source = reader.source();
    }

    RateQuery rate(RateQueryContext ctx) throws QueryException {
        List<EventRef> numerator = lookup.events(ctx.numerator);
        Clauses c = new Clauses();
        List<DimensionFilter> numeratorFilters = new ArrayList<>();
        if (ctx.numeratorFilter != null) {
            conditions.dimensionsAndUsers(ctx.numeratorFilter.conditions(), "a rate", numeratorFilters, c.users);
        }
        List<EventRef> denominator = lookup.events(ctx.denominator);
        clauses(ctx.statClause(), true, c);
        return reader.built(ctx, () -> new RateQuery(numerator, numeratorFilters, denominator, c.filters, c.groupBy(),
                c.bucket, c.range, c.within, new UserFilter(c.users)));
    }

    ValueQuery value(ValueQueryContext ctx) throws QueryException {
        StatisticContext written = ctx.statistic();
        ValueStatistic statistic = statistic(written);
        int percentile = statistic == ValueStatistic.PERCENTILE
                ? Integer.parseInt(written.getText().substring(1)) : 0;
        List<EventRef> events = lookup.events(ctx.events());
        Clauses c = new Clauses();
        clauses(ctx.statClause(), false, c);
        return reader.built(ctx, () -> new ValueQuery(statistic, percentile, events, c.filters, c.groupBy(), c.bucket,
                c.range, new UserFilter(c.users)));
    }

    private static ValueStatistic statistic(StatisticContext ctx) {
        return switch (ctx.getStart().getType()) {
            case VoronkaQueryLexer.AVG -> ValueStatistic.AVERAGE;
            case VoronkaQueryLexer.MEDIAN -> ValueStatistic.MEDIAN;
            case VoronkaQueryLexer.PERCENTILE -> ValueStatistic.PERCENTILE;
            case VoronkaQueryLexer.MIN -> ValueStatistic.MIN;
            case VoronkaQueryLexer.MAX -> ValueStatistic.MAX;
            case VoronkaQueryLexer.SUM -> ValueStatistic.SUM;
            default -> ValueStatistic.DISTRIBUTION;
        };
    }

    private void clauses(List<StatClauseContext> written, boolean rate, Clauses c) throws QueryException {
        StatByClauseContext byAt = null;
        StatTopClauseContext topAt = null;
        for (StatClauseContext clause : written) {
            if (clause instanceof StatPerClauseContext per) {
                reader.once("the bucket", clause);
                c.bucket = ClauseReader.bucket(per.bucket());
            } else if (clause instanceof StatRangeClauseContext ranged) {
                reader.once("the date range", clause);
                c.range = reader.range(ranged.dateRange());
            } else if (clause instanceof StatWhereClauseContext where) {
                reader.once(rate ? "the denominator's filter" : "the filter", clause);
                conditions.dimensionsAndUsers(where.whereFilters().conditions(), rate ? "a rate" : "a value statistic",
                        c.filters, c.users);
            } else if (clause instanceof StatByClauseContext by) {
                reader.once("the breakdown", clause);
                byAt = by;
                c.parts = parts(by.groupPart());
            } else if (clause instanceof StatTopClauseContext top) {
                reader.once("top", clause);
                topAt = top;
                c.top = reader.positiveNumber(top.INT().getSymbol(), "top");
                List<GroupPartContext> parts = new ArrayList<>(top.groupPart().subList(1, top.groupPart().size()));
                parts.add(top.groupPart(0));
                c.parts = parts(parts);
            } else if (clause instanceof StatMinClauseContext min) {
                reader.once("min", clause);
                c.min = reader.positiveNumber(min.INT().getSymbol(), "the minimum group size");
            } else {
                Token duration = ((StatWithinClauseContext) clause).DURATION().getSymbol();
                if (!rate) {
                    throw source.errorAt(clause, "within is the attribution window of a rate", List.of(),
                            "leave it out");
                }
                reader.once("the attribution window", clause);
                c.within = reader.positiveSeconds(duration, "the attribution window");
            }
        }
        if (byAt != null && topAt != null) {
            throw source.errorAt(byAt, "top already says the breakdown", List.of(),
                    "write the levels in top: top 1 operator by department");
        }
    }

    private List<GroupPart> parts(List<GroupPartContext> written) throws QueryException {
        List<GroupPart> parts = new ArrayList<>();
        for (GroupPartContext part : written) {
            GroupPart converted = part.WEEKDAY() != null ? new GroupPart.Calendar(Bucket.WEEKDAY)
                    : part.HOUR() != null ? new GroupPart.Calendar(Bucket.HOUR_OF_DAY)
                    : new GroupPart.Dimension(lookup.dimension(part.dimension()));
            if (parts.stream().anyMatch(p -> p.name().equalsIgnoreCase(converted.name()))) {
                throw source.errorAt(part, converted.name() + " is in the breakdown twice", List.of(), "");
            }
            if (parts.size() == GroupBy.MAX_PARTS) {
                throw source.errorAt(part, "a breakdown has at most " + GroupBy.MAX_PARTS + " levels", List.of(),
                        "leave out one level");
            }
            parts.add(converted);
        }
        return parts;
    }

    /** The clauses as read so far. */
    private static final class Clauses {
        Bucket bucket = Bucket.TOTAL;
        DateRange range = DateRange.all();
        final List<DimensionFilter> filters = new ArrayList<>();
        final List<UserCondition> users = new ArrayList<>();
        List<GroupPart> parts = List.of();
        int top;
        long min;
        long within;

        GroupBy groupBy() {
            return new GroupBy(parts, top, min);
        }
    }
}
