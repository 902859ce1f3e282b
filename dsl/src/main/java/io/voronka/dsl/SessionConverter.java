package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryLexer;
import io.voronka.dsl.grammar.VoronkaQueryParser.ActivityClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ActivityPerClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ActivityQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ActivityRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ActivityWhereClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.GapClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.SessionByClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.SessionClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.SessionPerClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.SessionQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.SessionRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.SessionWhereClauseContext;
import io.voronka.engine.query.ActivityMeasure;
import io.voronka.engine.query.ActivityQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.SessionMeasure;
import io.voronka.engine.query.SessionQuery;
import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code sessions of visit gap 30m per day} into a {@link SessionQuery} and {@code sticky of visit per month}
 * into an {@link ActivityQuery}. Sessions default to a 30-minute gap and one total; activity to one total.
 */
final class SessionConverter {
    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final ConditionReader conditions;

    SessionConverter(CatalogLookup lookup, ClauseReader reader, ConditionReader conditions) {
        this.lookup = lookup;
        this.reader = reader;
        this.conditions = conditions;
    }

    SessionQuery session(SessionQueryContext ctx) throws QueryException {
        SessionMeasure measure = ctx.AVG() != null ? SessionMeasure.AVERAGE_LENGTH
                : ctx.USER() != null ? SessionMeasure.SESSIONS_PER_USER : SessionMeasure.SESSIONS;
        List<EventRef> events = ctx.events() == null ? List.of() : lookup.events(ctx.events());
        long gap = SessionQuery.DEFAULT_GAP_SECONDS;
        Bucket bucket = Bucket.TOTAL;
        DateRange range = DateRange.all();
        List<DimensionFilter> filters = new ArrayList<>();
        List<UserCondition> users = new ArrayList<>();
        Optional<String> breakdown = Optional.empty();
        for (SessionClauseContext clause : ctx.sessionClause()) {
            if (clause instanceof GapClauseContext g) {
                reader.once("the gap", clause);
                gap = reader.positiveSeconds(g.DURATION().getSymbol(), "the session gap");
            } else if (clause instanceof SessionPerClauseContext per) {
                reader.once("the bucket", clause);
                bucket = ClauseReader.bucket(per.bucket());
            } else if (clause instanceof SessionRangeClauseContext ranged) {
                reader.once("the date range", clause);
                range = reader.range(ranged.dateRange());
            } else if (clause instanceof SessionByClauseContext by) {
                reader.once("the breakdown", clause);
                breakdown = Optional.of(lookup.dimension(by.dimension()));
            } else {
                reader.once("the filter", clause);
                conditions.dimensionsAndUsers(((SessionWhereClauseContext) clause).whereFilters().conditions(),
                        "a session query", filters, users);
            }
        }
        long finalGap = gap;
        Bucket finalBucket = bucket;
        DateRange finalRange = range;
        List<DimensionFilter> finalFilters = filters;
        Optional<String> finalBreakdown = breakdown;
        return reader.built(ctx, () -> new SessionQuery(measure, events, finalFilters, finalGap, finalBreakdown,
                finalBucket, finalRange, new UserFilter(users)));
    }

    ActivityQuery activity(ActivityQueryContext ctx) throws QueryException {
        ActivityMeasure measure = switch (ctx.kind.getType()) {
            case VoronkaQueryLexer.DAU -> ActivityMeasure.DAU;
            case VoronkaQueryLexer.WAU -> ActivityMeasure.WAU;
            case VoronkaQueryLexer.MAU -> ActivityMeasure.MAU;
            default -> ActivityMeasure.STICKY;
        };
        List<EventRef> events = ctx.events() == null ? List.of() : lookup.events(ctx.events());
        Bucket bucket = Bucket.TOTAL;
        DateRange range = DateRange.all();
        List<DimensionFilter> filters = new ArrayList<>();
        List<UserCondition> users = new ArrayList<>();
        for (ActivityClauseContext clause : ctx.activityClause()) {
            if (clause instanceof ActivityPerClauseContext per) {
                reader.once("the bucket", clause);
                bucket = ClauseReader.bucket(per.bucket());
            } else if (clause instanceof ActivityRangeClauseContext ranged) {
                reader.once("the date range", clause);
                range = reader.range(ranged.dateRange());
            } else {
                reader.once("the filter", clause);
                conditions.dimensionsAndUsers(((ActivityWhereClauseContext) clause).whereFilters().conditions(),
                        "an active-user measure", filters, users);
            }
        }
        Bucket finalBucket = bucket;
        DateRange finalRange = range;
        List<DimensionFilter> finalFilters = filters;
        return reader.built(ctx, () -> new ActivityQuery(measure, events, finalFilters, finalBucket, finalRange,
                new UserFilter(users)));
    }
}
