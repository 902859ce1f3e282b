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
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SegmentIndex;
import io.voronka.engine.store.SparseDoubleColumn;
import io.voronka.engine.store.SparseIntColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Cohorts by the period of each user's first cohort event (counted only when that event is inside the range);
 * per age 0..periods-1 (periods since the cohort's own), the users with a return event at that age, or the
 * return events' value per cohort member (LTV). A return event counts at or after the cohort event's time (the
 * cohort event itself counts when its type is also a return type); ages the data has not reached yet are NaN.
 */
public final class RetentionEvaluator implements Evaluator<RetentionQuery> {
    private final UserScan scan;

    public RetentionEvaluator(ForkJoinPool pool) {
        this(pool, Planning.INDEX);
    }

    public RetentionEvaluator(ForkJoinPool pool, Planning planning) {
        this.scan = new UserScan(pool, planning);
    }

    @Override
    public RetentionResult evaluate(RetentionQuery query, EventStore store, TimeRange range, Deadline deadline) {
        return evaluate(query, store, range, deadline, ScanTrace.OFF);
    }

    @Override
    public RetentionResult evaluate(RetentionQuery query, EventStore store, TimeRange range, Deadline deadline,
                                    ScanTrace trace) {
        TimeRange cohorts = range.clippedTo(store);
        if (cohorts == null) {
            return new RetentionResult(query, List.of());
        }
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.period(), cohorts.from(), store.maxTime() + 1);
        Grouping grouping = Grouping.of(store, query.breakdown());
        grouping.checkAnswerSize(Grouping.NO_TOP, (long) buckets.count() * (query.periods() + 1), "cohort cells");
        Shape shape = new Shape(EventMatcher.typeMask(store.types(), query.cohortEvents()),
                EventMatcher.typeMask(store.types(), query.returnEvents()), buckets, cohorts, query.periods(),
                query.measure(), grouping, grouping.count());
        boolean indexed = scan.indexed();
        Tally total = scan.run(store, deadline, Need.of(shape.cohortTypes, cohorts), trace, () -> new Tally(shape),
                (segment, users, tally) -> tally(shape, segment, users, indexed, tally));
        return new RetentionResult(query, rows(query, shape, total));
    }

    /**
     * Per user: the first cohort event, then the return events from its time on. With the index ({@code indexed}), a
     * user whose type mask has no return type is only counted in its cohort, and a return event's age is computed once
     * per run of events in one period ({@link CalendarBuckets#runEnd}).
     */
    private static void tally(Shape shape, Segment segment, UserScan.Users users, boolean indexed, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseDoubleColumn values = segment.values();
        final SparseIntColumn groupColumn = shape.grouping.column(segment);
        final int periods = shape.periods;
        final int bucketCount = shape.buckets.count();
        final boolean[] returned = tally.returned;
        final SegmentIndex index = indexed ? segment.index() : null;
        final long returnMask = SegmentIndex.maskOf(shape.returnTypes);
        final CalendarBuckets buckets = shape.buckets;
        final boolean runs = indexed && buckets.monotone();
        for (int i = 0, n = users.size(); i < n; i++) {
            final int u = users.user(i);
            final int from = offsets[u];
            final int to = offsets[u + 1];
            int first = from;
            while (first < to && !shape.cohortTypes[types[first]]) {
                first++;
            }
            if (first == to || times[first] < shape.range.from() || times[first] >= shape.range.to()) {
                continue;
            }
            final int cohort = shape.buckets.bucketOf(times[first]);
            final int g = shape.grouping.groupOf(groupColumn, first);
            final int row = g * bucketCount + cohort;
            tally.size[row]++;
            if (indexed && (index.mask(u) & returnMask) == 0) {
                continue;
            }
            Arrays.fill(returned, false);
            final int base = row * periods;
            int start = first;
            while (start > from && times[start - 1] == times[first]) {
                start--;
            }
            int runEnd = Integer.MIN_VALUE;
            int bucket = -1;
            for (int p = start; p < to; p++) {
                if (!shape.returnTypes[types[p]]) {
                    continue;
                }
                final int t = times[p];
                if (!runs) {
                    bucket = buckets.bucketOf(t);
                } else if (t >= runEnd) {
                    bucket = buckets.bucketOf(t);
                    runEnd = buckets.runEnd(t);
                }
                final int age = bucket - cohort;
                if (age < 0 || age >= periods) {
                    continue;
                }
                if (shape.measure == Measure.USERS) {
                    if (!returned[age]) {
                        returned[age] = true;
                        tally.value[base + age]++;
                    }
                } else if (values != null && values.has(p)) {
                    tally.value[base + age] += values.get(p, 0);
                }
            }
        }
    }

    private static List<CohortRow> rows(RetentionQuery query, Shape shape, Tally total) {
        int bucketCount = shape.buckets.count();
        List<CohortRow> rows = new ArrayList<>();
        for (int g = 0; g < shape.groups; g++) {
            for (int c = 0; c < bucketCount; c++) {
                int row = g * bucketCount + c;
                long size = total.size[row];
                if (size == 0) {
                    continue;
                }
                double[] v = new double[shape.periods];
                for (int age = 0; age < shape.periods; age++) {
                    v[age] = c + age >= bucketCount ? Double.NaN : total.value[row * shape.periods + age];
                }
                String cohort = shape.buckets.label(c);
                String label = shape.grouping.isBreakdown() ? shape.grouping.name(g) + " / " + cohort : cohort;
                if (query.measure() == Measure.SUM) {
                    rows.add(CohortRow.perMember(label, size, v, query.cumulative()));
                } else {
                    List<Double> values = new ArrayList<>(shape.periods);
                    for (double x : v) {
                        values.add(x);
                    }
                    rows.add(new CohortRow(label, size, values));
                }
            }
        }
        return rows;
    }

    private record Shape(boolean[] cohortTypes, boolean[] returnTypes, CalendarBuckets buckets, TimeRange range,
                         int periods, Measure measure, Grouping grouping, int groups) {
    }

    private static final class Tally implements UserScan.Tally<Tally> {
        final long[] size;
        final double[] value;

        /** Scratch: ages a user has returned at. */
        final boolean[] returned;

        Tally(Shape shape) {
            returned = new boolean[shape.periods];
            int rows = shape.groups * shape.buckets.count();
            size = new long[rows];
            value = new double[rows * shape.periods];
        }

        @Override
        public long bytes() {
            return (long) size.length * Long.BYTES + (long) value.length * Double.BYTES;
        }

        @Override
        public void add(Tally other) {
            for (int i = 0; i < size.length; i++) {
                size[i] += other.size[i];
            }
            for (int i = 0; i < value.length; i++) {
                value[i] += other.value[i];
            }
        }
    }
}
