package io.voronka.engine.query;

/**
 * A parsed question, independent of how it is evaluated: the in-memory evaluator answers it today, a Spark
 * partition or a SQL backend can answer the same records. Events are named by {@link EventRef}, dimensions by
 * name.
 *
 * <p>Everything that handles every kind of query implements {@link Visitor}: a new kind is a new record here and a
 * new method there, so the compiler lists each place that must learn it (docs/architecture.md).
 */
public sealed interface Query permits FunnelQuery, MetricQuery, RetentionQuery, AcquisitionQuery, PathsQuery,
        TimeInStatusQuery, RateQuery, ValueQuery, SessionQuery, ActivityQuery {
    /** The dates the query looks at (entries for funnels, cohorts for retention, buckets for metrics). */
    DateRange range();

    /** The users the query counts ({@link UserFilter#NONE}: everybody). */
    default UserFilter userFilter() {
        return UserFilter.NONE;
    }

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of query. */
    interface Visitor<R> {
        R funnel(FunnelQuery query);

        R metric(MetricQuery query);

        R retention(RetentionQuery query);

        R acquisition(AcquisitionQuery query);

        R rate(RateQuery query);

        R value(ValueQuery query);

        R session(SessionQuery query);

        R activity(ActivityQuery query);

        R paths(PathsQuery query);

        R timeInStatus(TimeInStatusQuery query);
    }
}
