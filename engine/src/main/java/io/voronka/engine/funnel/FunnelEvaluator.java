package io.voronka.engine.funnel;

import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.EventNames;
import io.voronka.engine.eval.Evaluator;
import io.voronka.engine.eval.Grouping;
import io.voronka.engine.eval.Need;
import io.voronka.engine.eval.Percentiles;
import io.voronka.engine.eval.Planning;
import io.voronka.engine.eval.ScanTrace;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserScan;
import io.voronka.engine.query.Attribution;
import io.voronka.engine.query.Breakdown;
import io.voronka.engine.query.Counting;
import io.voronka.engine.query.DrillDown;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.query.Trend;
import io.voronka.engine.query.TrendBy;
import io.voronka.engine.result.DurationCounts;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.FunnelTrendRow;
import io.voronka.engine.result.Groups;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.StepTiming;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SegmentIndex;
import io.voronka.engine.store.SparseIntColumn;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntUnaryOperator;

/**
 * Evaluates funnels over a store in parallel over user ranges. Picks the one-pass {@link OrderedKernel} when
 * the query needs only depths, the exact {@link ChainFinder} for the other ordered modes and options (step filters
 * included: the finders ask {@link FunnelPlan#fills} where the kernel asks for a type), and
 * {@link AnyOrderFinder} for any order. Results are independent of the number of threads.
 */
public final class FunnelEvaluator implements Evaluator<FunnelQuery> {
    private final UserScan scan;

    public FunnelEvaluator(ForkJoinPool pool) {
        this(pool, Planning.INDEX);
    }

    public FunnelEvaluator(ForkJoinPool pool, Planning planning) {
        this.scan = new UserScan(pool, planning);
    }

    /** Entries in {@code range}; a trend's buckets span the range (completions may end a window later). */
    @Override
    public QueryResult evaluate(FunnelQuery query, EventStore store, TimeRange range, Deadline deadline) {
        return evaluate(query, store, range, deadline, ScanTrace.OFF);
    }

    @Override
    public QueryResult evaluate(FunnelQuery query, EventStore store, TimeRange range, Deadline deadline,
                                ScanTrace trace) {
        if (query.trend().isEmpty()) {
            return evaluate(query, store, range.from(), range.to(), null, null, deadline, trace);
        }
        Trend trend = query.trend().get();
        long end = trend.by() == TrendBy.COMPLETION ? (long) range.to() + query.windowSeconds() : range.to();
        TimeRange shown = new TimeRange(range.from(), (int) Math.min(Integer.MAX_VALUE, end)).clippedTo(store);
        if (shown == null) {
            return evaluate(query.withTrend(null), store, range.from(), range.to(), null, null, deadline, trace);
        }
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), trend.bucket(), shown.from(), shown.to());
        return evaluate(query, store, range.from(), range.to(), buckets::bucketOf, buckets.labels(), deadline, trace);
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

    /** As above, checking {@code deadline} every {@value UserScan#BLOCK} users. */
    public QueryResult evaluate(FunnelQuery query, EventStore store, int entryFrom, int entryTo,
                                IntUnaryOperator buckets, List<String> bucketLabels, Deadline deadline) {
        return evaluate(query, store, entryFrom, entryTo, buckets, bucketLabels, deadline, ScanTrace.OFF);
    }

    private QueryResult evaluate(FunnelQuery query, EventStore store, int entryFrom, int entryTo,
                                 IntUnaryOperator buckets, List<String> bucketLabels, Deadline deadline,
                                 ScanTrace trace) {
        FunnelPlan plan = new FunnelPlan(query, store, entryFrom, entryTo);
        Shape shape = Shape.of(query, store, bucketLabels == null ? 0 : bucketLabels.size());
        UserScan.Kernel<Tally> kernel = kernel(plan, query, shape, buckets, scan.indexed(), deadline);
        Tally total = scan.run(store, deadline, need(plan), trace, () -> new Tally(shape), kernel);
        if (query.drillDown().isPresent()) {
            return drillDown(query.drillDown().get(), total, store);
        }
        return toResult(query, store, shape, total, bucketLabels, deadline);
    }

    /**
     * Users who matter: only a user with an entry can reach step 1 (drill-downs start at step 1, so users at depth 0
     * are never listed). An entry is an event of step 1 in the range; in any order, an event of any step.
     */
    private static Need need(FunnelPlan plan) {
        long types = plan.mode == FunnelMode.ANY_ORDER ? plan.typeMaskOfAnyStep() : plan.typeMaskOfStep(0);
        return new Need(types, plan.entryFrom, plan.entryTo);
    }

    /** Picks the per-user loop for the query; each keeps its scratch state per tally (one per task). */
    private static UserScan.Kernel<Tally> kernel(FunnelPlan plan, FunnelQuery query, Shape shape,
                                                 IntUnaryOperator buckets, boolean indexed, Deadline deadline) {
        final boolean chainNeeded = shape.timings || shape.trendBuckets > 0
                || (query.breakdown().isPresent() && query.breakdown().get().attribution() == Attribution.STEP);
        final int drillStep = query.drillDown().map(DrillDown::reachedStep).orElse(-1);
        if (plan.mode == FunnelMode.ANY_ORDER) {
            return (segment, users, tally) -> {
                if (tally.anyOrder == null) {
                    tally.anyOrder = new AnyOrderFinder(plan, deadline.meter());
                }
                anyOrder(tally.anyOrder, query, shape, segment, users, buckets, drillStep, tally);
            };
        }
        if (!chainNeeded && plan.counting == Counting.USERS && plan.isPlainOrdered()) {
            return (segment, users, tally) -> {
                if (tally.ordered == null) {
                    tally.ordered = new OrderedKernel(plan);
                }
                // with a breakdown the indexed loop measured slower (JMH funnelBySource, BENCHMARKS.md): plain loop
                if (indexed && !shape.grouping.isBreakdown()) {
                    orderedIndexed(tally.ordered, shape, segment, users, drillStep, tally);
                } else {
                    ordered(tally.ordered, shape, segment, users, drillStep, tally);
                }
            };
        }
        return (segment, users, tally) -> {
            if (tally.chains == null) {
                tally.chains = new ChainFinder(plan, chainNeeded, deadline.meter());
            }
            chains(tally.chains, plan, query, shape, segment, users, buckets, drillStep, tally);
        };
    }

    private static void anyOrder(AnyOrderFinder finder, FunnelQuery query, Shape shape, Segment segment,
                                 UserScan.Users users, IntUnaryOperator buckets, int drillStep, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseIntColumn dimension = shape.grouping.column(segment);
        finder.segment(segment);
        for (int i = 0, n = users.size(); i < n; i++) {
            final int u = users.user(i);
            int from = offsets[u];
            int to = offsets[u + 1];
            int depth = finder.evaluate(times, types, from, to);
            int group = dimension == null ? 0 : group(query.breakdown().get(), shape, dimension, from, to,
                    depth, finder::winnerPosition);
            record(tally, shape, group, depth, drillStep, segment.firstUser() + u);
            if (depth > 0 && shape.trendBuckets > 0) {
                int at = query.trend().get().by() == TrendBy.ENTRY
                        ? finder.winnerEntryTime() : finder.winnerLastTime();
                tally.trend(buckets.applyAsInt(at), depth);
            }
        }
    }

    private static void ordered(OrderedKernel kernel, Shape shape, Segment segment, UserScan.Users users,
                                int drillStep, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseIntColumn dimension = shape.grouping.column(segment);
        for (int i = 0, n = users.size(); i < n; i++) {
            final int u = users.user(i);
            int from = offsets[u];
            int to = offsets[u + 1];
            int depth = kernel.depth(times, types, from, to);
            int group = dimension == null ? 0 : shape.grouping.firstTouch(dimension, from, to);
            record(tally, shape, group, depth, drillStep, segment.firstUser() + u);
        }
    }

    /** {@link #ordered} with each user's type mask, so users who cannot pass step 2 need no chain scan. */
    private static void orderedIndexed(OrderedKernel kernel, Shape shape, Segment segment, UserScan.Users users,
                                       int drillStep, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SegmentIndex index = segment.index();
        final SparseIntColumn dimension = shape.grouping.column(segment);
        for (int i = 0, n = users.size(); i < n; i++) {
            final int u = users.user(i);
            int from = offsets[u];
            int to = offsets[u + 1];
            int depth = index.hasTies(u) ? kernel.depth(times, types, from, to, index.mask(u))
                    : kernel.depthWithoutTies(times, types, from, to, index.mask(u));
            int group = dimension == null ? 0 : shape.grouping.firstTouch(dimension, from, to);
            record(tally, shape, group, depth, drillStep, segment.firstUser() + u);
        }
    }

    private static void chains(ChainFinder finder, FunnelPlan plan, FunnelQuery query, Shape shape, Segment segment,
                               UserScan.Users users, IntUnaryOperator buckets, int drillStep, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseIntColumn dimension = shape.grouping.column(segment);
        finder.segment(segment);
        for (int i = 0, n = users.size(); i < n; i++) {
            final int u = users.user(i);
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
                if (t < plan.entryFrom || t >= plan.entryTo || !plan.fills(segment, types, entry, 0)) {
                    continue;
                }
                int depth = finder.evaluate(times, types, from, to, entry);
                chainFound(tally, shape, query, plan, finder, dimension, times, from, to, depth, buckets, -1, -1);
            }
        }
    }

    private static void chainFound(Tally tally, Shape shape, FunnelQuery query, FunnelPlan plan, ChainFinder finder,
                                   SparseIntColumn dimension, int[] times, int from, int to, int depth,
                                   IntUnaryOperator buckets, int drillStep, int user) {
        int group = dimension == null ? 0 : group(query.breakdown().get(), shape, dimension, from, to, depth,
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
            return shape.grouping.firstTouch(dimension, from, to);
        }
        int step = breakdown.step();
        if (depth < step) {
            return shape.grouping.noneGroup();
        }
        return shape.grouping.groupOf(dimension, winnerPosition.applyAsInt(step - 1));
    }

    private static UserListResult drillDown(DrillDown drill, Tally total, EventStore store) {
        int[] users = total.drill.toIntArray();
        Arrays.sort(users);
        List<String> page = new ArrayList<>();
        for (int i = drill.offset(); i < users.length && page.size() < drill.limit(); i++) {
            page.add(store.users().key(users[i]));
        }
        return new UserListResult(drill.reachedStep(), total.shape.steps, users.length, drill.offset(), page);
    }

    private static FunnelResult toResult(FunnelQuery query, EventStore store, Shape shape, Tally total,
                                         List<String> bucketLabels, Deadline deadline) {
        int k = shape.steps;
        // linear in groups (issue 11): each group's row once, "all" as their sum
        long[][] byGroup = new long[shape.groups][];
        long[] all = new long[k];
        for (int g = 0; g < shape.groups; g++) {
            if ((g & (UserScan.BLOCK - 1)) == 0) {
                deadline.check();
            }
            byGroup[g] = reachedOf(total.reached, k, g);
            for (int j = 0; j < k; j++) {
                all[j] += byGroup[g][j];
            }
        }
        List<FunnelRow> rows = new ArrayList<>();
        rows.add(new FunnelRow(Groups.ALL, boxed(all)));
        if (shape.grouping.isBreakdown()) {
            int top = query.breakdown().get().top();
            double[] entries = new double[shape.groups];
            for (int g = 0; g < shape.groups; g++) {
                entries[g] = byGroup[g][0];
            }
            for (int g : shape.grouping.shown(top, entries)) {
                if (byGroup[g][0] != 0) {
                    rows.add(new FunnelRow(shape.grouping.name(g), boxed(byGroup[g])));
                }
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
        return new FunnelResult(stepLabels(query, store.types()), query.counting(), rows, trend, timings);
    }

    /** reached[j] = entries of group {@code g} whose depth >= j+1. */
    private static long[] reachedOf(long[] byDepth, int k, int g) {
        long[] reached = new long[k];
        long n = 0;
        for (int d = k; d >= 1; d--) {
            n += byDepth[g * (k + 1) + d];
            reached[d - 1] = n;
        }
        return reached;
    }

    private static List<Long> boxed(long[] values) {
        List<Long> out = new ArrayList<>(values.length);
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    private static StepTiming timing(int fromStep, int toStep, IntArrayList seconds) {
        int[] sorted = seconds.toIntArray();
        Arrays.sort(sorted);
        return StepTiming.of(fromStep, toStep, DurationCounts.ofSorted(sorted, sorted.length));
    }

    /** Nearest-rank percentile: the smallest value with at least fraction p of the values at or below it. */
    static long nearestRank(int[] sorted, double p) {
        return Percentiles.nearestRank(sorted, p);
    }

    /** Step labels: dictionary names joined with " | " for alternatives. */
    public static List<String> stepLabels(FunnelQuery query, EventTypes types) {
        List<String> labels = new ArrayList<>();
        for (Step step : query.steps()) {
            labels.add(EventNames.joined(step.alternatives(), types));
        }
        return labels;
    }

    /** Sizes of the per-task accumulators. */
    private static final class Shape {
        final int steps;
        final Grouping grouping;
        final int groups;
        final boolean timings;
        final int trendBuckets;

        private Shape(int steps, Grouping grouping, boolean timings, int trendBuckets) {
            this.steps = steps;
            this.grouping = grouping;
            this.groups = grouping.count();
            this.timings = timings;
            this.trendBuckets = trendBuckets;
        }

        static Shape of(FunnelQuery query, EventStore store, int trendBuckets) {
            Grouping grouping = Grouping.of(store, query.breakdown().map(Breakdown::dimension));
            grouping.checkAnswerSize(query.breakdown().map(Breakdown::top).orElse(0), query.steps().size(), "steps");
            boolean timings = query.timeToConvert() && query.mode() != FunnelMode.ANY_ORDER;
            return new Shape(query.steps().size(), grouping, timings, trendBuckets);
        }
    }

    /** Per-task counts, merged at the end. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final Shape shape;
        final long[] reached;
        final long[] trend;
        final IntArrayList[] timings;
        final IntArrayList drill = new IntArrayList();
        /** The task's finder or kernel (the one the query uses), made on first use, reused for every block. */
        AnyOrderFinder anyOrder;
        OrderedKernel ordered;
        ChainFinder chains;

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

        @Override
        public long bytes() {
            return (long) (reached.length + trend.length) * Long.BYTES;
        }

        @Override
        public void add(Tally other) {
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
