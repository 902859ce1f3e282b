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
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.result.GroupFamily;
import io.voronka.engine.result.Groups;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RateRow;
import io.voronka.engine.stats.GroupComparison;
import io.voronka.engine.stats.WilsonInterval;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Rates ({@link RateQuery}) per group and bucket of the denominator event. Per user, a first pass marks the
 * denominator events and their cells, a second attributes each numerator event to a denominator event (itself when
 * it is of a denominator type, else the latest one at or before it, equal times included). Then each family of groups
 * is compared: Wilson intervals, z-tests against the rest with Holm's adjustment, chi-square.
 */
public final class RateEvaluator implements MergingEvaluator<RateQuery, RateEvaluator.Partial> {
    private static final int MAX_CELLS = 20_000_000;
    /** Marks in the per-user cell array. */
    private static final int NOT_DENOMINATOR = -2;
    private static final int OUTSIDE_RANGE = -1;

    private final UserScan scan;

    public RateEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public Class<Partial> partialType() {
        return Partial.class;
    }

    @Override
    public Partial partial(RateQuery query, EventStore store, TimeRange range, Deadline deadline) {
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
        Shape shape = new Shape(new EventMatcher(store, query.numerator(), query.numeratorFilters()),
                new EventMatcher(store, query.denominator(), query.denominatorFilters()),
                EventMatcher.typeMask(store.types(), query.denominator()), keys, buckets, range,
                query.withinSeconds());
        Tally total = scan.run(store, deadline, () -> new Tally(shape),
                (segment, from, to, tally) -> tally(shape, segment, from, to, tally));
        int bucketCount = buckets.count();
        IntArrayList present = new IntArrayList();
        for (int g = 0; g < keys.count(); g++) {
            for (int b = 0; b < bucketCount; b++) {
                if (total.trials[g * bucketCount + b] > 0) {
                    present.add(g);
                    break;
                }
            }
        }
        long[][] counts = new long[3][present.size() * bucketCount];
        for (int i = 0; i < present.size(); i++) {
            int from = present.getInt(i) * bucketCount;
            System.arraycopy(total.trials, from, counts[0], i * bucketCount, bucketCount);
            System.arraycopy(total.converted, from, counts[1], i * bucketCount, bucketCount);
            System.arraycopy(total.numeratorEvents, from, counts[2], i * bucketCount, bucketCount);
        }
        return new Partial(NamedCells.of(buckets.labels(), keys, present.toIntArray()), counts[0], counts[1],
                counts[2], total.unattributed);
    }

    private static void tally(Shape shape, Segment segment, int fromUser, int toUser, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final int bucketCount = shape.buckets.count();
        final int from = shape.range.from();
        final int to = shape.range.to();
        for (int u = fromUser; u < toUser; u++) {
            final int first = offsets[u];
            final int end = offsets[u + 1];
            int[] cellAt = tally.cells(end - first);
            boolean[] converted = tally.flags;
            boolean any = false;
            boolean started = false;
            for (int p = first; p < end; p++) {
                if (!shape.denominator.matches(segment, p)) {
                    cellAt[p - first] = NOT_DENOMINATOR;
                    continue;
                }
                any = true;
                int t = times[p];
                if (t < from || t >= to) {
                    cellAt[p - first] = OUTSIDE_RANGE;
                    continue;
                }
                if (!started) {
                    shape.keys.startUser(segment, first, end, tally.firstTouch);
                    started = true;
                }
                int cell = shape.keys.groupOf(segment, p, t, tally.firstTouch) * bucketCount
                        + shape.buckets.bucketOf(t);
                cellAt[p - first] = cell;
                converted[p - first] = false;
                tally.trials[cell]++;
            }
            int latest = -1;
            for (int p = first; p < end; p++) {
                if (cellAt[p - first] != NOT_DENOMINATOR) {
                    latest = p;
                }
                if (!shape.numerator.matches(segment, p)) {
                    continue;
                }
                int t = times[p];
                int target;
                if (shape.denominatorType[types[p]]) {
                    target = cellAt[p - first] == NOT_DENOMINATOR ? -1 : p;
                } else {
                    target = latest;
                    for (int q = p + 1; q < end && times[q] == t; q++) {
                        if (cellAt[q - first] != NOT_DENOMINATOR) {
                            target = q;
                        }
                    }
                }
                if (!any || target < 0 || (shape.within > 0 && (long) t - times[target] > shape.within)) {
                    if (t >= from && t < to) {
                        tally.unattributed++;
                    }
                    continue;
                }
                int cell = cellAt[target - first];
                if (cell < 0) {
                    continue;
                }
                tally.numeratorEvents[cell]++;
                if (!converted[target - first]) {
                    converted[target - first] = true;
                    tally.converted[cell]++;
                }
            }
        }
    }

    @Override
    public RateResult finish(RateQuery query, Partial total) {
        List<String> by = query.groupBy().parts().stream().map(GroupPart::name).toList();
        NamedCells groups = total.cells;
        int bucketCount = groups.buckets().size();
        int[] order = bucketCount == 0 ? new int[0] : groups.displayOrder();
        List<RateRow> rows = new ArrayList<>();
        List<GroupFamily> families = new ArrayList<>();
        for (int b = 0; b < bucketCount; b++) {
            final int bucket = b;
            String label = groups.buckets().get(b);
            long trials = 0;
            long converted = 0;
            long events = 0;
            for (int g = 0; g < groups.count(); g++) {
                int cell = g * bucketCount + b;
                trials += total.trials[cell];
                converted += total.converted[cell];
                events += total.numeratorEvents[cell];
            }
            WilsonInterval all = WilsonInterval.of(converted, trials);
            rows.add(new RateRow(label, List.of(Groups.ALL), trials, converted, events, rate(converted, trials),
                    all.low(), all.high(), Double.NaN, Double.NaN, Double.NaN));
            if (groups.levels() == 0) {
                continue;
            }
            for (int[] family : groups.families(order, g -> total.trials[g * bucketCount + bucket] > 0)) {
                long[] x = new long[family.length];
                long[] n = new long[family.length];
                for (int i = 0; i < family.length; i++) {
                    x[i] = total.converted[family[i] * bucketCount + b];
                    n[i] = total.trials[family[i] * bucketCount + b];
                }
                GroupComparison comparison = GroupComparison.of(x, n);
                List<String> names = groups.names(family[0]);
                List<String> parent = names.subList(0, groups.levels() - 1);
                families.add(new GroupFamily(label, parent, family.length, comparison.independence().statistic(),
                        comparison.independence().degreesOfFreedom(), comparison.independence().pValue()));
                int[] position = new int[groups.count()];
                for (int i = 0; i < family.length; i++) {
                    position[family[i]] = i;
                }
                int[] shown = GroupFamilies.shown(family, query.groupBy().top(), query.groupBy().minSize(),
                        g -> n[position[g]], g -> rate(x[position[g]], n[position[g]]));
                for (int g : shown) {
                    int i = position[g];
                    int cell = g * bucketCount + b;
                    rows.add(new RateRow(label, groups.names(g), n[i], x[i], total.numeratorEvents[cell],
                            rate(x[i], n[i]), comparison.intervals()[i].low(), comparison.intervals()[i].high(),
                            comparison.tests()[i].z(), comparison.tests()[i].pValue(), comparison.adjusted()[i]));
                }
            }
        }
        return new RateResult(query, by, groups.buckets(), rows, families, total.unattributed);
    }

    private static double rate(long converted, long trials) {
        return trials == 0 ? Double.NaN : (double) converted / trials;
    }

    private record Shape(EventMatcher numerator, EventMatcher denominator, boolean[] denominatorType, GroupKeys keys,
                         CalendarBuckets buckets, TimeRange range, long within) {
    }

    /**
     * Per group and bucket of the denominator event ({@code [g * buckets + b]}, group {@code g} of {@code cells}):
     * denominator events, those converted, numerator events attributed; and the unattributed numerator events. A
     * user's events stay in one store, so every count adds up; intervals and tests are made from the sums.
     */
    public static final class Partial implements PartialAnswer {
        private static final long serialVersionUID = 1L;
        static final Partial EMPTY = new Partial(NamedCells.NONE, new long[0], new long[0], new long[0], 0);

        private final NamedCells cells;
        private final long[] trials;
        private final long[] converted;
        private final long[] numeratorEvents;
        private final long unattributed;

        Partial(NamedCells cells, long[] trials, long[] converted, long[] numeratorEvents, long unattributed) {
            this.cells = cells;
            this.trials = trials;
            this.converted = converted;
            this.numeratorEvents = numeratorEvents;
            this.unattributed = unattributed;
        }

        @Override
        public Partial plus(PartialAnswer other) {
            Partial o = (Partial) other;
            NamedCells.Union union = cells.union(o.cells);
            long[] t = Arrays.copyOf(trials, union.size());
            long[] c = Arrays.copyOf(converted, t.length);
            long[] e = Arrays.copyOf(numeratorEvents, t.length);
            for (int cell = 0; cell < o.trials.length; cell++) {
                int at = union.at(cell);
                t[at] += o.trials[cell];
                c[at] += o.converted[cell];
                e[at] += o.numeratorEvents[cell];
            }
            return new Partial(union.cells(), t, c, e, unattributed + o.unattributed);
        }
    }

    /** Per-task counts per cell, plus per-user scratch reused across users. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final long[] trials;
        final long[] converted;
        final long[] numeratorEvents;
        long unattributed;
        final int[] firstTouch;
        /** Per event of the current user: its cell, or a mark; whether it got a numerator event. */
        private int[] cellAt = new int[64];
        boolean[] flags = new boolean[64];

        Tally(Shape shape) {
            int cells = shape.keys.count() * shape.buckets.count();
            trials = new long[cells];
            converted = new long[cells];
            numeratorEvents = new long[cells];
            firstTouch = new int[shape.keys.levels()];
        }

        int[] cells(int events) {
            if (cellAt.length < events) {
                cellAt = new int[Math.max(events, cellAt.length * 2)];
                flags = new boolean[cellAt.length];
            }
            return cellAt;
        }

        @Override
        public long bytes() {
            return (long) (trials.length + converted.length + numeratorEvents.length) * Long.BYTES;
        }

        @Override
        public void add(Tally other) {
            for (int i = 0; i < trials.length; i++) {
                trials[i] += other.trials[i];
                converted[i] += other.converted[i];
                numeratorEvents[i] += other.numeratorEvents[i];
            }
            unattributed += other.unattributed;
        }
    }
}
