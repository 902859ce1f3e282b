package io.voronka.engine.metric;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.GroupFamilies;
import io.voronka.engine.eval.GroupKeys;
import io.voronka.engine.eval.NamedCells;
import io.voronka.engine.eval.MergingEvaluator;
import io.voronka.engine.eval.PartialAnswer;
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
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Value statistics and distributions ({@link ValueQuery}) per group and bucket of the event. Quantiles need every
 * value, so each task collects the values per cell; the lists are joined and sorted once into the partial answer
 * (order-free, so the answer depends neither on the number of threads nor on the user partitions, whose sorted values
 * merge); statistics, box summaries and tests are made in {@link #finish}.
 */
public final class ValueEvaluator implements MergingEvaluator<ValueQuery, ValueEvaluator.Partial> {
    private static final int MAX_CELLS = 5_000_000;
    private static final double[] NONE = new double[0];

    private final UserScan scan;

    public ValueEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public Class<Partial> partialType() {
        return Partial.class;
    }

    @Override
    public Partial partial(ValueQuery query, EventStore store, TimeRange range, Deadline deadline) {
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return Partial.EMPTY;
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
        int bucketCount = buckets.count();
        IntArrayList present = new IntArrayList();
        for (int g = 0; g < keys.count(); g++) {
            for (int b = 0; b < bucketCount; b++) {
                if (total.lists[g * bucketCount + b] != null) {
                    present.add(g);
                    break;
                }
            }
        }
        double[][] sorted = new double[present.size() * bucketCount][];
        for (int i = 0; i < present.size(); i++) {
            for (int b = 0; b < bucketCount; b++) {
                DoubleArrayList list = total.lists[present.getInt(i) * bucketCount + b];
                sorted[i * bucketCount + b] = list == null ? NONE : list.toDoubleArray();
                Arrays.sort(sorted[i * bucketCount + b]);
            }
        }
        return new Partial(NamedCells.of(buckets.labels(), keys, present.toIntArray()), sorted);
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

    @Override
    public ValueResult finish(ValueQuery query, Partial partial) {
        List<String> by = query.groupBy().parts().stream().map(GroupPart::name).toList();
        NamedCells groups = partial.cells;
        int bucketCount = groups.buckets().size();
        double[][] sorted = partial.sorted;
        int[] order = bucketCount == 0 ? new int[0] : groups.displayOrder();
        List<ValueRow> rows = new ArrayList<>();
        List<TwoGroupTest> tests = new ArrayList<>();
        for (int b = 0; b < bucketCount; b++) {
            final int bucket = b;
            String label = groups.buckets().get(b);
            DoubleArrayList all = new DoubleArrayList();
            for (int g = 0; g < groups.count(); g++) {
                all.addElements(all.size(), sorted[g * bucketCount + b]);
            }
            double[] allValues = all.toDoubleArray();
            Arrays.sort(allValues);
            rows.add(row(query, label, List.of(Groups.ALL), allValues));
            if (groups.levels() == 0) {
                continue;
            }
            for (int[] family : groups.families(order, g -> sorted[g * bucketCount + bucket].length > 0)) {
                int[] shown = GroupFamilies.shown(family, query.groupBy().top(), query.groupBy().minSize(),
                        g -> sorted[g * bucketCount + bucket].length,
                        g -> statistic(query, sorted[g * bucketCount + bucket]));
                for (int g : shown) {
                    rows.add(row(query, label, groups.names(g), sorted[g * bucketCount + b]));
                }
                if (shown.length == 2) {
                    tests.add(new TwoGroupTest(label, groups.names(shown[0]), groups.names(shown[1]),
                            MannWhitneyTest.of(sorted[shown[0] * bucketCount + b], sorted[shown[1] * bucketCount + b])));
                }
            }
        }
        return new ValueResult(query, by, groups.buckets(), rows, tests);
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

    /**
     * Every value per group and bucket, ascending ({@code sorted[g * buckets + b]}, group {@code g} of
     * {@code cells}, which has the bucket labels): quantiles, box summaries and Mann–Whitney tests need each value, and
     * the sorted values of two sets of users merge into the sorted values of both.
     */
    public static final class Partial implements PartialAnswer {
        private static final long serialVersionUID = 1L;
        static final Partial EMPTY = new Partial(NamedCells.NONE, new double[0][]);

        private final NamedCells cells;
        private final double[][] sorted;

        Partial(NamedCells cells, double[][] sorted) {
            this.cells = cells;
            this.sorted = sorted;
        }

        @Override
        public Partial plus(PartialAnswer other) {
            Partial o = (Partial) other;
            NamedCells.Union union = cells.union(o.cells);
            double[][] merged = new double[union.size()][];
            System.arraycopy(sorted, 0, merged, 0, sorted.length);
            for (int i = sorted.length; i < merged.length; i++) {
                merged[i] = NONE;
            }
            for (int cell = 0; cell < o.sorted.length; cell++) {
                int at = union.at(cell);
                merged[at] = mergeSorted(merged[at], o.sorted[cell]);
            }
            return new Partial(union.cells(), merged);
        }

        private static double[] mergeSorted(double[] a, double[] b) {
            if (b.length == 0) {
                return a;
            }
            if (a.length == 0) {
                return b;
            }
            double[] out = new double[a.length + b.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < a.length && j < b.length) {
                out[n++] = Double.compare(a[i], b[j]) <= 0 ? a[i++] : b[j++];
            }
            while (i < a.length) {
                out[n++] = a[i++];
            }
            while (j < b.length) {
                out[n++] = b[j++];
            }
            return out;
        }
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
