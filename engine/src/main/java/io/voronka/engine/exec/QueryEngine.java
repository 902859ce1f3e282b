package io.voronka.engine.exec;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Evaluator;
import io.voronka.engine.eval.QueryTimeoutException;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserSelection;
import io.voronka.engine.funnel.FunnelEvaluator;
import io.voronka.engine.metric.AcquisitionEvaluator;
import io.voronka.engine.metric.ActivityEvaluator;
import io.voronka.engine.metric.MetricEvaluator;
import io.voronka.engine.metric.SessionEvaluator;
import io.voronka.engine.metric.RateEvaluator;
import io.voronka.engine.metric.ValueEvaluator;
import io.voronka.engine.metric.RetentionEvaluator;
import io.voronka.engine.path.PathsEvaluator;
import io.voronka.engine.path.TimeInStatusEvaluator;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.ActivityQuery;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.query.SessionQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ForkJoinPool;

/**
 * Answers any {@link Query} over a store: resolves the date range in the store's time zone (relative ranges end on
 * {@code today}, or on the last day present in the data when it is null), hands the query to the evaluator of its
 * kind, enforces a time limit. A query's user filter restricts the store the evaluator sees
 * ({@link UserSelection}), so every kind of query honours it the same way. One engine serves many concurrent queries; its pool does the parallel work of each.
 * The store may be the in-memory store, a reopened snapshot or one partition of a distributed run.
 */
public final class QueryEngine implements AutoCloseable {
    private final ForkJoinPool pool;
    private final FunnelEvaluator funnels;
    private final MetricEvaluator metrics;
    private final RetentionEvaluator retentions;
    private final AcquisitionEvaluator acquisitions;
    private final RateEvaluator rates;
    private final ValueEvaluator values;
    private final SessionEvaluator sessions;
    private final ActivityEvaluator activity;
    private final PathsEvaluator paths;
    private final TimeInStatusEvaluator timesInStatus;

    public QueryEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.pool = new ForkJoinPool(threads);
        this.funnels = new FunnelEvaluator(pool);
        this.metrics = new MetricEvaluator(pool);
        this.retentions = new RetentionEvaluator(pool);
        this.acquisitions = new AcquisitionEvaluator(pool);
        this.rates = new RateEvaluator(pool);
        this.values = new ValueEvaluator(pool);
        this.sessions = new SessionEvaluator(pool);
        this.activity = new ActivityEvaluator(pool);
        this.paths = new PathsEvaluator(pool);
        this.timesInStatus = new TimeInStatusEvaluator(pool);
    }

    public QueryResult execute(Query query, EventStore store) {
        return execute(query, store, null, Deadline.NONE);
    }

    public QueryResult execute(Query query, EventStore store, LocalDate today) {
        return execute(query, store, today, Deadline.NONE);
    }

    public QueryResult execute(Query query, EventStore store, LocalDate today, Duration timeLimit) {
        return execute(query, store, today, Deadline.after(timeLimit));
    }

    /**
     * @param today    the day relative ranges end on; null for the last day in the data
     * @param deadline checked while evaluating; {@link QueryTimeoutException} when it passes
     */
    public QueryResult execute(Query query, EventStore store, LocalDate today, Deadline deadline) {
        TimeRange range = TimeRange.resolve(query.range(), store, today);
        EventStore seen = UserSelection.restrict(store, query.userFilter(), today);
        return query.accept(new Query.Visitor<>() {
            @Override
            public QueryResult funnel(FunnelQuery q) {
                return run(funnels, q);
            }

            @Override
            public QueryResult metric(MetricQuery q) {
                return run(metrics, q);
            }

            @Override
            public QueryResult retention(RetentionQuery q) {
                return run(retentions, q);
            }

            @Override
            public QueryResult acquisition(AcquisitionQuery q) {
                return run(acquisitions, q);
            }

            @Override
            public QueryResult rate(RateQuery q) {
                return run(rates, q);
            }

            @Override
            public QueryResult value(ValueQuery q) {
                return run(values, q);
            }

            @Override
            public QueryResult session(SessionQuery q) {
                return run(sessions, q);
            }

            @Override
            public QueryResult activity(ActivityQuery q) {
                return run(activity, q);
            }

            @Override
            public QueryResult paths(PathsQuery q) {
                return run(paths, q);
            }

            @Override
            public QueryResult timeInStatus(TimeInStatusQuery q) {
                return run(timesInStatus, q);
            }

            private <Q extends Query> QueryResult run(Evaluator<Q> evaluator, Q q) {
                return evaluator.evaluate(q, seen, range, deadline);
            }
        });
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
