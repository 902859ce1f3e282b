package io.voronka.engine.query;

import java.util.List;
import java.util.Optional;

/**
 * A measure over events of some types per calendar bucket: {@code users of 3 per day last 7d},
 * {@code sum of pay per day}. Empty {@code events} means every event. {@code cumulative} accumulates over the
 * buckets (for USERS: distinct users seen up to and including the bucket); {@code change} adds the relative
 * change against the previous bucket.
 */
public record MetricQuery(Measure measure, List<EventRef> events, Bucket bucket, DateRange range,
                          List<DimensionFilter> filters, Optional<String> breakdown, boolean cumulative,
                          boolean change) implements Query {
    public MetricQuery {
        events = List.copyOf(events);
        filters = List.copyOf(filters);
        if (cumulative && (bucket == Bucket.WEEKDAY || bucket == Bucket.HOUR_OF_DAY)) {
            throw new IllegalArgumentException("cumulative needs a time bucket (day, week, month), not " + bucket);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.metric(this);
    }
}
