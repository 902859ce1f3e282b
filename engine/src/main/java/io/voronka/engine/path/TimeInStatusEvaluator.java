package io.voronka.engine.path;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.EventNames;
import io.voronka.engine.eval.MergingEvaluator;
import io.voronka.engine.eval.PartialAnswer;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserScan;
import io.voronka.engine.query.Binning;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.result.Distribution;
import io.voronka.engine.result.Distribution.OutcomeGroup;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.DurationCounts;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Time in status: for each status event, the time to the user's next event (of the next types), read in the
 * same-second order of {@link SameSecondOrder}; whether the user reached the outcome within the window at or after
 * the status event, by two pointers over the user's outcome times. Exact durations are kept per task and merged,
 * so percentiles are exact and independent of the number of threads.
 */
public final class TimeInStatusEvaluator
        implements MergingEvaluator<TimeInStatusQuery, TimeInStatusEvaluator.Partial> {
    /** Readable bin widths in seconds, for automatic bins. */
    static final long[] ROUND_WIDTHS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800,
            21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600, 2_592_000};
    /** Bins of a fixed width stop here; longer durations share the last, open-ended bin. */
    static final int MAX_BINS = 100;
    /** Automatic bins up to the p90. */
    static final int AUTO_BINS = 20;
    /**
     * Bins cover durations up to this percentile; the rest share the last bin ("≥ 4h"), so a long tail (a status
     * that lasts days for a few users) does not squeeze the part most events are in.
     */
    static final double COVERED = 0.90;

    private final UserScan scan;

    public TimeInStatusEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public Class<Partial> partialType() {
        return Partial.class;
    }

    @Override
    public Partial partial(TimeInStatusQuery query, EventStore store, TimeRange range, Deadline deadline) {
        EventTypes types = store.types();
        final boolean[] status = EventMatcher.typeMask(types, query.from());
        final boolean[] next = EventMatcher.typeMask(types, query.next());
        final boolean[] outcome = query.hasOutcome() ? EventMatcher.typeMask(types, query.outcome()) : null;
        final long window = query.outcomeWindowSeconds();
        final int[] ranks = SameSecondOrder.ranks(types);
        Tally total = scan.run(store, deadline, () -> new Tally(ranks), (segment, fromUser, toUser, tally) -> {
            for (int u = fromUser; u < toUser; u++) {
                user(segment, u, tally, status, next, outcome, window, range);
            }
        });
        DurationCounts[] durations = new DurationCounts[3];
        for (int g = 0; g < 3; g++) {
            int[] sorted = total.durations[g].toIntArray();
            Arrays.sort(sorted);
            durations[g] = DurationCounts.ofSorted(sorted, sorted.length);
        }
        return new Partial(EventNames.joined(query.from(), types), EventNames.joined(query.next(), types),
                EventNames.joined(query.outcome(), types), durations, total.open.clone());
    }

    @Override
    public DistributionResult finish(TimeInStatusQuery query, Partial partial) {
        List<Long> starts = binStarts(query.binning(), partial.durations[0]);
        List<Distribution> groups = new ArrayList<>();
        OutcomeGroup[] shown = query.hasOutcome() ? OutcomeGroup.values() : new OutcomeGroup[]{OutcomeGroup.ALL};
        for (OutcomeGroup g : shown) {
            groups.add(distribution(g, partial.durations[g.ordinal()], partial.open[g.ordinal()], starts));
        }
        return new DistributionResult(query, partial.from, partial.next, partial.outcome, starts, groups);
    }

    private static void user(Segment segment, int u, Tally tally, boolean[] status, boolean[] next,
                             boolean[] outcome, long window, TimeRange range) {
        final int[] times = segment.times();
        final short[] types = segment.types();
        final int from = segment.offsets()[u];
        final int to = segment.offsets()[u + 1];
        final int n = to - from;
        final int[] order = tally.order.order(times, types, from, to);
        final int[] nextAt = tally.nextAt(n);
        int following = -1;
        for (int i = n - 1; i >= 0; i--) {
            nextAt[i] = following;
            if (next[types[order[i]]]) {
                following = i;
            }
        }
        int outcomes = 0;
        final int[] outcomeTimes = tally.outcomeTimes(n);
        if (outcome != null) {
            for (int i = 0; i < n; i++) {
                if (outcome[types[order[i]]]) {
                    outcomeTimes[outcomes++] = times[order[i]];
                }
            }
        }
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < n; i++) {
            int p = order[i];
            int t = times[p];
            if (!status[types[p]] || t < range.from() || t >= range.to()) {
                continue;
            }
            int group = -1;
            if (outcome != null) {
                while (lo < outcomes && outcomeTimes[lo] < t) {
                    lo++;
                }
                hi = Math.max(hi, lo);
                while (hi < outcomes && (long) outcomeTimes[hi] - t <= window) {
                    hi++;
                }
                int reached = hi - lo - (outcome[types[p]] ? 1 : 0);
                group = reached > 0 ? OutcomeGroup.REACHED.ordinal() : OutcomeGroup.NOT_REACHED.ordinal();
            }
            if (nextAt[i] < 0) {
                tally.open[0]++;
                if (group > 0) {
                    tally.open[group]++;
                }
                continue;
            }
            int seconds = times[order[nextAt[i]]] - t;
            tally.durations[0].add(seconds);
            if (group > 0) {
                tally.durations[group].add(seconds);
            }
        }
    }

    private static Distribution distribution(OutcomeGroup group, DurationCounts durations, long open,
                                             List<Long> starts) {
        long[] histogram = new long[starts.size()];
        int bin = 0;
        for (int i = 0; i < durations.distinct(); i++) {
            long seconds = durations.value(i);
            while (bin + 1 < starts.size() && seconds >= starts.get(bin + 1)) {
                bin++;
            }
            histogram[bin] += durations.countOf(i);
        }
        List<Long> counts = new ArrayList<>();
        for (long c : histogram) {
            counts.add(c);
        }
        long n = durations.count();
        if (n == 0) {
            return new Distribution(group, 0, open, 0, 0, 0, 0, 0, 0, counts);
        }
        return new Distribution(group, n, open, durations.mean(), durations.nearestRank(0.25),
                durations.nearestRank(0.5), durations.nearestRank(0.75), durations.nearestRank(0.9),
                durations.nearestRank(0.99), counts);
    }

    /** As {@link #binStarts(Binning, DurationCounts)} for ascending {@code sorted} durations. */
    static List<Long> binStarts(Binning binning, int[] sorted) {
        return binStarts(binning, DurationCounts.ofSorted(sorted, sorted.length));
    }

    /** The start of each bin in seconds; the last bin has no end. {@code durations}: every duration. */
    static List<Long> binStarts(Binning binning, DurationCounts durations) {
        long max = durations.max();
        long covered = durations.nearestRank(COVERED);
        if (binning instanceof Binning.Edges edges) {
            List<Long> starts = new ArrayList<>();
            if (edges.edgesSeconds().get(0) > 0) {
                starts.add(0L);
            }
            starts.addAll(edges.edgesSeconds());
            return starts;
        }
        long width;
        if (binning instanceof Binning.Width w) {
            width = w.widthSeconds();
        } else {
            int bins = binning instanceof Binning.Count c ? c.bins() : AUTO_BINS;
            width = roundWidth(Math.max(1, (covered + bins - 1) / bins));
        }
        long upTo = covered + 1;
        long bins = Math.min(MAX_BINS, Math.max(1, (upTo + width - 1) / width));
        List<Long> starts = new ArrayList<>();
        for (long b = 0; b < bins; b++) {
            starts.add(b * width);
        }
        if (max >= bins * width) {
            starts.add(bins * width);
        }
        return starts;
    }

    /** The smallest readable width at least {@code seconds}. */
    static long roundWidth(long seconds) {
        for (long w : ROUND_WIDTHS) {
            if (w >= seconds) {
                return w;
            }
        }
        long month = ROUND_WIDTHS[ROUND_WIDTHS.length - 1];
        return (seconds + month - 1) / month * month;
    }

    /**
     * The exact durations (counts per distinct second) and open status events per outcome group (all, reached, not
     * reached), and the names of the status, next and outcome events: everything bins and percentiles need.
     */
    public static final class Partial implements PartialAnswer {
        private static final long serialVersionUID = 1L;
        private final String from;
        private final String next;
        private final String outcome;
        private final DurationCounts[] durations;
        private final long[] open;

        Partial(String from, String next, String outcome, DurationCounts[] durations, long[] open) {
            this.from = from;
            this.next = next;
            this.outcome = outcome;
            this.durations = durations;
            this.open = open;
        }

        @Override
        public Partial plus(PartialAnswer other) {
            Partial o = (Partial) other;
            DurationCounts[] d = new DurationCounts[durations.length];
            long[] n = new long[open.length];
            for (int g = 0; g < d.length; g++) {
                d[g] = durations[g].plus(o.durations[g]);
                n[g] = open[g] + o.open[g];
            }
            return new Partial(from, next, outcome, d, n);
        }
    }

    /** Per-task durations (all, reached, not reached), open counts and scratch. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final IntArrayList[] durations = {new IntArrayList(), new IntArrayList(), new IntArrayList()};
        final long[] open = new long[3];
        final SameSecondOrder order;
        private int[] nextAt = new int[64];
        private int[] outcomeTimes = new int[64];

        Tally(int[] ranks) {
            this.order = new SameSecondOrder(ranks);
        }

        int[] nextAt(int n) {
            if (nextAt.length < n) {
                nextAt = new int[Math.max(n, nextAt.length * 2)];
            }
            return nextAt;
        }

        int[] outcomeTimes(int n) {
            if (outcomeTimes.length < n) {
                outcomeTimes = new int[Math.max(n, outcomeTimes.length * 2)];
            }
            return outcomeTimes;
        }

        @Override
        public long bytes() {
            return (long) (nextAt.length + outcomeTimes.length) * Integer.BYTES;
        }

        @Override
        public void add(Tally other) {
            for (int g = 0; g < 3; g++) {
                durations[g].addAll(other.durations[g]);
                open[g] += other.open[g];
            }
        }
    }
}
