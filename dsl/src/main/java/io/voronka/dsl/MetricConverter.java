package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryParser.ChangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.CompareTestContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FilterContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.InTestContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MeasureContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricBreakdownClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.MetricTopClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PerClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ValueContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.WhereClauseContext;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import org.antlr.v4.runtime.ParserRuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a metric's parse tree ({@code users of 3 per day last 7d}) into a {@link MetricQuery}. */
final class MetricConverter {
    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final SourceText source;

    MetricConverter(CatalogLookup lookup, ClauseReader reader) {
        this.lookup = lookup;
        this.reader = reader;
        this.source = reader.source();
    }

    /** {@code whole} is the query including a leading {@code cumulative}, for errors about all of it. */
    MetricQuery convert(MetricQueryContext ctx, boolean cumulative, ParserRuleContext whole) throws QueryException {
        Measure measure = measure(ctx.measure());
        List<EventRef> events = ctx.events() == null ? List.of() : lookup.events(ctx.events());
        Bucket bucket = Bucket.TOTAL;
        PerClauseContext bucketAt = null;
        DateRange range = DateRange.all();
        List<DimensionFilter> filters = List.of();
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
                filters = filters(where);
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
        int finalTop = top;
        return reader.built(whole, () -> new MetricQuery(measure, events, finalBucket, finalRange, finalFilters,
                finalBreakdown, cumulative, change, finalTop));
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

    private List<DimensionFilter> filters(WhereClauseContext where) throws QueryException {
        List<DimensionFilter> filters = new ArrayList<>();
        for (FilterContext filter : where.filter()) {
            String dimension = lookup.dimension(filter.dimension());
            if (filter.filterTest() instanceof CompareTestContext compare) {
                filters.add(new DimensionFilter(dimension, List.of(value(compare.value())), compare.NEQ() != null));
                continue;
            }
            InTestContext in = (InTestContext) filter.filterTest();
            List<String> values = in.value().stream().map(MetricConverter::value).toList();
            filters.add(new DimensionFilter(dimension, values, in.NOT() != null));
        }
        return filters;
    }

    /** A value as written; quoted text keeps its inner spaces. */
    private static String value(ValueContext ctx) {
        String text = ctx.getText();
        return ctx.STRING() != null ? text.substring(1, text.length() - 1) : text;
    }
}
