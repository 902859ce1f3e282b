package io.voronka.engine.query;

import java.util.List;

/**
 * A chain may not reach step {@code beforeStep} if one of {@code events} happened strictly between its events
 * of step {@code afterStep} and step {@code beforeStep} (steps are 1-based): the user leaves the funnel there.
 */
public record Exclusion(List<EventRef> events, int afterStep, int beforeStep) {
    public Exclusion {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an exclusion needs at least one event");
        }
        if (afterStep < 1 || beforeStep <= afterStep) {
            throw new IllegalArgumentException("an exclusion needs 1 <= afterStep < beforeStep, was "
                    + afterStep + " and " + beforeStep);
        }
    }
}
