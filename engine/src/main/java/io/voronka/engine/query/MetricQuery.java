package io.voronka.engine.query;

import java.util.List;
import java.util.Optional;

/**
 * A measure over events of some types per calendar bucket: {@code users of 3 per day last 7d},
 * {@code sum of pay per day}. Empty {@code events} means every event. {@code cumulative} accumulates over the
 * buckets (for USERS: distinct users seen up to and including the bucket); {@code change} adds the relative
 * change against the previous bucket. {@code top > 0} keeps the breakdown's {@code top} groups with the largest
 * total (the sum of their values over the buckets; for averages the most events with a value), 0 keeps all.
 */
public record MetricQuery(Measure measure, List<EventRef> events, Bucket bucket, DateRange range,
                          List<DimensionFilter> filters, Optional<String> breakdown, boolean cumulative,
                          boolean change, UserFilter userFilter, int top) implements Query {
    public MetricQuery {
        events = List.copyOf(events);
        filters = List.copyOf(filters);
        if (cumulative && (bucket == Bucket.WEEKDAY || bucket == Bucket.HOUR_OF_DAY)) {
            throw new IllegalArgumentException("cumulative needs a time bucket (day, week, month), not " + bucket);
        }
        if (top < 0 || (top > 0 && breakdown.isEmpty())) {
            throw new IllegalArgumentException("top needs a breakdown and must be >= 1, was " + top);
        }
    }

    /** Every group of the breakdown. */
    public MetricQuery(Measure measure, List<EventRef> events, Bucket bucket, DateRange range,
                       List<DimensionFilter> filters, Optional<String> breakdown, boolean cumulative, boolean change,
                       UserFilter userFilter) {
        this(measure, events, bucket, range, filters, breakdown, cumulative, change, userFilter, 0);
    }

    /** The same query counting every user. */
    public MetricQuery(Measure measure, List<EventRef> events, Bucket bucket, DateRange range,
                       List<DimensionFilter> filters, Optional<String> breakdown, boolean cumulative,
                       boolean change) {
        this(measure, events, bucket, range, filters, breakdown, cumulative, change, UserFilter.NONE);
    }

    public MetricQuery withUserFilter(UserFilter f) {
        return new MetricQuery(measure, events, bucket, range, filters, breakdown, cumulative, change, f, top);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.metric(this);
    }
}
