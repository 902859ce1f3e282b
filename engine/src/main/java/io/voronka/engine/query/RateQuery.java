package io.voronka.engine.query;

import java.util.List;

/**
 * The share of denominator events that got a numerator event ({@code rate of sale per call}), per group and bucket
 * of the denominator event, with 95% Wilson intervals and tests of each group against the rest. Which numerator
 * event belongs to which denominator event is defined in docs/funnel-semantics.md ("Rates"): a numerator event of a
 * denominator type is a row of its own ({@code rate of call where status = 'success' per call}); any other is
 * attributed to the same user's latest denominator event at or before it, within {@code withinSeconds} when that is
 * above 0. Denominator events lie in the range; numerator events follow their denominator event.
 */
public record RateQuery(List<EventRef> numerator, List<DimensionFilter> numeratorFilters, List<EventRef> denominator,
                        List<DimensionFilter> denominatorFilters, GroupBy groupBy, Bucket bucket, DateRange range,
                        long withinSeconds, UserFilter userFilter) implements Query {
    public RateQuery {
        numerator = List.copyOf(numerator);
        numeratorFilters = List.copyOf(numeratorFilters);
        denominator = List.copyOf(denominator);
        denominatorFilters = List.copyOf(denominatorFilters);
        if (numerator.isEmpty() || denominator.isEmpty()) {
            throw new IllegalArgumentException("a rate needs numerator and denominator events: rate of sale per call");
        }
        if (withinSeconds < 0) {
            throw new IllegalArgumentException("the attribution window must be >= 0, was " + withinSeconds);
        }
    }

    /** The same query counting every user. */
    public RateQuery(List<EventRef> numerator, List<DimensionFilter> numeratorFilters, List<EventRef> denominator,
                     List<DimensionFilter> denominatorFilters, GroupBy groupBy, Bucket bucket, DateRange range,
                     long withinSeconds) {
        this(numerator, numeratorFilters, denominator, denominatorFilters, groupBy, bucket, range, withinSeconds,
                UserFilter.NONE);
    }

    public RateQuery withUserFilter(UserFilter f) {
        return new RateQuery(numerator, numeratorFilters, denominator, denominatorFilters, groupBy, bucket, range,
                withinSeconds, f);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.rate(this);
    }
}
