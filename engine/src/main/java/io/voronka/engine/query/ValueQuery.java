package io.voronka.engine.query;

import java.util.List;

/**
 * A statistic of the values of matching events ({@code median of value of order}, {@code p90 of value of call
 * where status = 'success' by department}) or their distribution ({@code distribution of value of call by status}),
 * per group and bucket of the event. Events without a value are left out. {@code percentile} (1..99) is used with
 * {@link ValueStatistic#PERCENTILE}.
 */
public record ValueQuery(ValueStatistic statistic, int percentile, List<EventRef> events,
                         List<DimensionFilter> filters, GroupBy groupBy, Bucket bucket, DateRange range,
                         UserFilter userFilter) implements Query {
    public ValueQuery {
        events = List.copyOf(events);
        filters = List.copyOf(filters);
        if (statistic == ValueStatistic.PERCENTILE && (percentile < 1 || percentile > 99)) {
            throw new IllegalArgumentException("a percentile is p1..p99, was p" + percentile);
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a value statistic needs the events whose values it takes: of order");
        }
    }

    /** The statistic's quantile (0.5 for the median), NaN for the others. */
    public double quantile() {
        return switch (statistic) {
            case MEDIAN -> 0.5;
            case PERCENTILE -> percentile / 100.0;
            default -> Double.NaN;
        };
    }

    /** The same query counting every user. */
    public ValueQuery(ValueStatistic statistic, int percentile, List<EventRef> events, List<DimensionFilter> filters,
                      GroupBy groupBy, Bucket bucket, DateRange range) {
        this(statistic, percentile, events, filters, groupBy, bucket, range, UserFilter.NONE);
    }

    public ValueQuery withUserFilter(UserFilter f) {
        return new ValueQuery(statistic, percentile, events, filters, groupBy, bucket, range, f);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.value(this);
    }
}
