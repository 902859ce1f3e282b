package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryParser.ChangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MeasureContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricBreakdownClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricTopClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PerClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.WhereClauseContext;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;
import org.antlr.v4.runtime.ParserRuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a metric's parse tree ({@code users of 3 per day last 7d}) into a {@link MetricQuery}. */
final class MetricConverter {
    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final ConditionReader conditions;
    private final SourceText source;

    MetricConverter(CatalogLookup lookup, ClauseReader reader, ConditionReader conditions) {
        this.lookup = lookup;
        this.reader = reader;
        this.conditions = conditions;
        this.source = reader.source();
    }

    /** {@code whole} is the query including a leading {@code cumulative}, for errors about all of it. */
    MetricQuery convert(MetricQueryContext ctx, boolean cumulative, ParserRuleContext whole) throws QueryException {
        Measure measure = measure(ctx.measure());
        List<EventRef> events = ctx.events() == null ? List.of() : lookup.events(ctx.events());
        Bucket bucket = Bucket.TOTAL;
        PerClauseContext bucketAt = null;
        DateRange range = DateRange.all();
        List<DimensionFilter> filters = new ArrayList<>();
        List<UserCondition> users = new ArrayList<>();
        Optional<String> breakdown = Optional.empty();
        int top = 0;
        ChangeClauseContext changeAt = null;
        for (MetricClauseContext clause : ctx.metricClause()) {
            if (clause instanceof PerClauseContext per) {
                reader.once("the bucket", clause);
                bucket = ClauseReader.bucket(per.bucket());
                bucketAt = per;
            } else if (clause instanceof MetricRangeClauseContext ranged) {
                reader.once("the date range", clause);
                range = reader.range(ranged.dateRange());
            } else if (clause instanceof WhereClauseContext where) {
                reader.once("the filter", clause);
                conditions.dimensionsAndUsers(where.conditions(), "a metric", filters, users);
            } else if (clause instanceof MetricBreakdownClauseContext by && by.dimension() == null) {
                // `by weekday` / `by hour` is the calendar-part bucket of a metric (one value per weekday or hour)
                reader.once("the bucket", clause);
                bucket = by.WEEKDAY() != null ? Bucket.WEEKDAY : Bucket.HOUR_OF_DAY;
                bucketAt = null;
            } else if (clause instanceof MetricBreakdownClauseContext by) {
                reader.once("the breakdown", clause);
                breakdown = Optional.of(lookup.dimension(by.dimension()));
            } else if (clause instanceof MetricTopClauseContext topClause) {
                reader.once("the breakdown", clause);
                top = reader.positiveNumber(topClause.top, "top");
                breakdown = Optional.of(lookup.dimension(topClause.dimension()));
            } else {
                reader.once("change", clause);
                changeAt = (ChangeClauseContext) clause;
            }
        }
        if (cumulative && bucketAt != null && (bucket == Bucket.WEEKDAY || bucket == Bucket.HOUR_OF_DAY)) {
            throw source.errorAt(bucketAt.bucket(), "cumulative needs a calendar bucket",
                    List.of("hour, day, week or month"), "");
        }
        if (changeAt != null && bucket == Bucket.TOTAL) {
            throw source.errorAt(changeAt, "change compares each bucket with the one before, and there is one total",
                    List.of(), "add a bucket: per day");
        }
        boolean change = changeAt != null;
        Bucket finalBucket = bucket;
        DateRange finalRange = range;
        List<DimensionFilter> finalFilters = filters;
        Optional<String> finalBreakdown = breakdown;
        UserFilter userFilter = new UserFilter(users);
        int finalTop = top;
        return reader.built(whole, () -> new MetricQuery(measure, events, finalBucket, finalRange, finalFilters,
                finalBreakdown, cumulative, change, userFilter, finalTop));
    }

    private static Measure measure(MeasureContext ctx) {
        if (ctx.USERS() != null) {
            return Measure.USERS;
        }
        if (ctx.EVENTS() != null) {
            return Measure.EVENTS;
        }
        return ctx.SUM() != null ? Measure.SUM : Measure.AVERAGE;
    }
}
