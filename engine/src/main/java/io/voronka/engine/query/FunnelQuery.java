package io.voronka.engine.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered (or any-order) funnel: steps, the conversion window counted from the first step's event, the date
 * range of that first event, and the options. Defaults: see {@link #of}.
 */
public record FunnelQuery(List<Step> steps, long windowSeconds, DateRange range, FunnelMode mode, Counting counting,
                          List<Exclusion> exclusions, Optional<Breakdown> breakdown, Optional<Trend> trend,
                          boolean timeToConvert, Optional<DrillDown> drillDown, UserFilter userFilter)
        implements Query {
    /** 14 days, the default conversion window. */
    public static final long DEFAULT_WINDOW_SECONDS = 14L * 24 * 3600;

    public FunnelQuery {
        steps = List.copyOf(steps);
        exclusions = List.copyOf(exclusions);
        Objects.requireNonNull(userFilter, "userFilter");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a funnel needs at least one step");
        }
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("the window must be > 0 seconds, was " + windowSeconds);
        }
        for (Exclusion e : exclusions) {
            if (e.beforeStep() > steps.size()) {
                throw new IllegalArgumentException("exclusion refers to step " + e.beforeStep() + " of a "
                        + steps.size() + "-step funnel");
            }
        }
        if (breakdown.isPresent() && breakdown.get().attribution() == Attribution.STEP
                && breakdown.get().step() > steps.size()) {
            throw new IllegalArgumentException("breakdown refers to step " + breakdown.get().step() + " of a "
                    + steps.size() + "-step funnel");
        }
        if (drillDown.isPresent() && drillDown.get().reachedStep() > steps.size()) {
            throw new IllegalArgumentException("drill-down refers to step " + drillDown.get().reachedStep()
                    + " of a " + steps.size() + "-step funnel");
        }
        if (mode == FunnelMode.ANY_ORDER && (!exclusions.isEmpty() || steps.stream().anyMatch(Step::hasTimeLimit))) {
            throw new IllegalArgumentException("exclusions and per-step time limits need an ordered mode");
        }
        if (mode == FunnelMode.ANY_ORDER && (counting == Counting.CONVERSIONS || timeToConvert
                || breakdown.isPresent() && breakdown.get().attribution() == Attribution.STEP)) {
            throw new IllegalArgumentException("counting conversions, times between steps and a breakdown at a step "
                    + "need an ordered mode");
        }
        if (drillDown.isPresent() && counting == Counting.CONVERSIONS) {
            throw new IllegalArgumentException("a drill-down lists users; it cannot count conversions");
        }
    }

    /** A funnel counting every user. */
    public FunnelQuery(List<Step> steps, long windowSeconds, DateRange range, FunnelMode mode, Counting counting,
                       List<Exclusion> exclusions, Optional<Breakdown> breakdown, Optional<Trend> trend,
                       boolean timeToConvert, Optional<DrillDown> drillDown) {
        this(steps, windowSeconds, range, mode, counting, exclusions, breakdown, trend, timeToConvert, drillDown,
                UserFilter.NONE);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.funnel(this);
    }

    /** Steps with the defaults: 14-day window, all dates, ordered, counting users, no options. */
    public static FunnelQuery of(List<Step> steps) {
        return new FunnelQuery(steps, DEFAULT_WINDOW_SECONDS, DateRange.all(), FunnelMode.ORDERED, Counting.USERS,
                List.of(), Optional.empty(), Optional.empty(), false, Optional.empty(), UserFilter.NONE);
    }

    public FunnelQuery withWindow(long seconds) {
        return new FunnelQuery(steps, seconds, range, mode, counting, exclusions, breakdown, trend, timeToConvert,
                drillDown, userFilter);
    }

    public FunnelQuery withRange(DateRange r) {
        return new FunnelQuery(steps, windowSeconds, r, mode, counting, exclusions, breakdown, trend, timeToConvert,
                drillDown, userFilter);
    }

    public FunnelQuery withMode(FunnelMode m) {
        return new FunnelQuery(steps, windowSeconds, range, m, counting, exclusions, breakdown, trend, timeToConvert,
                drillDown, userFilter);
    }

    public FunnelQuery withCounting(Counting c) {
        return new FunnelQuery(steps, windowSeconds, range, mode, c, exclusions, breakdown, trend, timeToConvert,
                drillDown, userFilter);
    }

    public FunnelQuery withExclusions(List<Exclusion> e) {
        return new FunnelQuery(steps, windowSeconds, range, mode, counting, e, breakdown, trend, timeToConvert,
                drillDown, userFilter);
    }

    public FunnelQuery withBreakdown(Breakdown b) {
        return new FunnelQuery(steps, windowSeconds, range, mode, counting, exclusions, Optional.ofNullable(b), trend,
                timeToConvert, drillDown, userFilter);
    }

    public FunnelQuery withTrend(Trend t) {
        return new FunnelQuery(steps, windowSeconds, range, mode, counting, exclusions, breakdown, Optional.ofNullable(t),
                timeToConvert, drillDown, userFilter);
    }

    public FunnelQuery withTimeToConvert(boolean on) {
        return new FunnelQuery(steps, windowSeconds, range, mode, counting, exclusions, breakdown, trend, on, drillDown,
                userFilter);
    }

    public FunnelQuery withUserFilter(UserFilter f) {
        return new FunnelQuery(steps, windowSeconds, range, mode, counting, exclusions, breakdown, trend, timeToConvert,
                drillDown, f);
    }

    public FunnelQuery withSteps(List<Step> s) {
        return new FunnelQuery(s, windowSeconds, range, mode, counting, exclusions, breakdown, trend, timeToConvert,
                drillDown, userFilter);
    }

    public FunnelQuery withDrillDown(DrillDown d) {
        return new FunnelQuery(steps, windowSeconds, range, mode, counting, exclusions, breakdown, trend, timeToConvert,
                Optional.ofNullable(d), userFilter);
    }
}
