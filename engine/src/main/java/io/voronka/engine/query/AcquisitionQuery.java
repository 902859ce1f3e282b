package io.voronka.engine.query;

import java.util.List;

/**
 * CAC or ROMI per value of {@code dimension} (an ad source) per bucket. New customers are users whose first
 * {@code purchases} event falls in the bucket (and in the range), attributed to the first touch of
 * {@code dimension}; spend comes from the configured costs; revenue is the value of the customers' purchases
 * within {@code horizonSeconds} of their first one (0 = all of them).
 */
public record AcquisitionQuery(AcquisitionMeasure measure, List<EventRef> purchases, String dimension, Bucket bucket,
                               DateRange range, long horizonSeconds, UserFilter userFilter) implements Query {
    public AcquisitionQuery {
        purchases = List.copyOf(purchases);
        if (purchases.isEmpty()) {
            throw new IllegalArgumentException("CAC and ROMI need the purchase events, e.g. 'of pay'");
        }
        if (bucket == Bucket.WEEKDAY || bucket == Bucket.HOUR_OF_DAY || bucket == Bucket.HOUR) {
            throw new IllegalArgumentException("CAC and ROMI use day, week, month or total, not " + bucket);
        }
        if (horizonSeconds < 0) {
            throw new IllegalArgumentException("the revenue horizon must be >= 0, was " + horizonSeconds);
        }
    }

    /** The same query counting every user. */
    public AcquisitionQuery(AcquisitionMeasure measure, List<EventRef> purchases, String dimension, Bucket bucket,
                            DateRange range, long horizonSeconds) {
        this(measure, purchases, dimension, bucket, range, horizonSeconds, UserFilter.NONE);
    }

    public AcquisitionQuery withUserFilter(UserFilter f) {
        return new AcquisitionQuery(measure, purchases, dimension, bucket, range, horizonSeconds, f);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.acquisition(this);
    }
}
