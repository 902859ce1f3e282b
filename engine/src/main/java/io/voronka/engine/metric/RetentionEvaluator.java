package io.voronka.engine.metric;

import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserRanges;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseDoubleColumn;
import io.voronka.engine.store.SparseIntColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Cohorts by the period of each user's first cohort event (counted only when that event is inside the range);
 * per age 0..periods-1 (periods since the cohort's own), the users with a return event at that age, or the
 * return events' value per cohort member (LTV). A return event counts at or after the cohort event's time (the
 * cohort event itself counts when its type is also a return type); ages the data has not reached yet are NaN.
 */
public final class RetentionEvaluator {
    private static final int CHECK_EVERY = 4096;
    private static final String NONE_GROUP = "(none)";

    private final ForkJoinPool pool;

    public RetentionEvaluator(ForkJoinPool pool) {
        this.pool = pool;
    }

    public RetentionResult evaluate(RetentionQuery query, EventStore store, TimeRange range, Deadline deadline) {
        String period = query.period().name().toLowerCase(Locale.ROOT);
        String measure = query.measure() == Measure.USERS ? "users" : (query.cumulative() ? "cumulative " : "")
                + "value per user";
        TimeRange cohorts = range.clippedTo(store);
        if (cohorts == null) {
            return new RetentionResult(period, measure, List.of());
        }
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.period(), cohorts.from(), store.maxTime() + 1);
        int dimension = query.breakdown().map(name -> EventMatcher.dimension(store, name)).orElse(-1);
        int groups = dimension < 0 ? 1 : store.dimensions().get(dimension).size() + 1;
        Shape shape = new Shape(EventMatcher.typeMask(store.types(), query.cohortEvents()),
                EventMatcher.typeMask(store.types(), query.returnEvents()), buckets, cohorts, query.periods(),
                query.measure(), dimension, groups);
        Tally total = new Tally(shape);
        for (Tally part : UserRanges.run(pool, store, deadline, (segment, from, to) -> tally(shape, segment, from, to, deadline))) {
            total.add(part);
        }
        return new RetentionResult(period, measure, rows(query, store, shape, total));
    }

    private static Tally tally(Shape shape, Segment segment, int fromUser, int toUser, Deadline deadline) {
        Tally tally = new Tally(shape);
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseDoubleColumn values = segment.values();
        final SparseIntColumn groupColumn = shape.dimension < 0 ? null : segment.dimension(shape.dimension);
        final int periods = shape.periods;
        final int bucketCount = shape.buckets.count();
        final boolean[] returned = new boolean[periods];
        for (int u = fromUser; u < toUser; u++) {
            if ((u & (CHECK_EVERY - 1)) == 0) {
                deadline.check();
            }
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
            int g = 0;
            if (groupColumn != null) {
                int code = groupColumn.get(first);
                g = code < 0 ? shape.groups - 1 : code;
            }
            final int row = g * bucketCount + cohort;
            tally.size[row]++;
            Arrays.fill(returned, false);
            final int base = row * periods;
            int start = first;
            while (start > from && times[start - 1] == times[first]) {
                start--;
            }
            for (int p = start; p < to; p++) {
                if (!shape.returnTypes[types[p]]) {
                    continue;
                }
                final int age = shape.buckets.bucketOf(times[p]) - cohort;
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
        return tally;
    }

    private static List<CohortRow> rows(RetentionQuery query, EventStore store, Shape shape, Tally total) {
        int bucketCount = shape.buckets.count();
        Dimension dimension = shape.dimension < 0 ? null : store.dimensions().get(shape.dimension);
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
                String label = dimension == null ? cohort
                        : (g == shape.groups - 1 ? NONE_GROUP : dimension.value(g)) + " / " + cohort;
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
                         int periods, Measure measure, int dimension, int groups) {
    }

    private static final class Tally {
        final long[] size;
        final double[] value;

        Tally(Shape shape) {
            int rows = shape.groups * shape.buckets.count();
            size = new long[rows];
            value = new double[rows * shape.periods];
        }

        void add(Tally other) {
            for (int i = 0; i < size.length; i++) {
                size[i] += other.size[i];
            }
            for (int i = 0; i < value.length; i++) {
                value[i] += other.value[i];
            }
        }
    }
}
