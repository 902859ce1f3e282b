package io.voronka.engine.query;

import java.util.List;

/**
 * DAU, WAU, MAU or the sticky factor over a range ({@code sticky of visit per month}): averages of daily, weekly or
 * monthly unique users with a matching event over the days, weeks or months of each bucket (total or month). Days
 * without events count as 0; a week or month cut by the range counts with the users seen inside it.
 */
public record ActivityQuery(ActivityMeasure measure, List<EventRef> events, List<DimensionFilter> filters,
                            Bucket bucket, DateRange range, UserFilter userFilter) implements Query {
    public ActivityQuery {
        events = List.copyOf(events);
        filters = List.copyOf(filters);
        if (bucket != Bucket.TOTAL && bucket != Bucket.MONTH) {
            throw new IllegalArgumentException("dau, wau, mau and sticky are averaged per month or over the range"
                    + " (per total), not per " + bucket.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The same query counting every user. */
    public ActivityQuery(ActivityMeasure measure, List<EventRef> events, List<DimensionFilter> filters, Bucket bucket,
                         DateRange range) {
        this(measure, events, filters, bucket, range, UserFilter.NONE);
    }

    public ActivityQuery withUserFilter(UserFilter f) {
        return new ActivityQuery(measure, events, filters, bucket, range, f);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.activity(this);
    }
}
