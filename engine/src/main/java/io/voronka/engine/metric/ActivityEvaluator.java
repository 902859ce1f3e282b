package io.voronka.engine.metric;

import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.MergingEvaluator;
import io.voronka.engine.eval.PartialAnswer;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserScan;
import io.voronka.engine.query.ActivityQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.result.Groups;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * DAU, WAU, MAU and sticky ({@link ActivityQuery}): one scan counts unique users per day, per week and per month of
 * the range; each output bucket then averages the days (weeks, months) that start in it. A period belongs to the
 * output bucket of its first day (a week to the month of its Monday, or of the range's first day when the range
 * starts mid-week).
 */
public final class ActivityEvaluator implements MergingEvaluator<ActivityQuery, ActivityEvaluator.Partial> {
    private static final Bucket[] PERIODS = {Bucket.DAY, Bucket.WEEK, Bucket.MONTH};

    private final UserScan scan;

    public ActivityEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public Class<Partial> partialType() {
        return Partial.class;
    }

    @Override
    public Partial partial(ActivityQuery query, EventStore store, TimeRange range, Deadline deadline) {
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return new Partial(List.of(), List.of(), new long[PERIODS.length][0]);
        }
        CalendarBuckets[] periods = new CalendarBuckets[PERIODS.length];
        List<List<String>> periodLabels = new ArrayList<>();
        for (int k = 0; k < PERIODS.length; k++) {
            periods[k] = new CalendarBuckets(store.zone(), PERIODS[k], shown.from(), shown.to());
            periodLabels.add(periods[k].labels());
        }
        CalendarBuckets out = new CalendarBuckets(store.zone(), query.bucket(), shown.from(), shown.to());
        EventMatcher matcher = new EventMatcher(store, query.events(), query.filters());
        Tally total = scan.run(store, deadline, () -> new Tally(periods),
                (segment, from, to, tally) -> tally(segment, from, to, matcher, periods, range, tally));
        return new Partial(out.labels(), periodLabels, total.unique);
    }

    @Override
    public SeriesResult finish(ActivityQuery query, Partial partial) {
        List<String> out = partial.labels;
        if (out.isEmpty()) {
            return new SeriesResult(query, List.of(), List.of());
        }
        double[][] average = new double[PERIODS.length][];
        for (int k = 0; k < PERIODS.length; k++) {
            average[k] = averages(partial.periodLabels.get(k), partial.unique[k], query.bucket(), out);
        }
        List<Double> values = new ArrayList<>(out.size());
        for (int b = 0; b < out.size(); b++) {
            double dau = average[0][b];
            double mau = average[2][b];
            values.add(switch (query.measure()) {
                case DAU -> dau;
                case WAU -> average[1][b];
                case MAU -> mau;
                case STICKY -> mau == 0 ? Double.NaN : dau / mau;
            });
        }
        return new SeriesResult(query, out, List.of(new Series(Groups.ALL, values, List.of())));
    }

    private static void tally(Segment segment, int fromUser, int toUser, EventMatcher matcher,
                              CalendarBuckets[] periods, TimeRange range, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        for (int u = fromUser; u < toUser; u++) {
            final int user = segment.firstUser() + u;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                int t = times[p];
                if (t < range.from() || t >= range.to() || !matcher.matches(segment, p)) {
                    continue;
                }
                for (int k = 0; k < periods.length; k++) {
                    int i = periods[k].bucketOf(t);
                    if (i >= 0 && tally.lastUser[k][i] != user) {
                        tally.lastUser[k][i] = user;
                        tally.unique[k][i]++;
                    }
                }
            }
        }
    }

    /** Per output bucket, the mean of {@code unique} over the periods whose label falls in it. */
    private static double[] averages(List<String> periodLabels, long[] unique, Bucket bucket, List<String> out) {
        double[] sum = new double[out.size()];
        int[] n = new int[out.size()];
        for (int i = 0; i < periodLabels.size(); i++) {
            int b = outBucket(periodLabels.get(i), bucket, out);
            sum[b] += unique[i];
            n[b]++;
        }
        for (int b = 0; b < sum.length; b++) {
            sum[b] = n[b] == 0 ? Double.NaN : sum[b] / n[b];
        }
        return sum;
    }

    /** The output bucket of a period by its label ({@code 2017-06-05} or {@code 2017-06}): its month, or the total. */
    private static int outBucket(String periodLabel, Bucket bucket, List<String> out) {
        if (bucket == Bucket.TOTAL) {
            return 0;
        }
        String month = periodLabel.substring(0, 7);
        int b = out.indexOf(month);
        return b < 0 ? 0 : b;
    }

    /**
     * Unique users per day, week and month of the range, with the labels of those periods and of the output
     * buckets. A user lives in one store of a partitioned run, so the counts of two partitions add up.
     */
    public static final class Partial implements PartialAnswer {
        private static final long serialVersionUID = 1L;
        private final List<String> labels;
        private final List<List<String>> periodLabels;
        private final long[][] unique;

        Partial(List<String> labels, List<List<String>> periodLabels, long[][] unique) {
            this.labels = List.copyOf(labels);
            this.periodLabels = periodLabels.stream().map(List::copyOf).toList();
            this.unique = unique;
        }

        @Override
        public Partial plus(PartialAnswer other) {
            Partial o = (Partial) other;
            if (!labels.equals(o.labels) || !periodLabels.equals(o.periodLabels)) {
                throw new IllegalArgumentException("partial answers over different periods: " + labels + " and "
                        + o.labels);
            }
            long[][] sum = new long[unique.length][];
            for (int k = 0; k < unique.length; k++) {
                sum[k] = unique[k].clone();
                for (int i = 0; i < sum[k].length; i++) {
                    sum[k][i] += o.unique[k][i];
                }
            }
            return new Partial(labels, periodLabels, sum);
        }
    }

    /** Unique users per day, week and month of one task's users. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final long[][] unique = new long[PERIODS.length][];
        final int[][] lastUser = new int[PERIODS.length][];

        Tally(CalendarBuckets[] periods) {
            for (int k = 0; k < periods.length; k++) {
                unique[k] = new long[periods[k].count()];
                lastUser[k] = new int[periods[k].count()];
                Arrays.fill(lastUser[k], -1);
            }
        }

        @Override
        public long bytes() {
            long bytes = 0;
            for (int k = 0; k < unique.length; k++) {
                bytes += unique[k] == null ? 0 : unique[k].length * (long) (Long.BYTES + Integer.BYTES);
            }
            return bytes;
        }

        @Override
        public void add(Tally other) {
            for (int k = 0; k < unique.length; k++) {
                for (int i = 0; i < unique[k].length; i++) {
                    unique[k][i] += other.unique[k][i];
                }
            }
        }
    }
}
