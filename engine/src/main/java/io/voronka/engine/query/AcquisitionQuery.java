package io.voronka.engine.query;

import java.util.List;
import java.util.Optional;

/**
 * CAC, ROI, ROMI or spend per value of {@code dimension} (an ad source; empty = all together) per bucket. New
 * customers are users whose first {@code purchases} event falls in the bucket (and in the range), attributed to the
 * first touch of {@code dimension}; spend comes from the configured costs; revenue is the value of the customers'
 * purchases within {@code horizonSeconds} of their first one, or in the {@code horizonMonths} calendar months from
 * the first one's month on (month of the first purchase + 0 … N−1, as seed 003 counts ages); all of them when both
 * are 0. ROMI = LTV / CAC needs a horizon in months; spend measures take no purchases.
 */
public record AcquisitionQuery(AcquisitionMeasure measure, List<EventRef> purchases, Optional<String> dimension,
                               Bucket bucket, DateRange range, long horizonSeconds, int horizonMonths,
                               UserFilter userFilter) implements Query {
    public AcquisitionQuery {
        purchases = List.copyOf(purchases);
        if (measure.needsPurchases() && purchases.isEmpty()) {
            throw new IllegalArgumentException("CAC, ROI and ROMI need the purchase events, e.g. 'of pay'");
        }
        if (!measure.needsPurchases() && !purchases.isEmpty()) {
            throw new IllegalArgumentException("spend is read from the costs, not from events");
        }
        if (bucket == Bucket.WEEKDAY || bucket == Bucket.HOUR_OF_DAY || bucket == Bucket.HOUR) {
            throw new IllegalArgumentException("CAC, ROI, ROMI and spend use day, week, month or total, not " + bucket);
        }
        if (horizonSeconds < 0 || horizonMonths < 0 || (horizonSeconds > 0 && horizonMonths > 0)) {
            throw new IllegalArgumentException("one revenue horizon >= 0, in seconds or in months");
        }
        if (horizonMonths > 0 && bucket != Bucket.MONTH) {
            throw new IllegalArgumentException("a horizon in calendar months needs monthly cohorts: per month");
        }
        if (measure == AcquisitionMeasure.ROMI && horizonMonths == 0) {
            throw new IllegalArgumentException("romi (LTV / CAC) needs a horizon in calendar months: within 6 months");
        }
        if (measure == AcquisitionMeasure.SPEND_SHARE && dimension.isEmpty()) {
            throw new IllegalArgumentException("spend share needs the groups to share: by utm_source");
        }
    }

    /** The same query counting every user. */
    public AcquisitionQuery(AcquisitionMeasure measure, List<EventRef> purchases, Optional<String> dimension,
                            Bucket bucket, DateRange range, long horizonSeconds, int horizonMonths) {
        this(measure, purchases, dimension, bucket, range, horizonSeconds, horizonMonths, UserFilter.NONE);
    }

    public AcquisitionQuery withUserFilter(UserFilter f) {
        return new AcquisitionQuery(measure, purchases, dimension, bucket, range, horizonSeconds, horizonMonths, f);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.acquisition(this);
    }
}
