package io.voronka.engine.exec;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Evaluator;
import io.voronka.engine.eval.MergingEvaluator;
import io.voronka.engine.eval.PartialAnswer;
import io.voronka.engine.eval.Planning;
import io.voronka.engine.eval.QueryTimeoutException;
import io.voronka.engine.eval.ScanTrace;
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
import java.util.Optional;
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
        this(threads, Planning.INDEX);
    }

    /** @param planning {@link Planning#SCAN} switches index use off (the reference the index paths are tested against) */
    public QueryEngine(int threads, Planning planning) {
        this(pool(threads), planning);
    }

    private QueryEngine(ForkJoinPool pool, Planning planning) {
        this.pool = pool;
        this.funnels = new FunnelEvaluator(pool, planning);
        this.metrics = new MetricEvaluator(pool, planning);
        this.retentions = new RetentionEvaluator(pool, planning);
        this.acquisitions = new AcquisitionEvaluator(pool);
        this.rates = new RateEvaluator(pool);
        this.values = new ValueEvaluator(pool);
        this.sessions = new SessionEvaluator(pool);
        this.activity = new ActivityEvaluator(pool);
        this.paths = new PathsEvaluator(pool);
        this.timesInStatus = new TimeInStatusEvaluator(pool);
    }

    private static ForkJoinPool pool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        return new ForkJoinPool(threads);
    }

    /**
     * An engine that evaluates each query in the thread that calls it, one user range after another: for a server
     * under load, where queries already run side by side and splitting each one would only add waiting.
     */
    public static QueryEngine inCallerThread() {
        return new QueryEngine((ForkJoinPool) null, Planning.INDEX);
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
        return execute(query, store, today, deadline, ScanTrace.OFF);
    }

    /**
     * Runs the query and says how: per segment the access the planner chose and why, users tested and visited,
     * events in the visited users, and time spent planning, scanning and assembling the answer.
     */
    public Explanation explain(Query query, EventStore store, LocalDate today, Deadline deadline) {
        ScanTrace trace = ScanTrace.recording();
        long start = System.nanoTime();
        QueryResult result = execute(query, store, today, deadline, trace);
        long total = System.nanoTime() - start;
        return new Explanation(result, store.userCount(), store.eventCount(), trace.segments(), trace.planNanos(),
                trace.scanNanos(), total);
    }

    private QueryResult execute(Query query, EventStore store, LocalDate today, Deadline deadline, ScanTrace trace) {
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
                return evaluator.evaluate(q, seen, range, deadline, trace);
            }
        });
    }

    /**
     * The partial answer over {@code store}'s users of a query whose kind is answered from partial answers (paths,
     * time in status, rates, value statistics, activity); empty for the other kinds. The partial answers of disjoint
     * stores add up ({@link PartialAnswer#plus}); {@link #finish} turns their sum into the answer, exactly as
     * {@link #execute} answers over one store.
     */
    public Optional<PartialAnswer> partial(Query query, EventStore store, LocalDate today, Deadline deadline) {
        TimeRange range = TimeRange.resolve(query.range(), store, today);
        EventStore seen = UserSelection.restrict(store, query.userFilter(), today);
        return Optional.ofNullable(merging(query, new Merging<PartialAnswer>() {
            @Override
            public <Q extends Query, P extends PartialAnswer> PartialAnswer apply(MergingEvaluator<Q, P> evaluator,
                                                                                 Q q) {
                return evaluator.partial(q, seen, range, deadline);
            }
        }));
    }

    /** The answer to {@code query} from the sum of its partial answers over every user ({@link #partial}). */
    public QueryResult finish(Query query, PartialAnswer partial) {
        QueryResult result = merging(query, new Merging<QueryResult>() {
            @Override
            public <Q extends Query, P extends PartialAnswer> QueryResult apply(MergingEvaluator<Q, P> evaluator,
                                                                               Q q) {
                return evaluator.finish(q, evaluator.partialType().cast(partial));
            }
        });
        if (result == null) {
            throw new IllegalArgumentException("a " + query.getClass().getSimpleName()
                    + " is not answered from partial answers");
        }
        return result;
    }

    /** What to do with the evaluator of a query kind answered from partial answers. */
    private interface Merging<R> {
        <Q extends Query, P extends PartialAnswer> R apply(MergingEvaluator<Q, P> evaluator, Q query);
    }

    /** {@code action} applied to the evaluator of {@code query}'s kind; null for kinds not answered so. */
    private <R> R merging(Query query, Merging<R> action) {
        return query.accept(new Query.Visitor<R>() {
            @Override
            public R funnel(FunnelQuery q) {
                return null;
            }

            @Override
            public R metric(MetricQuery q) {
                return null;
            }

            @Override
            public R retention(RetentionQuery q) {
                return null;
            }

            @Override
            public R acquisition(AcquisitionQuery q) {
                return null;
            }

            @Override
            public R session(SessionQuery q) {
                return null;
            }

            @Override
            public R rate(RateQuery q) {
                return action.apply(rates, q);
            }

            @Override
            public R value(ValueQuery q) {
                return action.apply(values, q);
            }

            @Override
            public R activity(ActivityQuery q) {
                return action.apply(activity, q);
            }

            @Override
            public R paths(PathsQuery q) {
                return action.apply(paths, q);
            }

            @Override
            public R timeInStatus(TimeInStatusQuery q) {
                return action.apply(timesInStatus, q);
            }
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
