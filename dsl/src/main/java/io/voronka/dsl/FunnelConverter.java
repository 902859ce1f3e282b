package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryParser.ByClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.CountClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.DrillClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.EventsContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ExcludeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FunnelModeContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FunnelPartContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FunnelQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FunnelWhereClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FunnelRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.ModeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.NextStepContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TimesClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.FunnelTopClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TrendClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.WithinClauseContext;
import io.voronka.engine.query.Attribution;
import io.voronka.engine.query.Breakdown;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.Counting;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DrillDown;
import io.voronka.engine.query.EventFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Exclusion;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.query.Trend;
import io.voronka.engine.query.TrendBy;
import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one funnel's parse tree into a {@link FunnelQuery}. Steps come first: a {@code within} directly followed
 * by {@code >} limits the time from the previous step, any other {@code within} is the window, and no step may
 * follow a clause. Used once per query.
 */
final class FunnelConverter {
    static final int DEFAULT_DRILL_LIMIT = 100;

    private record StepDraft(List<EventRef> events, long limitSeconds, Token limitAt, List<EventFilter> filters) {
        StepDraft withFilters(List<EventFilter> more) {
            List<EventFilter> all = new ArrayList<>(filters);
            all.addAll(more);
            return new StepDraft(events, limitSeconds, limitAt, all);
        }
    }

    private record ExclusionDraft(Exclusion exclusion, ExcludeClauseContext at) {
    }

    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final ConditionReader conditions;
    private final SourceText source;
    private final List<UserCondition> userConditions = new ArrayList<>();

    private final List<StepDraft> steps = new ArrayList<>();
    private final List<ExclusionDraft> exclusions = new ArrayList<>();
    private long windowSeconds = FunnelQuery.DEFAULT_WINDOW_SECONDS;
    private DateRange range = DateRange.all();
    private FunnelMode mode = FunnelMode.ORDERED;
    private ModeClauseContext modeAt;
    private Counting counting = Counting.USERS;
    private Breakdown breakdown;
    private Bucket trendBucket;
    private TrendBy trendBy = TrendBy.ENTRY;
    private boolean timeToConvert;
    private DrillDown drillDown;
    /** Where options that only some modes support were written, for positioned errors. */
    private FunnelPartContext countAt;
    private FunnelPartContext timesAt;
    private FunnelPartContext drillAt;
    private ParserRuleContext stepBreakdownAt;

    FunnelConverter(CatalogLookup lookup, ClauseReader reader, ConditionReader conditions) {
        this.lookup = lookup;
        this.reader = reader;
        this.conditions = conditions;
        this.source = reader.source();
    }

    FunnelQuery convert(FunnelQueryContext ctx) throws QueryException {
        List<FunnelPartContext> clauses = readSteps(ctx);
        for (int i = 0; i < clauses.size(); i++) {
            apply(clauses.get(i), i > 0 ? clauses.get(i - 1) : null);
        }
        checkCombinations();
        List<Step> built = new ArrayList<>();
        for (StepDraft step : steps) {
            built.add(new Step(step.events(), step.limitSeconds(), step.filters()));
        }
        Optional<Trend> trend = Optional.ofNullable(trendBucket).map(bucket -> new Trend(bucket, trendBy));
        List<Exclusion> excluded = exclusions.stream().map(ExclusionDraft::exclusion).toList();
        return reader.built(ctx, () -> new FunnelQuery(built, windowSeconds, range, mode, counting, excluded,
                Optional.ofNullable(breakdown), trend, timeToConvert, Optional.ofNullable(drillDown),
                new UserFilter(userConditions)));
    }

    /** Collects the steps and their time limits; returns the clauses in the order written. */
    private List<FunnelPartContext> readSteps(FunnelQueryContext ctx) throws QueryException {
        steps.add(step(ctx.events()));
        List<FunnelPartContext> parts = ctx.funnelPart();
        List<FunnelPartContext> clauses = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            FunnelPartContext part = parts.get(i);
            boolean beforeStep = nextStepFollows(parts, i + 1);
            if (part instanceof NextStepContext next) {
                if (!clauses.isEmpty()) {
                    throw source.errorAt(next.GT().getSymbol(), "a step after a clause", List.of(),
                            "write all steps first, then the clauses (from '" + clauses.get(0).getStart().getText()
                                    + "' on)");
                }
                steps.add(step(next.events()));
            } else if (part instanceof WithinClauseContext within && beforeStep && clauses.isEmpty()) {
                limitLastStep(within);
            } else if (part instanceof FunnelWhereClauseContext where && clauses.isEmpty()) {
                filterLastStep(where);
            } else {
                clauses.add(part);
            }
        }
        return clauses;
    }

    /** Whether a step comes at {@code from}, past any step filters ({@code 4 within 3h where x = 'y' > 7}). */
    private static boolean nextStepFollows(List<FunnelPartContext> parts, int from) {
        int i = from;
        while (i < parts.size() && parts.get(i) instanceof FunnelWhereClauseContext) {
            i++;
        }
        return i < parts.size() && parts.get(i) instanceof NextStepContext;
    }

    private StepDraft step(EventsContext events) throws QueryException {
        return new StepDraft(lookup.events(events), 0, null, List.of());
    }

    /** A {@code where} right after a step: its event conditions filter that step, its user conditions the users. */
    private void filterLastStep(FunnelWhereClauseContext where) throws QueryException {
        ConditionReader.Read read = conditions.read(where.conditions());
        userConditions.addAll(read.users());
        if (!read.events().isEmpty()) {
            StepDraft last = steps.remove(steps.size() - 1);
            steps.add(last.withFilters(read.events()));
        }
    }

    /** A {@code where} after the clauses may only choose users: an event filter belongs right after its step. */
    private void filterUsers(FunnelWhereClauseContext where) throws QueryException {
        ConditionReader.Read read = conditions.read(where.conditions());
        if (!read.events().isEmpty()) {
            throw source.errorAt(read.eventsAt().get(0), "a filter on events after the funnel's clauses",
                    List.of(), "write it right after the step it filters (3 where utm_source = 'vk' > 4), "
                            + "or filter users by their first touch (where first utm_source = 'vk')");
        }
        userConditions.addAll(read.users());
    }

    private void limitLastStep(WithinClauseContext within) throws QueryException {
        Token duration = within.DURATION().getSymbol();
        if (steps.size() == 1) {
            throw source.errorAt(within, "the first step has no previous step to count a time limit from",
                    List.of(), "a 'within' written on a later step limits the time from the step before it; "
                            + "written after the last step it is the funnel's window");
        }
        long seconds = reader.positiveSeconds(duration, "a step's time limit");
        StepDraft last = steps.remove(steps.size() - 1);
        steps.add(new StepDraft(last.events(), seconds, within.WITHIN().getSymbol(), last.filters()));
    }

    private void apply(FunnelPartContext clause, FunnelPartContext previous) throws QueryException {
        if (clause instanceof WithinClauseContext within) {
            reader.once("the window", clause);
            windowSeconds = reader.positiveSeconds(within.DURATION().getSymbol(), "the window");
        } else if (clause instanceof FunnelRangeClauseContext ranged) {
            reader.once("the date range", clause);
            range = reader.range(ranged.dateRange());
        } else if (clause instanceof ModeClauseContext modeClause) {
            reader.once("the mode", clause);
            mode = mode(modeClause.funnelMode());
            modeAt = modeClause;
        } else if (clause instanceof ExcludeClauseContext exclude) {
            exclusions.add(new ExclusionDraft(exclusion(exclude), exclude));
        } else if (clause instanceof ByClauseContext by) {
            applyBy(by, previous);
        } else if (clause instanceof FunnelTopClauseContext top) {
            applyTop(top);
        } else if (clause instanceof TrendClauseContext trend) {
            reader.once("the trend", clause);
            trendBucket = trendBucket(trend);
        } else if (clause instanceof CountClauseContext count) {
            reader.once("what to count", clause);
            counting = count.USERS() != null ? Counting.USERS : Counting.CONVERSIONS;
            countAt = clause;
        } else if (clause instanceof FunnelWhereClauseContext where) {
            filterUsers(where);
        } else if (clause instanceof TimesClauseContext) {
            reader.once("times", clause);
            timeToConvert = true;
            timesAt = clause;
        } else {
            reader.once("the drill-down", clause);
            drillDown = drillDown((DrillClauseContext) clause);
            drillAt = clause;
        }
    }

    private static FunnelMode mode(FunnelModeContext ctx) {
        if (ctx.ORDERED() != null) {
            return FunnelMode.ORDERED;
        }
        if (ctx.ANY() != null) {
            return FunnelMode.ANY_ORDER;
        }
        if (ctx.SEQUENCE() != null || ctx.ORDER() != null) {
            return FunnelMode.STRICT_ORDER;
        }
        return FunnelMode.STRICT_INCREASING;
    }

    private Exclusion exclusion(ExcludeClauseContext ctx) throws QueryException {
        List<EventRef> events = lookup.events(ctx.events());
        int last = steps.size();
        if (ctx.after == null) {
            if (last < 2) {
                throw source.errorAt(ctx, "an exclusion needs two steps to sit between, this funnel has one",
                        List.of(), "");
            }
            return new Exclusion(events, 1, last);
        }
        int after = reader.stepNumber(ctx.after, last, "exclusion step");
        int before = reader.stepNumber(ctx.before, last, "exclusion step");
        if (before <= after) {
            throw source.errorAt(ctx.before, "an exclusion's second step must come after its first (" + after + ")",
                    List.of(after < last ? "a step number from " + (after + 1) + " to " + last
                            : "a first step before the last"), "");
        }
        return new Exclusion(events, after, before);
    }

    private void applyBy(ByClauseContext by, FunnelPartContext previous) throws QueryException {
        if (by.byTarget().WEEKDAY() != null || by.byTarget().HOUR() != null) {
            if (by.stepNumber != null) {
                throw source.errorAt(by.AT().getSymbol(), "a funnel by weekday or hour uses the entry's time",
                        List.of(), "leave 'at step' out");
            }
            reader.once("the trend", by);
            trendBucket = by.byTarget().WEEKDAY() != null ? Bucket.WEEKDAY : Bucket.HOUR_OF_DAY;
            return;
        }
        if (by.byTarget().dimension() == null) {
            if (!(previous instanceof TrendClauseContext)) {
                throw source.errorAt(by, "'by " + by.byTarget().getText() + "' says which day a trend uses",
                        List.of(), "write it right after the trend: trend day by " + by.byTarget().getText());
            }
            if (by.stepNumber != null) {
                throw source.errorAt(by.AT().getSymbol(), "'at step' belongs to a breakdown by a dimension",
                        List.of(), "");
            }
            reader.once("the trend's day", by);
            trendBy = by.byTarget().ENTRY() != null ? TrendBy.ENTRY : TrendBy.COMPLETION;
            return;
        }
        reader.once("the breakdown", by);
        String dimension = lookup.dimension(by.byTarget().dimension());
        if (by.stepNumber == null) {
            breakdown = Breakdown.firstTouch(dimension);
            return;
        }
        int step = reader.stepNumber(by.stepNumber, steps.size(), "breakdown step");
        breakdown = reader.built(by, () -> new Breakdown(dimension, Attribution.STEP, step));
        stepBreakdownAt = by;
    }

    /** {@code top 10 utm_source [at step 2]}: a breakdown keeping the groups with the most entries. */
    private void applyTop(FunnelTopClauseContext top) throws QueryException {
        reader.once("the breakdown", top);
        int k = reader.positiveNumber(top.top, "top");
        String dimension = lookup.dimension(top.dimension());
        if (top.stepNumber == null) {
            breakdown = Breakdown.firstTouch(dimension).withTop(k);
            return;
        }
        int step = reader.stepNumber(top.stepNumber, steps.size(), "breakdown step");
        breakdown = reader.built(top, () -> new Breakdown(dimension, Attribution.STEP, step, k));
        stepBreakdownAt = top;
    }

    /** In a funnel trend {@code hour} means the hour of day (conversion by hour, seed 004). */
    private Bucket trendBucket(TrendClauseContext trend) throws QueryException {
        Bucket bucket = ClauseReader.bucket(trend.bucket());
        if (bucket == Bucket.TOTAL) {
            throw source.errorAt(trend.bucket(), "a trend needs a time bucket",
                    List.of("day, week, month, weekday or hour"), "leave the trend out for one total");
        }
        return bucket == Bucket.HOUR ? Bucket.HOUR_OF_DAY : bucket;
    }

    private DrillDown drillDown(DrillClauseContext ctx) throws QueryException {
        int reached = reader.stepNumber(ctx.reached, steps.size(), "drill-down step");
        int limit = ctx.limit == null ? DEFAULT_DRILL_LIMIT : reader.positiveNumber(ctx.limit, "the limit");
        int offset = ctx.offset == null ? 0 : reader.number(ctx.offset, "the offset");
        return reader.built(ctx, () -> new DrillDown(reached, offset, limit));
    }

    /** Options that do not combine: each pair is rejected here with its position (docs/funnel-semantics.md). */
    private void checkCombinations() throws QueryException {
        if (drillAt != null && counting == Counting.CONVERSIONS) {
            throw source.errorAt(drillAt, "a drill-down lists users, but this funnel counts conversions",
                    List.of(), "drop 'count conversions' (at " + position(countAt) + ") to list the users");
        }
        checkAnyOrder();
    }

    private static String position(FunnelPartContext ctx) {
        return ctx.getStart().getLine() + ":" + (ctx.getStart().getCharPositionInLine() + 1);
    }

    private void checkAnyOrder() throws QueryException {
        if (mode != FunnelMode.ANY_ORDER) {
            return;
        }
        String hint = "'any order' (at " + modeAt.getStart().getLine() + ":"
                + (modeAt.getStart().getCharPositionInLine() + 1) + ") ignores the order of steps; drop one of them";
        if (!exclusions.isEmpty()) {
            throw source.errorAt(exclusions.get(0).at(), "exclusions need an ordered mode", List.of(), hint);
        }
        for (StepDraft step : steps) {
            if (step.limitAt() != null) {
                throw source.errorAt(step.limitAt(), "per-step time limits need an ordered mode", List.of(), hint);
            }
        }
        if (countAt != null && counting == Counting.CONVERSIONS) {
            throw source.errorAt(countAt, "counting conversions needs an ordered mode (a conversion starts at a "
                    + "step-1 event)", List.of(), hint);
        }
        if (timesAt != null) {
            throw source.errorAt(timesAt, "times between steps need an ordered mode", List.of(), hint);
        }
        if (stepBreakdownAt != null) {
            throw source.errorAt(stepBreakdownAt, "a breakdown at a step needs an ordered mode", List.of(),
                    hint + ", or break down by first touch (no 'at step')");
        }
    }
}
