package io.voronka.engine.query;

import java.util.List;

/** One condition a user must meet to be counted by a query ({@link UserFilter}). */
public sealed interface UserCondition {
    /**
     * The user has (or, negated, has not) at least one event of {@code events} inside {@code range}
     * ({@code where did 13|10}, {@code where not did pay in last 30d}).
     */
    record Did(List<EventRef> events, DateRange range, boolean negated) implements UserCondition {
        public Did {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("'did' needs at least one event");
            }
        }
    }

    /**
     * The user's first touch of a dimension (the value on their earliest event that has one) passes
     * {@code filter} ({@code where first utm_source = 'vk'}); a user with no value fails {@code =}/{@code in} and
     * passes {@code !=}/{@code not in}.
     */
    record FirstTouch(DimensionFilter filter) implements UserCondition {
    }
}
