package io.voronka.engine.query;

import java.util.List;
import java.util.Objects;

/**
 * How long a status lasts: for every event of {@code from} inside {@code range}, the time until the same user's
 * next event (of {@code next}; of any type when empty). Events with no next event are open and counted apart.
 * With {@code outcome} the distribution is split by whether the user had an outcome event within
 * {@code outcomeWindowSeconds} at or after the status event. Exact rules in docs/funnel-semantics.md.
 */
public record TimeInStatusQuery(List<EventRef> from, List<EventRef> next, List<EventRef> outcome,
                                long outcomeWindowSeconds, Binning binning, DateRange range, UserFilter userFilter)
        implements Query {
    public TimeInStatusQuery {
        from = List.copyOf(from);
        next = List.copyOf(next);
        outcome = List.copyOf(outcome);
        Objects.requireNonNull(binning, "binning");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(userFilter, "userFilter");
        if (from.isEmpty()) {
            throw new IllegalArgumentException("time in status needs the status events: time from EVENTS to next");
        }
        if (outcomeWindowSeconds <= 0) {
            throw new IllegalArgumentException("the outcome window must be > 0 seconds, was " + outcomeWindowSeconds);
        }
    }

    /** Time from {@code from} to the next event of any type, automatic bins, no outcome. */
    public static TimeInStatusQuery of(List<EventRef> from) {
        return new TimeInStatusQuery(from, List.of(), List.of(), FunnelQuery.DEFAULT_WINDOW_SECONDS,
                new Binning.Auto(), DateRange.all(), UserFilter.NONE);
    }

    public boolean hasOutcome() {
        return !outcome.isEmpty();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.timeInStatus(this);
    }
}
