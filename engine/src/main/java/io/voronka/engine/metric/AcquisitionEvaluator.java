package io.voronka.engine.metric;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Evaluator;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.Grouping;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserScan;
import io.voronka.engine.query.AcquisitionMeasure;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.result.Groups;
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
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * CAC and ROMI per acquisition group and bucket (see {@link AcquisitionQuery}). Users are scanned in parallel for
 * their first touch and first purchase; spend comes from the store's {@link CostTable}. The first series is the
 * total ("all"), then one per group that has customers or spend.
 */
public final class AcquisitionEvaluator implements Evaluator<AcquisitionQuery> {
    private final UserScan scan;

    public AcquisitionEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public SeriesResult evaluate(AcquisitionQuery query, EventStore store, TimeRange range, Deadline deadline) {
        CostTable costs = store.costs();
        if (costs.isEmpty()) {
            throw VoronkaException.user("CAC and ROMI need marketing spend: configure the 'costs' section"
                    + " (see docs/configuration.md)");
        }
        if (!costs.dimension().equalsIgnoreCase(query.dimension())) {
            throw VoronkaException.user("the costs are given per " + costs.dimension() + ", not per "
                    + query.dimension());
        }
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return new SeriesResult(query, List.of(), List.of());
        }
        Grouping grouping = Grouping.of(store, Optional.of(query.dimension()));
        int d = EventMatcher.dimension(store, query.dimension());
        Dimension dimension = store.dimensions().get(d);
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.bucket(), shown.from(), shown.to());
        boolean[] purchase = EventMatcher.typeMask(store.types(), query.purchases());
        int groups = grouping.count();
        int cells = groups * buckets.count();
        Tally total = scan.run(store, deadline, () -> new Tally(cells), (segment, from, to, tally) ->
                tally(segment, from, to, grouping, purchase, buckets, range, query.horizonSeconds(), tally));
        double[] customers = total.customers;
        double[] revenue = total.revenue;
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
        return toResult(query, buckets, grouping, customers, revenue, spend);
    }

    /** Per user: first touch, first purchase in range, purchases within the horizon. */
    private static void tally(Segment segment, int fromUser, int toUser, Grouping grouping, boolean[] purchase,
                              CalendarBuckets buckets, TimeRange range, long horizon, Tally out) {
        int count = buckets.count();
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseIntColumn touch = grouping.column(segment);
        final SparseDoubleColumn values = segment.values();
        for (int u = fromUser; u < toUser; u++) {
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
            int cell = grouping.firstTouch(touch, from, to) * count + b;
            out.customers[cell]++;
            long until = horizon == 0 ? Long.MAX_VALUE : (long) times[first] + horizon;
            for (int p = first; p < to && times[p] <= until; p++) {
                if (purchase[types[p]] && values != null && values.has(p)) {
                    out.revenue[cell] += values.get(p, 0);
                }
            }
        }
    }

    private static SeriesResult toResult(AcquisitionQuery query, CalendarBuckets buckets, Grouping grouping,
                                         double[] customers, double[] revenue, double[] spend) {
        int groups = grouping.count();
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
        series.add(series(Groups.ALL, query.measure(), allCustomers, allRevenue, allSpend, 0, count));
        for (int g = 0; g < groups; g++) {
            boolean any = false;
            for (int b = 0; b < count; b++) {
                any |= customers[g * count + b] != 0 || spend[g * count + b] != 0;
            }
            if (any) {
                series.add(series(grouping.name(g), query.measure(), customers,
                        revenue, spend, g * count, count));
            }
        }
        return new SeriesResult(query, buckets.labels(), series);
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

    /** Customers and their revenue per (group, bucket) cell, for the users of one task. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final double[] customers;
        final double[] revenue;

        Tally(int cells) {
            customers = new double[cells];
            revenue = new double[cells];
        }

        @Override
        public void add(Tally other) {
            for (int i = 0; i < customers.length; i++) {
                customers[i] += other.customers[i];
                revenue[i] += other.revenue[i];
            }
        }
    }
}
