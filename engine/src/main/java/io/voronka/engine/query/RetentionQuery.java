package io.voronka.engine.query;

import java.util.List;
import java.util.Optional;

/**
 * Cohorts by the bucket of each user's first {@code cohortEvents} event (inside {@code range}); for each cohort
 * and age 0..periods-1 (in buckets since the cohort's bucket), the users who did a {@code returnEvents} event at
 * that age ({@link Measure#USERS}), or the sum of those events' values per cohort member ({@link Measure#SUM}:
 * LTV, usually {@code cumulative}).
 */
public record RetentionQuery(List<EventRef> cohortEvents, List<EventRef> returnEvents, Bucket period, int periods,
                             DateRange range, Measure measure, boolean cumulative, Optional<String> breakdown,
                             UserFilter userFilter) implements Query {
    public RetentionQuery {
        cohortEvents = List.copyOf(cohortEvents);
        returnEvents = List.copyOf(returnEvents);
        if (period != Bucket.DAY && period != Bucket.WEEK && period != Bucket.MONTH) {
            throw new IllegalArgumentException("retention periods are day, week or month, not " + period);
        }
        if (periods < 1 || periods > 1000) {
            throw new IllegalArgumentException("retention needs 1..1000 periods, was " + periods);
        }
        if (measure != Measure.USERS && measure != Measure.SUM) {
            throw new IllegalArgumentException("retention measures users or sum, not " + measure);
        }
    }

    /** The same query counting every user. */
    public RetentionQuery(List<EventRef> cohortEvents, List<EventRef> returnEvents, Bucket period, int periods,
                          DateRange range, Measure measure, boolean cumulative, Optional<String> breakdown) {
        this(cohortEvents, returnEvents, period, periods, range, measure, cumulative, breakdown, UserFilter.NONE);
    }

    public RetentionQuery withUserFilter(UserFilter f) {
        return new RetentionQuery(cohortEvents, returnEvents, period, periods, range, measure, cumulative, breakdown, f);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.retention(this);
    }
}
