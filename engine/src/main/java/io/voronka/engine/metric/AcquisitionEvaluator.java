package io.voronka.engine.metric;

import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserRanges;
import io.voronka.engine.query.AcquisitionMeasure;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseDoubleColumn;
import io.voronka.engine.store.SparseIntColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * CAC and ROMI per acquisition group and bucket (see {@link AcquisitionQuery}). Users are scanned in parallel for
 * their first touch and first purchase; spend comes from the store's {@link CostTable}. The first series is the
 * total ("all"), then one per group that has customers or spend.
 */
public final class AcquisitionEvaluator {
    private static final int CHECK_EVERY = 4096;

    private final ForkJoinPool pool;

    public AcquisitionEvaluator(ForkJoinPool pool) {
        this.pool = pool;
    }

    public SeriesResult evaluate(AcquisitionQuery query, EventStore store, TimeRange range, Deadline deadline) {
        CostTable costs = store.costs();
        String label = query.measure().name().toLowerCase(Locale.ROOT) + " by " + query.dimension();
        if (costs.isEmpty()) {
            throw new IllegalArgumentException("CAC and ROMI need marketing spend: configure the 'costs' section"
                    + " (see docs/configuration.md)");
        }
        if (!costs.dimension().equalsIgnoreCase(query.dimension())) {
            throw new IllegalArgumentException("the costs are given per " + costs.dimension() + ", not per "
                    + query.dimension());
        }
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return new SeriesResult(label, List.of(), List.of());
        }
        int d = EventMatcher.dimension(store, query.dimension());
        Dimension dimension = store.dimensions().get(d);
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.bucket(), shown.from(), shown.to());
        boolean[] purchase = EventMatcher.typeMask(store.types(), query.purchases());
        int groups = dimension.size() + 1;
        int cells = groups * buckets.count();
        double[] customers = new double[cells];
        double[] revenue = new double[cells];
        for (double[][] part : UserRanges.run(pool, store, deadline, (segment, from, to) ->
                tally(segment, from, to, d, purchase, buckets, range, query.horizonSeconds(), groups, deadline))) {
            for (int i = 0; i < cells; i++) {
                customers[i] += part[0][i];
                revenue[i] += part[1][i];
            }
        }
        double[] spend = new double[cells];
        for (int row = 0; row < costs.rows(); row++) {
            int t = costs.time(row);
            if (t < range.from() || t >= range.to()) {
                continue;
            }
            int b = buckets.bucketOf(t);
            if (b < 0) {
                continue;
            }
            int code = dimension.codeOf(costs.group(row));
            int g = code < 0 ? groups - 1 : code;
            spend[g * buckets.count() + b] += costs.amount(row);
        }
        return toResult(query, buckets, dimension, groups, customers, revenue, spend, label);
    }

    /** Per user: first touch, first purchase in range, purchases within the horizon. [0] customers, [1] revenue. */
    private static double[][] tally(Segment segment, int fromUser, int toUser, int d, boolean[] purchase,
                                    CalendarBuckets buckets, TimeRange range, long horizon, int groups,
                                    Deadline deadline) {
        int count = buckets.count();
        double[][] out = new double[2][groups * count];
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseIntColumn touch = segment.dimension(d);
        final SparseDoubleColumn values = segment.values();
        for (int u = fromUser; u < toUser; u++) {
            if ((u & (CHECK_EVERY - 1)) == 0) {
                deadline.check();
            }
            int from = offsets[u];
            int to = offsets[u + 1];
            int first = from;
            while (first < to && !purchase[types[first]]) {
                first++;
            }
            if (first == to || times[first] < range.from() || times[first] >= range.to()) {
                continue;
            }
            int b = buckets.bucketOf(times[first]);
            if (b < 0) {
                continue;
            }
            int g = groups - 1;
            for (int p = from; p < to; p++) {
                int code = touch.get(p);
                if (code >= 0) {
                    g = code;
                    break;
                }
            }
            int cell = g * count + b;
            out[0][cell]++;
            long until = horizon == 0 ? Long.MAX_VALUE : (long) times[first] + horizon;
            for (int p = first; p < to && times[p] <= until; p++) {
                if (purchase[types[p]] && values != null && values.has(p)) {
                    out[1][cell] += values.get(p, 0);
                }
            }
        }
        return out;
    }

    private static SeriesResult toResult(AcquisitionQuery query, CalendarBuckets buckets, Dimension dimension,
                                         int groups, double[] customers, double[] revenue, double[] spend,
                                         String label) {
        int count = buckets.count();
        List<Series> series = new ArrayList<>();
        double[] allCustomers = new double[count];
        double[] allRevenue = new double[count];
        double[] allSpend = new double[count];
        for (int g = 0; g < groups; g++) {
            for (int b = 0; b < count; b++) {
                allCustomers[b] += customers[g * count + b];
                allRevenue[b] += revenue[g * count + b];
                allSpend[b] += spend[g * count + b];
            }
        }
        series.add(series("all", query.measure(), allCustomers, allRevenue, allSpend, 0, count));
        for (int g = 0; g < groups; g++) {
            boolean any = false;
            for (int b = 0; b < count; b++) {
                any |= customers[g * count + b] != 0 || spend[g * count + b] != 0;
            }
            if (any) {
                series.add(series(g == groups - 1 ? "(none)" : dimension.value(g), query.measure(), customers,
                        revenue, spend, g * count, count));
            }
        }
        return new SeriesResult(label, buckets.labels(), series);
    }

    private static Series series(String name, AcquisitionMeasure measure, double[] customers, double[] revenue,
                                 double[] spend, int offset, int count) {
        double[] values = new double[count];
        List<Double> numerators = new ArrayList<>(count);
        List<Double> denominators = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            double c = customers[offset + b];
            double s = spend[offset + b];
            double r = revenue[offset + b];
            values[b] = value(measure, c, r, s);
            numerators.add(measure == AcquisitionMeasure.CAC ? s : r);
            denominators.add(measure == AcquisitionMeasure.CAC ? c : s);
        }
        return Series.of(name, values, false, false, numerators, denominators);
    }

    /**
     * CAC (spend / customers) or ROMI ((revenue − spend) / spend) of one cell; NaN when the divisor is 0. The
     * series keep CAC's (spend, customers) and ROMI's (revenue, spend) as numerators and denominators.
     */
    public static double value(AcquisitionMeasure measure, double customers, double revenue, double spend) {
        return measure == AcquisitionMeasure.CAC ? (customers == 0 ? Double.NaN : spend / customers)
                : (spend == 0 ? Double.NaN : (revenue - spend) / spend);
    }
}
