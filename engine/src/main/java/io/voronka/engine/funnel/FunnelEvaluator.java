package io.voronka.engine.funnel;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.UserRanges;
import io.voronka.engine.query.Attribution;
import io.voronka.engine.query.Breakdown;
import io.voronka.engine.query.Counting;
import io.voronka.engine.query.DrillDown;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.query.TrendBy;
import io.voronka.engine.result.DurationCounts;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.FunnelTrendRow;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.StepTiming;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntUnaryOperator;

/**
 * Evaluates funnels over a store in parallel over user ranges. Picks the one-pass {@link OrderedKernel} when
 * the query needs only depths, the exact {@link ChainFinder} for the other ordered modes and options, and
 * {@link AnyOrderFinder} for any order. Results are independent of the number of threads.
 */
public final class FunnelEvaluator {
    private static final String NONE_GROUP = "(none)";
    private static final int CHECK_EVERY = 4096;

    private final ForkJoinPool pool;

    public FunnelEvaluator(ForkJoinPool pool) {
        this.pool = pool;
    }

    /**
     * @param entryFrom first stored second an entry may have
     * @param entryTo   entries must be before this stored second
     * @param buckets   maps a stored time to a trend bucket index (null without a trend)
     * @param bucketLabels labels of the bucket indexes (null without a trend)
     */
    public QueryResult evaluate(FunnelQuery query, EventStore store, int entryFrom, int entryTo,
                                IntUnaryOperator buckets, List<String> bucketLabels) {
        return evaluate(query, store, entryFrom, entryTo, buckets, bucketLabels, Deadline.NONE);
    }

    /** As above, checking {@code deadline} every {@value #CHECK_EVERY} users. */
    public QueryResult evaluate(FunnelQuery query, EventStore store, int entryFrom, int entryTo,
                                IntUnaryOperator buckets, List<String> bucketLabels, Deadline deadline) {
        FunnelPlan plan = new FunnelPlan(query, store.types(), entryFrom, entryTo);
        Shape shape = Shape.of(query, store, bucketLabels == null ? 0 : bucketLabels.size());
        Tally total = new Tally(shape);
        for (Tally part : UserRanges.run(pool, store, deadline,
                (segment, from, to) -> evaluateRange(plan, query, shape, segment, from, to, buckets, deadline))) {
            total.add(part);
        }
        if (query.drillDown().isPresent()) {
            return drillDown(query.drillDown().get(), total, store);
        }
        return toResult(query, store, shape, total, bucketLabels);
    }

    private static Tally evaluateRange(FunnelPlan plan, FunnelQuery query, Shape shape, Segment segment,
                                       int fromUser, int toUser, IntUnaryOperator buckets, Deadline deadline) {
        Tally tally = new Tally(shape);
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseIntColumn dimension = shape.dimension < 0 ? null : segment.dimension(shape.dimension);
        final int k = plan.steps;
        final boolean chainNeeded = shape.timings || shape.trendBuckets > 0
                || (query.breakdown().isPresent() && query.breakdown().get().attribution() == Attribution.STEP);
        final int drillStep = query.drillDown().map(DrillDown::reachedStep).orElse(-1);
        if (plan.mode == FunnelMode.ANY_ORDER) {
            AnyOrderFinder finder = new AnyOrderFinder(plan);
            for (int u = fromUser; u < toUser; u++) {
                if ((u & (CHECK_EVERY - 1)) == 0) {
                    deadline.check();
                }
                int from = offsets[u];
                int to = offsets[u + 1];
                int depth = finder.evaluate(times, types, from, to);
                int group = shape.dimension < 0 ? 0 : group(query.breakdown().get(), shape, dimension, from, to,
                        depth, finder::winnerPosition);
                record(tally, shape, group, depth, drillStep, segment.firstUser() + u);
                if (depth > 0 && shape.trendBuckets > 0) {
                    int at = query.trend().get().by() == TrendBy.ENTRY
                            ? finder.winnerEntryTime() : finder.winnerLastTime();
                    tally.trend(buckets.applyAsInt(at), depth);
                }
            }
            return tally;
        }
        if (!chainNeeded && plan.counting == Counting.USERS && plan.isPlainOrdered()) {
            OrderedKernel kernel = new OrderedKernel(plan);
            for (int u = fromUser; u < toUser; u++) {
                if ((u & (CHECK_EVERY - 1)) == 0) {
                    deadline.check();
                }
                int from = offsets[u];
                int to = offsets[u + 1];
                int depth = kernel.depth(times, types, from, to);
                int group = shape.dimension < 0 ? 0 : firstTouch(shape, dimension, from, to);
                record(tally, shape, group, depth, drillStep, segment.firstUser() + u);
            }
            return tally;
        }
        ChainFinder finder = new ChainFinder(plan, chainNeeded);
        for (int u = fromUser; u < toUser; u++) {
            if ((u & (CHECK_EVERY - 1)) == 0) {
                deadline.check();
            }
            int from = offsets[u];
            int to = offsets[u + 1];
            if (plan.counting == Counting.USERS) {
                int depth = finder.evaluate(times, types, from, to, -1);
                chainFound(tally, shape, query, plan, finder, dimension, times, from, to, depth, buckets, drillStep,
                        segment.firstUser() + u);
                continue;
            }
            for (int entry = from; entry < to; entry++) {
                int t = times[entry];
                if (t < plan.entryFrom || t >= plan.entryTo || !plan.inStep(types[entry], 0)) {
                    continue;
                }
                int depth = finder.evaluate(times, types, from, to, entry);
                chainFound(tally, shape, query, plan, finder, dimension, times, from, to, depth, buckets, -1, -1);
            }
        }
        return tally;
    }

    private static void chainFound(Tally tally, Shape shape, FunnelQuery query, FunnelPlan plan, ChainFinder finder,
                                   SparseIntColumn dimension, int[] times, int from, int to, int depth,
                                   IntUnaryOperator buckets, int drillStep, int user) {
        int group = shape.dimension < 0 ? 0 : group(query.breakdown().get(), shape, dimension, from, to, depth,
                finder::winnerPosition);
        record(tally, shape, group, depth, drillStep, user);
        if (depth == 0) {
            return;
        }
        if (shape.timings) {
            for (int q = 1; q < depth; q++) {
                tally.timing(q, times[finder.winnerPosition(q)] - times[finder.winnerPosition(q - 1)]);
            }
            if (depth == plan.steps && plan.steps > 1) {
                tally.timing(0, times[finder.winnerPosition(depth - 1)] - times[finder.winnerPosition(0)]);
            }
        }
        if (shape.trendBuckets > 0) {
            int at = query.trend().get().by() == TrendBy.ENTRY
                    ? times[finder.winnerPosition(0)] : times[finder.winnerPosition(depth - 1)];
            tally.trend(buckets.applyAsInt(at), depth);
        }
    }

    private static void record(Tally tally, Shape shape, int group, int depth, int drillStep, int user) {
        tally.reached[group * (shape.steps + 1) + depth]++;
        if (drillStep >= 0 && depth == drillStep) {
            tally.drill.add(user);
        }
    }

    private static int group(Breakdown breakdown, Shape shape, SparseIntColumn dimension, int from, int to,
                             int depth, IntUnaryOperator winnerPosition) {
        if (breakdown.attribution() == Attribution.FIRST_TOUCH) {
            return firstTouch(shape, dimension, from, to);
        }
        int step = breakdown.step();
        if (depth < step) {
            return shape.noneGroup;
        }
        int code = dimension.get(winnerPosition.applyAsInt(step - 1));
        return code < 0 ? shape.noneGroup : code;
    }

    private static int firstTouch(Shape shape, SparseIntColumn dimension, int from, int to) {
        for (int p = from; p < to; p++) {
            int code = dimension.get(p);
            if (code >= 0) {
                return code;
            }
        }
        return shape.noneGroup;
    }

    private static UserListResult drillDown(DrillDown drill, Tally total, EventStore store) {
        int[] users = total.drill.toIntArray();
        Arrays.sort(users);
        List<String> page = new ArrayList<>();
        for (int i = drill.offset(); i < users.length && page.size() < drill.limit(); i++) {
            page.add(store.users().key(users[i]));
        }
        String description = drill.reachedStep() == total.shape.steps
                ? "users who completed the funnel"
                : "users who reached step " + drill.reachedStep() + " but not step " + (drill.reachedStep() + 1);
        return new UserListResult(description, users.length, drill.offset(), page);
    }

    private static FunnelResult toResult(FunnelQuery query, EventStore store, Shape shape, Tally total,
                                         List<String> bucketLabels) {
        int k = shape.steps;
        List<FunnelRow> rows = new ArrayList<>();
        rows.add(new FunnelRow("all", cumulative(total.reached, shape.groups, k, -1)));
        if (shape.dimension >= 0) {
            Dimension dimension = store.dimensions().get(shape.dimension);
            for (int g = 0; g < shape.groups; g++) {
                List<Long> reached = cumulative(total.reached, shape.groups, k, g);
                if (reached.get(0) == 0) {
                    continue;
                }
                rows.add(new FunnelRow(g == shape.noneGroup ? NONE_GROUP : dimension.value(g), reached));
            }
        }
        List<FunnelTrendRow> trend = new ArrayList<>();
        for (int b = 0; b < shape.trendBuckets; b++) {
            List<Long> reached = new ArrayList<>();
            for (int j = 1; j <= k; j++) {
                long n = 0;
                for (int d = j; d <= k; d++) {
                    n += total.trend[b * (k + 1) + d];
                }
                reached.add(n);
            }
            trend.add(new FunnelTrendRow(bucketLabels.get(b), reached));
        }
        List<StepTiming> timings = new ArrayList<>();
        if (shape.timings) {
            for (int q = 1; q < k; q++) {
                timings.add(timing(q, q + 1, total.timings[q]));
            }
            if (k > 1) {
                timings.add(timing(1, k, total.timings[0]));
            }
        }
        return new FunnelResult(stepLabels(query, store.types()),
                query.counting() == Counting.USERS ? "users" : "conversions", rows, trend, timings);
    }

    /** reached[j] = entries whose depth >= j+1, for one group or (group < 0) all. */
    private static List<Long> cumulative(long[] byDepth, int groups, int k, int group) {
        List<Long> reached = new ArrayList<>(k);
        for (int j = 1; j <= k; j++) {
            long n = 0;
            for (int g = 0; g < groups; g++) {
                if (group >= 0 && g != group) {
                    continue;
                }
                for (int d = j; d <= k; d++) {
                    n += byDepth[g * (k + 1) + d];
                }
            }
            reached.add(n);
        }
        return reached;
    }

    private static StepTiming timing(int fromStep, int toStep, IntArrayList seconds) {
        int[] sorted = seconds.toIntArray();
        Arrays.sort(sorted);
        return StepTiming.of(fromStep, toStep, DurationCounts.ofSorted(sorted, sorted.length));
    }

    /** Nearest-rank percentile: the smallest value with at least fraction p of the values at or below it. */
    static long nearestRank(int[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Step labels: dictionary names joined with " | " for alternatives. */
    public static List<String> stepLabels(FunnelQuery query, EventTypes types) {
        List<String> labels = new ArrayList<>();
        for (Step step : query.steps()) {
            StringBuilder sb = new StringBuilder();
            for (EventRef ref : step.alternatives()) {
                if (sb.length() > 0) {
                    sb.append(" | ");
                }
                int code = FunnelPlan.resolve(ref, types);
                sb.append(code >= 0 ? types.name(code) : ref.hasId() ? Long.toString(ref.id()) : ref.name());
            }
            labels.add(sb.toString());
        }
        return labels;
    }

    /** Sizes of the per-task accumulators. */
    private static final class Shape {
        final int steps;
        final int dimension;
        final int groups;
        final int noneGroup;
        final boolean timings;
        final int trendBuckets;

        private Shape(int steps, int dimension, int groups, boolean timings, int trendBuckets) {
            this.steps = steps;
            this.dimension = dimension;
            this.groups = groups;
            this.noneGroup = groups - 1;
            this.timings = timings;
            this.trendBuckets = trendBuckets;
        }

        static Shape of(FunnelQuery query, EventStore store, int trendBuckets) {
            int dimension = -1;
            int groups = 1;
            if (query.breakdown().isPresent()) {
                String name = query.breakdown().get().dimension();
                dimension = store.dimensionIndex(name).orElseThrow(() -> new IllegalArgumentException(
                        "no source has a dimension named '" + name + "'"));
                groups = store.dimensions().get(dimension).size() + 1;
            }
            boolean timings = query.timeToConvert() && query.mode() != FunnelMode.ANY_ORDER;
            return new Shape(query.steps().size(), dimension, groups, timings, trendBuckets);
        }
    }

    /** Per-task counts, merged at the end. */
    private static final class Tally {
        final Shape shape;
        final long[] reached;
        final long[] trend;
        final IntArrayList[] timings;
        final IntArrayList drill = new IntArrayList();

        Tally(Shape shape) {
            this.shape = shape;
            this.reached = new long[shape.groups * (shape.steps + 1)];
            this.trend = new long[shape.trendBuckets * (shape.steps + 1)];
            this.timings = new IntArrayList[shape.timings ? shape.steps : 0];
            for (int i = 0; i < timings.length; i++) {
                timings[i] = new IntArrayList();
            }
        }

        void timing(int index, int seconds) {
            timings[index].add(seconds);
        }

        void trend(int bucket, int depth) {
            if (bucket >= 0 && bucket < shape.trendBuckets) {
                trend[bucket * (shape.steps + 1) + depth]++;
            }
        }

        void add(Tally other) {
            for (int i = 0; i < reached.length; i++) {
                reached[i] += other.reached[i];
            }
            for (int i = 0; i < trend.length; i++) {
                trend[i] += other.trend[i];
            }
            for (int i = 0; i < timings.length; i++) {
                timings[i].addAll(other.timings[i]);
            }
            drill.addAll(other.drill);
        }
    }
}
