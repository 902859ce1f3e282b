package io.voronka.engine.metric;

import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Evaluator;
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
public final class ActivityEvaluator implements Evaluator<ActivityQuery> {
    private static final Bucket[] PERIODS = {Bucket.DAY, Bucket.WEEK, Bucket.MONTH};

    private final UserScan scan;

    public ActivityEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public SeriesResult evaluate(ActivityQuery query, EventStore store, TimeRange range, Deadline deadline) {
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return new SeriesResult(query, List.of(), List.of());
        }
        CalendarBuckets[] periods = new CalendarBuckets[PERIODS.length];
        for (int k = 0; k < PERIODS.length; k++) {
            periods[k] = new CalendarBuckets(store.zone(), PERIODS[k], shown.from(), shown.to());
        }
        CalendarBuckets out = new CalendarBuckets(store.zone(), query.bucket(), shown.from(), shown.to());
        EventMatcher matcher = new EventMatcher(store, query.events(), query.filters());
        Tally total = scan.run(store, deadline, () -> new Tally(periods),
                (segment, from, to, tally) -> tally(segment, from, to, matcher, periods, range, tally));
        double[][] average = new double[PERIODS.length][];
        for (int k = 0; k < PERIODS.length; k++) {
            average[k] = averages(periods[k], total.unique[k], out);
        }
        List<Double> values = new ArrayList<>(out.count());
        for (int b = 0; b < out.count(); b++) {
            double dau = average[0][b];
            double mau = average[2][b];
            values.add(switch (query.measure()) {
                case DAU -> dau;
                case WAU -> average[1][b];
                case MAU -> mau;
                case STICKY -> mau == 0 ? Double.NaN : dau / mau;
            });
        }
        return new SeriesResult(query, out.labels(), List.of(new Series(Groups.ALL, values, List.of())));
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
    private static double[] averages(CalendarBuckets periods, long[] unique, CalendarBuckets out) {
        double[] sum = new double[out.count()];
        int[] n = new int[out.count()];
        for (int i = 0; i < periods.count(); i++) {
            int b = outBucket(periods.label(i), out);
            sum[b] += unique[i];
            n[b]++;
        }
        for (int b = 0; b < sum.length; b++) {
            sum[b] = n[b] == 0 ? Double.NaN : sum[b] / n[b];
        }
        return sum;
    }

    /** The output bucket of a period by its label ({@code 2017-06-05} or {@code 2017-06}): its month, or the total. */
    private static int outBucket(String periodLabel, CalendarBuckets out) {
        if (out.bucket() == Bucket.TOTAL) {
            return 0;
        }
        String month = periodLabel.substring(0, 7);
        int b = out.labels().indexOf(month);
        return b < 0 ? 0 : b;
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
