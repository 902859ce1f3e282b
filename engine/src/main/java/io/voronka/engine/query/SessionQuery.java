package io.voronka.engine.query;

import java.util.List;
import java.util.Optional;

/**
 * Sessions of matching events ({@code sessions of visit gap 30m per day}): a user's matching events in time order,
 * a new session starting wherever more than {@code gapSeconds} passed since the previous one. A session counts in
 * the bucket (and the group of {@code breakdown}, by the value on its first event) of its first event, when that lies
 * in the range; its length is its last event's time minus its first's. Empty {@code events}: every event.
 */
public record SessionQuery(SessionMeasure measure, List<EventRef> events, List<DimensionFilter> filters,
                           long gapSeconds, Optional<String> breakdown, Bucket bucket, DateRange range,
                           UserFilter userFilter) implements Query {
    public static final long DEFAULT_GAP_SECONDS = 30 * 60;

    public SessionQuery {
        events = List.copyOf(events);
        filters = List.copyOf(filters);
        if (gapSeconds <= 0) {
            throw new IllegalArgumentException("the session gap must be longer than 0, was " + gapSeconds + "s");
        }
    }

    /** The same query counting every user. */
    public SessionQuery(SessionMeasure measure, List<EventRef> events, List<DimensionFilter> filters, long gapSeconds,
                        Optional<String> breakdown, Bucket bucket, DateRange range) {
        this(measure, events, filters, gapSeconds, breakdown, bucket, range, UserFilter.NONE);
    }

    public SessionQuery withUserFilter(UserFilter f) {
        return new SessionQuery(measure, events, filters, gapSeconds, breakdown, bucket, range, f);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.session(this);
    }
}
