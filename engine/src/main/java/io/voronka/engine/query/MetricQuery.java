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
                          boolean change, UserFilter userFilter) implements Query {
    public MetricQuery {
        events = List.copyOf(events);
        filters = List.copyOf(filters);
        if (cumulative && (bucket == Bucket.WEEKDAY || bucket == Bucket.HOUR_OF_DAY)) {
            throw new IllegalArgumentException("cumulative needs a time bucket (day, week, month), not " + bucket);
        }
    }

    /** The same query counting every user. */
    public MetricQuery(Measure measure, List<EventRef> events, Bucket bucket, DateRange range,
                       List<DimensionFilter> filters, Optional<String> breakdown, boolean cumulative,
                       boolean change) {
        this(measure, events, bucket, range, filters, breakdown, cumulative, change, UserFilter.NONE);
    }

    public MetricQuery withUserFilter(UserFilter f) {
        return new MetricQuery(measure, events, bucket, range, filters, breakdown, cumulative, change, f);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.metric(this);
    }
}
