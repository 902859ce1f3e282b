package io.voronka.engine.eval;

import io.voronka.engine.funnel.FunnelEvaluator;
import io.voronka.engine.metric.AcquisitionEvaluator;
import io.voronka.engine.metric.MetricEvaluator;
import io.voronka.engine.metric.RetentionEvaluator;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.query.Trend;
import io.voronka.engine.query.TrendBy;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Answers any {@link Query} over a store: resolves date ranges in the store's time zone (relative ranges end on
 * the last day present in the data unless a day is given), picks the evaluator, enforces a time limit.
 * One engine serves many concurrent queries; its pool does the parallel work of each.
 */
public final class QueryEngine implements AutoCloseable {
    private final ForkJoinPool pool;
    private final FunnelEvaluator funnels;
    private final MetricEvaluator metrics;
    private final RetentionEvaluator retentions;
    private final AcquisitionEvaluator acquisitions;

    public QueryEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.pool = new ForkJoinPool(threads);
        this.funnels = new FunnelEvaluator(pool);
        this.metrics = new MetricEvaluator(pool);
        this.retentions = new RetentionEvaluator(pool);
        this.acquisitions = new AcquisitionEvaluator(pool);
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
        if (query instanceof FunnelQuery funnel) {
            return funnel(funnel, store, today, deadline);
        }
        if (query instanceof MetricQuery metric) {
            return metrics.evaluate(metric, store, TimeRange.resolve(metric.range(), store, today), deadline);
        }
        if (query instanceof AcquisitionQuery acquisition) {
            return acquisitions.evaluate(acquisition, store, TimeRange.resolve(acquisition.range(), store, today),
                    deadline);
        }
        RetentionQuery retention = (RetentionQuery) query;
        return retentions.evaluate(retention, store, TimeRange.resolve(retention.range(), store, today), deadline);
    }

    private QueryResult funnel(FunnelQuery query, EventStore store, LocalDate today, Deadline deadline) {
        TimeRange range = TimeRange.resolve(query.range(), store, today);
        if (query.trend().isEmpty()) {
            return funnels.evaluate(query, store, range.from(), range.to(), null, null, deadline);
        }
        Trend trend = query.trend().get();
        long end = trend.by() == TrendBy.COMPLETION ? (long) range.to() + query.windowSeconds() : range.to();
        TimeRange shown = new TimeRange(range.from(), (int) Math.min(Integer.MAX_VALUE, end)).clippedTo(store);
        if (shown == null) {
            return funnels.evaluate(query.withTrend(null), store, range.from(), range.to(), null, null, deadline);
        }
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), trend.bucket(), shown.from(), shown.to());
        List<String> labels = buckets.labels();
        return funnels.evaluate(query, store, range.from(), range.to(), buckets::bucketOf, labels, deadline);
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
