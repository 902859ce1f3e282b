package io.voronka.engine.query;

import java.util.List;

/**
 * One funnel step: any of its alternatives fills it ({@code 4|13}). {@code maxSecondsFromPrevious} limits the
 * time from the previous step's event (0 = no limit of its own; the funnel window still applies).
 */
public record Step(List<EventRef> alternatives, long maxSecondsFromPrevious) {
    public Step {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one event");
        }
        if (maxSecondsFromPrevious < 0) {
            throw new IllegalArgumentException("a step's time limit must be >= 0, was " + maxSecondsFromPrevious);
        }
    }

    public static Step of(EventRef... alternatives) {
        return new Step(List.of(alternatives), 0);
    }

    public boolean hasTimeLimit() {
        return maxSecondsFromPrevious > 0;
    }
}
