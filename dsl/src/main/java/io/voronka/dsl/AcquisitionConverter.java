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

import java.util.List;

/** Turns {@code cac of pay by utm_source per month} into an {@link AcquisitionQuery}. */
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
        AcquisitionMeasure measure = ctx.kind.getType() == VoronkaQueryLexer.CAC ? AcquisitionMeasure.CAC
                : AcquisitionMeasure.ROMI;
        List<EventRef> purchases = lookup.events(ctx.events());
        String dimension = null;
        Bucket bucket = Bucket.MONTH;
        DateRange range = DateRange.all();
        long horizon = 0;
        UserFilter users = UserFilter.NONE;
        for (AcquisitionClauseContext clause : ctx.acquisitionClause()) {
            if (clause instanceof AcquisitionByClauseContext by) {
                reader.once("the acquisition dimension", clause);
                dimension = lookup.dimension(by.dimension());
            } else if (clause instanceof AcquisitionPerClauseContext per) {
                reader.once("the bucket", clause);
                bucket = ClauseReader.bucket(per.bucket());
            } else if (clause instanceof AcquisitionRangeClauseContext ranged) {
                reader.once("the date range", clause);
                range = reader.range(ranged.dateRange());
            } else if (clause instanceof AcquisitionWhereClauseContext where) {
                reader.once("the filter", clause);
                users = conditions.users(where.conditions(), ctx.kind.getText());
            } else {
                reader.once("the revenue horizon", clause);
                horizon = reader.positiveSeconds(((AcquisitionWithinClauseContext) clause).DURATION().getSymbol(),
                        "the revenue horizon");
            }
        }
        if (dimension == null) {
            throw source.errorAt(ctx, ctx.kind.getText() + " is counted per acquisition group",
                    List.of("by and a dimension, e.g. by utm_source"), "add: by utm_source");
        }
        String finalDimension = dimension;
        Bucket finalBucket = bucket;
        DateRange finalRange = range;
        long finalHorizon = horizon;
        UserFilter finalUsers = users;
        return reader.built(ctx, () -> new AcquisitionQuery(measure, purchases, finalDimension, finalBucket,
                finalRange, finalHorizon, finalUsers));
    }
}
