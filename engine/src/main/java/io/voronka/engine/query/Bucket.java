package io.voronka.engine.query;

/** Calendar buckets in the store's time zone. WEEK starts on Monday (ISO). */
public enum Bucket {
    /** No bucketing: one value for the whole range. */
    TOTAL,
    HOUR,
    DAY,
    WEEK,
    MONTH,
    /** Day of week, Monday..Sunday, over the whole range. */
    WEEKDAY,
    /** Hour of day, 0..23, over the whole range. */
    HOUR_OF_DAY
}
