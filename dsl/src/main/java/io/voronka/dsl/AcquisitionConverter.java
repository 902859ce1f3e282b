package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryLexer;
import io.voronka.dsl.grammar.VoronkaQueryParser.AcquisitionByClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.AcquisitionClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.AcquisitionPerClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.AcquisitionQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.AcquisitionRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.AcquisitionWhereClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.AcquisitionWithinClauseContext;
import io.voronka.engine.query.AcquisitionMeasure;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.UserFilter;

import org.antlr.v4.runtime.misc.Interval;

import java.util.List;
import java.util.Optional;

/**
 * Turns {@code cac of pay by utm_source per month}, {@code romi of order per month within 6 months} and
 * {@code spend per month by source_id} into an {@link AcquisitionQuery}. {@code romi} used to mean what is now
 * {@code roi}; a romi without a horizon in months is refused with that hint rather than answered differently.
 */
final class AcquisitionConverter {
    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final ConditionReader conditions;
    private final SourceText source;

    AcquisitionConverter(CatalogLookup lookup, ClauseReader reader, ConditionReader conditions) {
        this.lookup = lookup;
        this.reader = reader;
        this.conditions = conditions;
        this.source = reader.source();
    }

    AcquisitionQuery convert(AcquisitionQueryContext ctx) throws QueryException {
        AcquisitionMeasure measure = measure(ctx);
        List<EventRef> purchases = ctx.events() == null ? List.of() : lookup.events(ctx.events());
        Optional<String> dimension = Optional.empty();
        Bucket bucket = Bucket.MONTH;
        DateRange range = DateRange.all();
        long horizon = 0;
        int months = 0;
        AcquisitionWithinClauseContext withinAt = null;
        UserFilter users = UserFilter.NONE;
        for (AcquisitionClauseContext clause : ctx.acquisitionClause()) {
            if (clause instanceof AcquisitionByClauseContext by) {
                reader.once("the acquisition dimension", clause);
                dimension = Optional.of(lookup.dimension(by.dimension()));
            } else if (clause instanceof AcquisitionPerClauseContext per) {
                reader.once("the bucket", clause);
                bucket = ClauseReader.bucket(per.bucket());
            } else if (clause instanceof AcquisitionRangeClauseContext ranged) {
                reader.once("the date range", clause);
                range = reader.range(ranged.dateRange());
            } else if (clause instanceof AcquisitionWhereClauseContext where) {
                reader.once("the filter", clause);
                users = conditions.users(where.conditions(), ctx.getStart().getText());
            } else {
                reader.once("the revenue horizon", clause);
                withinAt = (AcquisitionWithinClauseContext) clause;
                if (withinAt.months != null) {
                    months = reader.positiveNumber(withinAt.months, "the horizon in months");
                } else {
                    horizon = reader.positiveSeconds(withinAt.DURATION().getSymbol(), "the revenue horizon");
                }
            }
        }
        if (measure == AcquisitionMeasure.ROMI && months == 0) {
            throw source.errorAt(withinAt == null ? ctx : withinAt, "romi is LTV ÷ CAC over calendar months"
                            + " (seed 003) and needs its horizon in months",
                    List.of("within and a number of months, e.g. within 6 months"),
                    "what romi meant before, (revenue − spend) ÷ spend, is now roi: write roi" + afterFirstWord(ctx));
        }
        if (!measure.needsPurchases() && withinAt != null) {
            throw source.errorAt(withinAt, "spend has no revenue horizon", List.of(), "leave it out");
        }
        if (measure == AcquisitionMeasure.SPEND_SHARE && dimension.isEmpty()) {
            throw source.errorAt(ctx, "spend share is a share per group", List.of("by and the costs' dimension"),
                    "add: by utm_source");
        }
        Optional<String> finalDimension = dimension;
        Bucket finalBucket = bucket;
        DateRange finalRange = range;
        long finalHorizon = horizon;
        int finalMonths = months;
        UserFilter finalUsers = users;
        return reader.built(ctx, () -> new AcquisitionQuery(measure, purchases, finalDimension, finalBucket,
                finalRange, finalHorizon, finalMonths, finalUsers));
    }

    /** The query's text after its first word, as written. */
    private static String afterFirstWord(AcquisitionQueryContext ctx) {
        int from = ctx.getStart().getStopIndex() + 1;
        int to = ctx.getStop().getStopIndex();
        return to < from ? "" : ctx.getStart().getInputStream().getText(Interval.of(from, to));
    }

    private static AcquisitionMeasure measure(AcquisitionQueryContext ctx) {
        if (ctx.SPEND() != null) {
            return ctx.SHARE() != null ? AcquisitionMeasure.SPEND_SHARE : AcquisitionMeasure.SPEND;
        }
        return switch (ctx.kind.getType()) {
            case VoronkaQueryLexer.CAC -> AcquisitionMeasure.CAC;
            case VoronkaQueryLexer.ROI -> AcquisitionMeasure.ROI;
            default -> AcquisitionMeasure.ROMI;
        };
    }
}
