package io.voronka.engine.metric;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Evaluator;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.GroupFamilies;
import io.voronka.engine.eval.GroupKeys;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserScan;
import io.voronka.engine.query.GroupPart;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.result.Groups;
import io.voronka.engine.result.TwoGroupTest;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.result.ValueRow;
import io.voronka.engine.stats.BoxSummary;
import io.voronka.engine.stats.MannWhitneyTest;
import io.voronka.engine.stats.Quantiles;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseDoubleColumn;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Value statistics and distributions ({@link ValueQuery}) per group and bucket of the event. Quantiles need every
 * value, so each task collects the values per cell; the lists are joined and sorted once at the end (order-free, so
 * the answer does not depend on the number of threads).
 */
public final class ValueEvaluator implements Evaluator<ValueQuery> {
    private static final int MAX_CELLS = 5_000_000;

    private final UserScan scan;

    public ValueEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public ValueResult evaluate(ValueQuery query, EventStore store, TimeRange range, Deadline deadline) {
        List<String> by = query.groupBy().parts().stream().map(GroupPart::name).toList();
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return new ValueResult(query, by, List.of(), List.of(), List.of());
        }
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.bucket(), shown.from(), shown.to());
        GroupKeys keys = new GroupKeys(store, query.groupBy().parts(), shown);
        if ((long) keys.count() * buckets.count() > MAX_CELLS) {
            throw VoronkaException.user("the breakdown has too many cells (" + keys.count() + " groups × "
                    + buckets.count() + " buckets)");
        }
        EventMatcher matcher = new EventMatcher(store, query.events(), query.filters());
        int cells = keys.count() * buckets.count();
        Tally total = scan.run(store, deadline, () -> new Tally(cells, keys.levels()), (segment, from, to, tally) ->
                tally(segment, from, to, matcher, keys, buckets, range, tally));
        return toResult(query, by, keys, buckets, total);
    }

    private static void tally(Segment segment, int fromUser, int toUser, EventMatcher matcher, GroupKeys keys,
                              CalendarBuckets buckets, TimeRange range, Tally tally) {
        final SparseDoubleColumn values = segment.values();
        if (values == null) {
            return;
        }
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final int bucketCount = buckets.count();
        for (int u = fromUser; u < toUser; u++) {
            boolean started = false;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                int t = times[p];
                if (t < range.from() || t >= range.to() || !values.has(p) || !matcher.matches(segment, p)) {
                    continue;
                }
                if (!started) {
                    keys.startUser(segment, offsets[u], offsets[u + 1], tally.firstTouch);
                    started = true;
                }
                int cell = keys.groupOf(segment, p, t, tally.firstTouch) * bucketCount + buckets.bucketOf(t);
                tally.list(cell).add(values.get(p, 0));
            }
        }
    }

    private static ValueResult toResult(ValueQuery query, List<String> by, GroupKeys keys, CalendarBuckets buckets,
                                        Tally total) {
        int bucketCount = buckets.count();
        List<ValueRow> rows = new ArrayList<>();
        List<TwoGroupTest> tests = new ArrayList<>();
        double[][] sorted = new double[total.lists.length][];
        for (int cell = 0; cell < sorted.length; cell++) {
            DoubleArrayList list = total.lists[cell];
            sorted[cell] = list == null ? new double[0] : list.toDoubleArray();
            Arrays.sort(sorted[cell]);
        }
        for (int b = 0; b < bucketCount; b++) {
            final int bucket = b;
            String label = buckets.label(b);
            DoubleArrayList all = new DoubleArrayList();
            for (int g = 0; g < keys.count(); g++) {
                all.addElements(all.size(), sorted[g * bucketCount + b]);
            }
            double[] allValues = all.toDoubleArray();
            Arrays.sort(allValues);
            rows.add(row(query, label, List.of(Groups.ALL), allValues));
            if (keys.levels() == 0) {
                continue;
            }
            for (int[] family : GroupFamilies.of(keys, g -> sorted[g * bucketCount + bucket].length > 0)) {
                int[] shown = GroupFamilies.shown(family, query.groupBy().top(), query.groupBy().minSize(),
                        g -> sorted[g * bucketCount + bucket].length,
                        g -> statistic(query, sorted[g * bucketCount + bucket]));
                for (int g : shown) {
                    rows.add(row(query, label, keys.names(g), sorted[g * bucketCount + b]));
                }
                if (shown.length == 2) {
                    tests.add(new TwoGroupTest(label, keys.names(shown[0]), keys.names(shown[1]),
                            MannWhitneyTest.of(sorted[shown[0] * bucketCount + b], sorted[shown[1] * bucketCount + b])));
                }
            }
        }
        return new ValueResult(query, by, buckets.labels(), rows, tests);
    }

    private static ValueRow row(ValueQuery query, String bucket, List<String> group, double[] sorted) {
        return new ValueRow(bucket, group, statistic(query, sorted), BoxSummary.of(sorted, sorted.length));
    }

    /** The query's statistic of ascending {@code sorted} values; NaN without values (a sum of none is 0). */
    static double statistic(ValueQuery query, double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return switch (query.statistic()) {
                case SUM -> 0;
                default -> Double.NaN;
            };
        }
        return switch (query.statistic()) {
            case AVERAGE -> sum(sorted) / n;
            case SUM -> sum(sorted);
            case MIN -> sorted[0];
            case MAX -> sorted[n - 1];
            case MEDIAN, PERCENTILE -> Quantiles.of(sorted, n, query.quantile());
            case DISTRIBUTION -> Quantiles.of(sorted, n, 0.5);
        };
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    /** Per-task values per cell (lists made on first use). */
    private static final class Tally implements UserScan.Tally<Tally> {
        final DoubleArrayList[] lists;
        final int[] firstTouch;

        Tally(int cells, int levels) {
            lists = new DoubleArrayList[cells];
            firstTouch = new int[levels];
        }

        DoubleArrayList list(int cell) {
            DoubleArrayList list = lists[cell];
            if (list == null) {
                list = new DoubleArrayList();
                lists[cell] = list;
            }
            return list;
        }

        @Override
        public long bytes() {
            return (long) lists.length * 8;
        }

        @Override
        public void add(Tally other) {
            for (int i = 0; i < lists.length; i++) {
                if (other.lists[i] != null) {
                    list(i).addAll(other.lists[i]);
                }
            }
        }
    }
}
