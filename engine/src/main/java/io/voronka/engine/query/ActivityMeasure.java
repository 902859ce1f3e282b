package io.voronka.engine.query;

/** Average active users as seeds 002/003 compute them. */
public enum ActivityMeasure {
    /** The mean of daily unique users over the calendar days of the bucket. */
    DAU,
    /** The mean of weekly unique users over the (Monday-based) weeks that start in the bucket. */
    WAU,
    /** The mean of monthly unique users over the months of the bucket. */
    MAU,
    /** DAU ÷ MAU of the bucket (the sticky factor). */
    STICKY
}
