package io.voronka.engine.query;

import java.util.List;

/**
 * One funnel step: any of its alternatives fills it ({@code 4|13}), if the event also passes every one of
 * {@code filters} ({@code pay where value >= 10000}). {@code maxSecondsFromPrevious} limits the time from the
 * previous step's event (0 = no limit of its own; the funnel window still applies).
 */
public record Step(List<EventRef> alternatives, long maxSecondsFromPrevious, List<EventFilter> filters) {
    public Step {
        alternatives = List.copyOf(alternatives);
        filters = List.copyOf(filters);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one event");
        }
        if (maxSecondsFromPrevious < 0) {
            throw new IllegalArgumentException("a step's time limit must be >= 0, was " + maxSecondsFromPrevious);
        }
    }

    /** A step without filters. */
    public Step(List<EventRef> alternatives, long maxSecondsFromPrevious) {
        this(alternatives, maxSecondsFromPrevious, List.of());
    }

    public static Step of(EventRef... alternatives) {
        return new Step(List.of(alternatives), 0);
    }

    public boolean hasTimeLimit() {
        return maxSecondsFromPrevious > 0;
    }

    public boolean hasFilters() {
        return !filters.isEmpty();
    }

    public Step withFilters(List<EventFilter> f) {
        return new Step(alternatives, maxSecondsFromPrevious, f);
    }
}
