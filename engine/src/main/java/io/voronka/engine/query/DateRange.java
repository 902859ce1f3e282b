package io.voronka.engine.query;

import java.time.LocalDate;

/**
 * Which entries (funnels) or events (metrics) a query looks at, in the store's time zone. Relative ranges
 * count back from "today": the last day present in the data unless the caller sets it.
 */
public sealed interface DateRange {
    /** Everything. */
    record All() implements DateRange {
    }

    /** From the start of {@code from} to the end of {@code toInclusive}. */
    record Between(LocalDate from, LocalDate toInclusive) implements DateRange {
        public Between {
            if (toInclusive.isBefore(from)) {
                throw new IllegalArgumentException("date range ends before it starts: " + from + " to " + toInclusive);
            }
        }
    }

    /** The last {@code days} days up to and including today ({@code last 7d}). */
    record LastDays(int days) implements DateRange {
        public LastDays {
            if (days < 1) {
                throw new IllegalArgumentException("last N days needs N >= 1, was " + days);
            }
        }
    }

    static DateRange all() {
        return new All();
    }
}
