package io.voronka.engine.metric;

import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Evaluator;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.Grouping;
import io.voronka.engine.eval.Need;
import io.voronka.engine.eval.Planning;
import io.voronka.engine.eval.ScanTrace;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserScan;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseDoubleColumn;
import io.voronka.engine.store.SparseIntColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Unique users, event counts, value sums and averages per calendar bucket, optionally per group of a
 * dimension, over user ranges in parallel. Users are counted once per (group, bucket) with a per-task
 * "last user seen" array instead of sets; cumulative users count each user at their first bucket.
 */
public final class MetricEvaluator implements Evaluator<MetricQuery> {
    /** Bytes per (group, bucket) cell of a task's tally: value, count, with-value and last user. */
    private static final int CELL_BYTES = Double.BYTES + Long.BYTES + Long.BYTES + Integer.BYTES;

    private final UserScan scan;

    public MetricEvaluator(ForkJoinPool pool) {
        this(pool, Planning.INDEX);
    }

    public MetricEvaluator(ForkJoinPool pool, Planning planning) {
        this.scan = new UserScan(pool, planning);
    }

    @Override
    public SeriesResult evaluate(MetricQuery query, EventStore store, TimeRange range, Deadline deadline) {
        return evaluate(query, store, range, deadline, ScanTrace.OFF);
    }

    @Override
    public SeriesResult evaluate(MetricQuery query, EventStore store, TimeRange range, Deadline deadline,
                                 ScanTrace trace) {
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return new SeriesResult(query, List.of(), List.of());
        }
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.bucket(), shown.from(), shown.to());
        EventMatcher matcher = new EventMatcher(store, query.events(), query.filters());
        Grouping grouping = Grouping.of(store, query.breakdown());
        int groups = grouping.count();
        // limits (issue 11): refuse an answer or counters too large before any work
        grouping.checkAnswerSize(query.top(), buckets.count(), "buckets");
        UserScan.liveTallies((long) groups * buckets.count() * CELL_BYTES);
        Shape shape = new Shape(query.measure(), query.cumulative(), buckets, matcher, grouping, groups, range);
        int[] typeCodes = matcher.typeCodes();
        if (!query.events().isEmpty() && query.measure() != Measure.USERS && scan.postingsCover(store, typeCodes)) {
            Tally total = scan.runPostings(store, deadline, typeCodes, trace, () -> new Tally(shape),
                    (segment, list, from, to, tally) -> tallyPositions(shape, segment, list, from, to, tally));
            return toResult(query, shape, total, deadline);
        }
        UserScan.Kernel<Tally> kernel;
        if (!scan.indexed() || !buckets.monotone()) {
            kernel = (segment, users, tally) -> tally(shape, segment, users, tally);
        } else if (!grouping.isBreakdown() && !query.cumulative()
                && (query.measure() == Measure.USERS || query.measure() == Measure.EVENTS)) {
            kernel = (segment, users, tally) -> countRuns(shape, segment, users, tally);
        } else {
            kernel = (segment, users, tally) -> tallyRuns(shape, segment, users, tally);
        }
        Tally total = scan.run(store, deadline, new Need(matcher.typeMask(), range.from(), range.to()), trace,
                () -> new Tally(shape), kernel);
        return toResult(query, shape, total, deadline);
    }

    /**
     * Events, sums or averages from the positions of the queried types' events (postings): no user is visited, only
     * those events; each is tested against the range and filters, bucketed and added.
     */
    private static void tallyPositions(Shape shape, Segment segment, int[] list, int fromIndex, int toIndex,
                                       Tally tally) {
        final int[] times = segment.times();
        final int from = shape.range.from();
        final int to = shape.range.to();
        final CalendarBuckets buckets = shape.buckets;
        final int bucketCount = buckets.count();
        final SparseDoubleColumn values = segment.values();
        final SparseIntColumn groupColumn = shape.grouping.column(segment);
        final EventMatcher matcher = shape.matcher;
        final boolean events = shape.measure == Measure.EVENTS;
        for (int i = fromIndex; i < toIndex; i++) {
            final int p = list[i];
            final int t = times[p];
            if (t < from || t >= to || !matcher.matches(segment, p)) {
                continue;
            }
            final int b = buckets.bucketOf(t);
            if (b < 0) {
                continue;
            }
            final int cell = shape.grouping.groupOf(groupColumn, p) * bucketCount + b;
            tally.count[cell]++;
            if (events) {
                tally.value[cell]++;
            } else if (values != null && values.has(p)) {
                tally.value[cell] += values.get(p, 0);
                tally.withValue[cell]++;
            }
        }
    }

    /**
     * Users or events per bucket without a breakdown: a user's events in one bucket form one stretch (buckets only
     * grow with time), so the stretch is counted in a register and added to its bucket once when the bucket changes:
     * no memory write per event, and a user counts once per bucket.
     */
    private static void countRuns(Shape shape, Segment segment, UserScan.Users users, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final int from = shape.range.from();
        final int to = shape.range.to();
        final CalendarBuckets buckets = shape.buckets;
        final EventMatcher matcher = shape.matcher;
        final boolean everything = matcher.matchesEverything();
        final boolean users1 = shape.measure == Measure.USERS;
        final long[] count = tally.count;
        final double[] value = tally.value;
        for (int i = 0, n = users.size(); i < n; i++) {
            final int u = users.user(i);
            int runEnd = Integer.MIN_VALUE;
            int cell = -1;
            int inCell = 0;
            for (int p = offsets[u], end = offsets[u + 1]; p < end; p++) {
                final int t = times[p];
                if (t >= to) {
                    break;
                }
                if (t < from || !(everything || matcher.matches(segment, p))) {
                    continue;
                }
                if (t >= runEnd) {
                    final int b = buckets.bucketOf(t);
                    runEnd = buckets.runEnd(t);
                    if (b != cell) {
                        if (cell >= 0) {
                            count[cell] += inCell;
                            value[cell] += users1 ? 1 : inCell;
                        }
                        cell = b;
                        inCell = 0;
                    }
                }
                inCell++;
            }
            if (cell >= 0) {
                count[cell] += inCell;
                value[cell] += users1 ? 1 : inCell;
            }
        }
    }

    /**
     * {@link #tally} for buckets that only grow with time: a user's events are time-sorted, so the bucket is computed
     * once per run of events in one bucket ({@link CalendarBuckets#runEnd}), the user's events past the range end the
     * loop, and without a breakdown a user is counted in a bucket when the bucket changes (no per-cell memory).
     */
    private static void tallyRuns(Shape shape, Segment segment, UserScan.Users users, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final int from = shape.range.from();
        final int to = shape.range.to();
        final CalendarBuckets buckets = shape.buckets;
        final int bucketCount = buckets.count();
        final SparseDoubleColumn values = segment.values();
        final SparseIntColumn groupColumn = shape.grouping.column(segment);
        final boolean everything = shape.matcher.matchesEverything();
        final int[] lastUser = tally.lastUser;
        final int[] firstSeen = tally.groupSeen;
        final long[] count = tally.count;
        final double[] value = tally.value;
        final Measure measure = shape.measure;
        final boolean cumulativeUsers = shape.cumulative && measure == Measure.USERS;
        final boolean oneGroup = groupColumn == null;
        for (int i = 0, n = users.size(); i < n; i++) {
            final int u = users.user(i);
            final int user = segment.firstUser() + u;
            int runEnd = Integer.MIN_VALUE;
            int b = -1;
            int lastCell = -1;
            for (int p = offsets[u], end = offsets[u + 1]; p < end; p++) {
                final int t = times[p];
                if (t >= to) {
                    break;
                }
                if (t < from || !(everything || shape.matcher.matches(segment, p))) {
                    continue;
                }
                if (t >= runEnd) {
                    b = buckets.bucketOf(t);
                    runEnd = buckets.runEnd(t);
                }
                if (b < 0) {
                    continue;
                }
                final int g = oneGroup ? 0 : shape.grouping.groupOf(groupColumn, p);
                final int cell = g * bucketCount + b;
                count[cell]++;
                switch (measure) {
                    case USERS -> {
                        if (cumulativeUsers) {
                            if (firstSeen[g] != user) {
                                firstSeen[g] = user;
                                value[cell]++;
                            }
                        } else if (oneGroup) {
                            if (cell != lastCell) {
                                lastCell = cell;
                                value[cell]++;
                            }
                        } else if (lastUser[cell] != user) {
                            lastUser[cell] = user;
                            value[cell]++;
                        }
                    }
                    case EVENTS -> value[cell]++;
                    case SUM, AVERAGE -> {
                        if (values != null && values.has(p)) {
                            value[cell] += values.get(p, 0);
                            tally.withValue[cell]++;
                        }
                    }
                }
            }
        }
    }

    private static void tally(Shape shape, Segment segment, UserScan.Users users, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final int from = shape.range.from();
        final int to = shape.range.to();
        final int bucketCount = shape.buckets.count();
        final SparseDoubleColumn values = segment.values();
        final SparseIntColumn groupColumn = shape.grouping.column(segment);
        final int[] lastUser = tally.lastUser;
        final int[] firstSeen = tally.groupSeen;
        final boolean cumulativeUsers = shape.cumulative && shape.measure == Measure.USERS;
        for (int i = 0, n = users.size(); i < n; i++) {
            final int u = users.user(i);
            final int user = segment.firstUser() + u;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                final int t = times[p];
                if (t < from || t >= to || !shape.matcher.matches(segment, p)) {
                    continue;
                }
                final int b = shape.buckets.bucketOf(t);
                if (b < 0) {
                    continue;
                }
                final int g = shape.grouping.groupOf(groupColumn, p);
                final int cell = g * bucketCount + b;
                tally.count[cell]++;
                switch (shape.measure) {
                    case USERS -> {
                        if (cumulativeUsers) {
                            if (firstSeen[g] != user) {
                                firstSeen[g] = user;
                                tally.value[cell]++;
                            }
                        } else if (lastUser[cell] != user) {
                            lastUser[cell] = user;
                            tally.value[cell]++;
                        }
                    }
                    case EVENTS -> tally.value[cell]++;
                    case SUM, AVERAGE -> {
                        if (values != null && values.has(p)) {
                            tally.value[cell] += values.get(p, 0);
                            tally.withValue[cell]++;
                        }
                    }
                }
            }
        }
    }

    private static SeriesResult toResult(MetricQuery query, Shape shape, Tally total, Deadline deadline) {
        int buckets = shape.buckets.count();
        int[] shown = shape.grouping.shown(query.top(), query.top() > 0 ? scores(query, shape, total) : null);
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < shown.length; i++) {
            if ((i & (UserScan.BLOCK - 1)) == 0) {
                deadline.check();
            }
            int g = shown[i];
            double[] v = new double[buckets];
            boolean average = query.measure() == Measure.AVERAGE;
            List<Double> sums = new ArrayList<>(average ? buckets : 0);
            List<Double> counts = new ArrayList<>(average ? buckets : 0);
            boolean any = false;
            for (int b = 0; b < buckets; b++) {
                int cell = g * buckets + b;
                v[b] = average
                        ? (total.withValue[cell] == 0 ? Double.NaN : total.value[cell] / total.withValue[cell])
                        : total.value[cell];
                if (average) {
                    sums.add(total.value[cell]);
                    counts.add((double) total.withValue[cell]);
                }
                any |= total.count[cell] != 0;
            }
            if (shape.grouping.isBreakdown() && !any) {
                continue;
            }
            series.add(Series.of(shape.grouping.name(g), v, query.cumulative(), query.change(), sums, counts));
        }
        return new SeriesResult(query, shape.buckets.labels(), series);
    }

    /** What {@code top K} ranks groups by: their values summed over the buckets; for averages, events with a value. */
    private static double[] scores(MetricQuery query, Shape shape, Tally total) {
        int buckets = shape.buckets.count();
        double[] score = new double[shape.groups];
        for (int g = 0; g < shape.groups; g++) {
            for (int b = 0; b < buckets; b++) {
                int cell = g * buckets + b;
                score[g] += query.measure() == Measure.AVERAGE ? total.withValue[cell] : total.value[cell];
            }
        }
        return score;
    }

    /** What every task needs to know. */
    private record Shape(Measure measure, boolean cumulative, CalendarBuckets buckets, EventMatcher matcher,
                         Grouping grouping, int groups, TimeRange range) {
    }

    /** Per-task accumulators. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final double[] value;
        /** Matching events per cell. */
        final long[] count;
        /** Matching events that have a value, for averages. */
        final long[] withValue;
        final int[] lastUser;
        final int[] groupSeen;

        Tally(Shape shape) {
            int cells = shape.groups * shape.buckets.count();
            value = new double[cells];
            count = new long[cells];
            withValue = new long[cells];
            lastUser = new int[shape.measure == Measure.USERS && !shape.cumulative ? cells : 0];
            Arrays.fill(lastUser, -1);
            groupSeen = new int[shape.groups];
            Arrays.fill(groupSeen, -1);
        }

        @Override
        public long bytes() {
            return (long) value.length * (Double.BYTES + Long.BYTES + Long.BYTES) + (long) lastUser.length * Integer.BYTES
                    + (long) groupSeen.length * Integer.BYTES;
        }

        @Override
        public void add(Tally other) {
            for (int i = 0; i < value.length; i++) {
                value[i] += other.value[i];
                count[i] += other.count[i];
                withValue[i] += other.withValue[i];
            }
        }
    }
}
