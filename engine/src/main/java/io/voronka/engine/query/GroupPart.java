package io.voronka.engine.query;

import java.util.Objects;

/** One level of a breakdown: a dimension, or a calendar part of the event's time ({@code weekday}, {@code hour}). */
public sealed interface GroupPart {
    /** The dimension's name or the calendar part's word, for labels. */
    String name();

    /** Groups by a dimension's value (the event's own, else the user's first touch). */
    record Dimension(String name) implements GroupPart {
        public Dimension {
            Objects.requireNonNull(name, "dimension");
        }
    }

    /** Groups by the weekday (Mon..Sun) or hour of day (00..23) of the event, in the store's time zone. */
    record Calendar(Bucket part) implements GroupPart {
        public Calendar {
            if (part != Bucket.WEEKDAY && part != Bucket.HOUR_OF_DAY) {
                throw new IllegalArgumentException("a calendar breakdown is by weekday or hour, not " + part);
            }
        }

        @Override
        public String name() {
            return part == Bucket.WEEKDAY ? "weekday" : "hour";
        }
    }
}
