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
import io.voronka.engine.query.Bucket;
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
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * CAC, ROI, ROMI and spend per acquisition group and bucket (see {@link AcquisitionQuery}). Users are scanned in
 * parallel for their first touch and first purchase; spend comes from the store's {@link CostTable}. The first
 * series is the total ("all"), then one per group that has customers or spend. With a horizon in months, a cohort
 * whose last month lies past the data's last month has no ROI/ROMI (NaN): its revenue is not complete.
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
            throw VoronkaException.user("CAC, ROI, ROMI and spend need marketing spend: configure the 'costs'"
                    + " section (see docs/configuration.md)");
        }
        if (query.dimension().isPresent() && !costs.dimension().equalsIgnoreCase(query.dimension().get())) {
            throw VoronkaException.user("the costs are given per " + costs.dimension() + ", not per "
                    + query.dimension().get());
        }
        if (!query.measure().needsPurchases()) {
            return spend(query, costs, store, range);
        }
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return new SeriesResult(query, List.of(), List.of());
        }
        Grouping grouping = Grouping.of(store, query.dimension());
        Dimension dimension = grouping.isBreakdown()
                ? store.dimensions().get(EventMatcher.dimension(store, query.dimension().get())) : null;
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.bucket(), shown.from(), shown.to());
        CalendarBuckets months = new CalendarBuckets(store.zone(), Bucket.MONTH, store.minTime(), store.maxTime() + 1);
        Shape shape = new Shape(grouping, EventMatcher.typeMask(store.types(), query.purchases()), buckets, months,
                range, query.horizonSeconds(), query.horizonMonths());
        int groups = grouping.count();
        grouping.checkAnswerSize(Grouping.NO_TOP, buckets.count(), "buckets");
        int cells = groups * buckets.count();
        Tally total = scan.run(store, deadline, () -> new Tally(cells),
                (segment, from, to, tally) -> tally(shape, segment, from, to, tally));
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
            int g = 0;
            if (dimension != null) {
                int code = dimension.codeOf(costs.group(row));
                g = code < 0 ? groups - 1 : code;
            }
            spend[g * buckets.count() + b] += costs.amount(row);
        }
        return toResult(query, buckets, grouping, total, spend);
    }

    /** Per user: first touch, first purchase in range, purchases within the horizon. */
    private static void tally(Shape shape, Segment segment, int fromUser, int toUser, Tally out) {
        final int count = shape.buckets.count();
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final short[] types = segment.types();
        final SparseIntColumn touch = shape.grouping.column(segment);
        final SparseDoubleColumn values = segment.values();
        final boolean[] purchase = shape.purchase;
        final int lastMonth = shape.months.count() - 1;
        for (int u = fromUser; u < toUser; u++) {
            int from = offsets[u];
            int to = offsets[u + 1];
            int first = from;
            while (first < to && !purchase[types[first]]) {
                first++;
            }
            if (first == to || times[first] < shape.range.from() || times[first] >= shape.range.to()) {
                continue;
            }
            int b = shape.buckets.bucketOf(times[first]);
            if (b < 0) {
                continue;
            }
            int g = shape.grouping.isBreakdown() ? shape.grouping.firstTouch(touch, from, to) : 0;
            int cell = g * count + b;
            out.customers[cell]++;
            long until = shape.horizonSeconds == 0 ? Long.MAX_VALUE : (long) times[first] + shape.horizonSeconds;
            int cohortMonth = shape.months.bucketOf(times[first]);
            if (shape.horizonMonths > 0 && cohortMonth + shape.horizonMonths - 1 > lastMonth) {
                out.incomplete[cell]++;
            }
            for (int p = first; p < to && times[p] <= until; p++) {
                if (shape.horizonMonths > 0 && shape.months.bucketOf(times[p]) - cohortMonth >= shape.horizonMonths) {
                    break;
                }
                if (purchase[types[p]] && values != null && values.has(p)) {
                    out.revenue[cell] += values.get(p, 0);
                }
            }
        }
    }

    private static SeriesResult toResult(AcquisitionQuery query, CalendarBuckets buckets, Grouping grouping,
                                         Tally total, double[] spend) {
        int groups = grouping.count();
        int count = buckets.count();
        List<Series> series = new ArrayList<>();
        Tally all = new Tally(count);
        double[] allSpend = new double[count];
        for (int g = 0; g < groups; g++) {
            for (int b = 0; b < count; b++) {
                all.customers[b] += total.customers[g * count + b];
                all.revenue[b] += total.revenue[g * count + b];
                all.incomplete[b] += total.incomplete[g * count + b];
                allSpend[b] += spend[g * count + b];
            }
        }
        series.add(series(Groups.ALL, query.measure(), all, allSpend, 0, count));
        if (!grouping.isBreakdown()) {
            return new SeriesResult(query, buckets.labels(), series);
        }
        for (int g = 0; g < groups; g++) {
            boolean any = false;
            for (int b = 0; b < count; b++) {
                any |= total.customers[g * count + b] != 0 || spend[g * count + b] != 0;
            }
            if (any) {
                series.add(series(grouping.name(g), query.measure(), total, spend, g * count, count));
            }
        }
        return new SeriesResult(query, buckets.labels(), series);
    }

    private static Series series(String name, AcquisitionMeasure measure, Tally tally, double[] spend, int offset,
                                 int count) {
        double[] values = new double[count];
        List<Double> numerators = new ArrayList<>(count);
        List<Double> denominators = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            double c = tally.customers[offset + b];
            double s = spend[offset + b];
            double r = tally.revenue[offset + b];
            boolean complete = tally.incomplete[offset + b] == 0;
            double numerator = switch (measure) {
                case CAC -> s;
                case ROI, ROMI -> complete ? r : Double.NaN;
                case SPEND, SPEND_SHARE -> throw new IllegalStateException("spend has its own path");
            };
            double denominator = switch (measure) {
                case CAC -> c;
                case ROI -> s;
                case ROMI -> c == 0 ? 0 : s;
                case SPEND, SPEND_SHARE -> throw new IllegalStateException("spend has its own path");
            };
            values[b] = value(measure, numerator, denominator);
            numerators.add(numerator);
            denominators.add(denominator);
        }
        return Series.of(name, values, false, false, numerators, denominators);
    }

    /**
     * One cell's value from its two sides, which the series keep as numerators and denominators so that cells over
     * disjoint users merge exactly (numerators add; spend, the same in every part, is taken once): CAC = spend /
     * customers; ROI = (revenue − spend) / spend; ROMI = LTV / CAC = (revenue / customers) / (spend / customers) =
     * revenue / spend, its denominator 0 for a cell without customers. ROI's and ROMI's revenue is NaN for a cell
     * whose horizon the data does not reach (so is the merged cell). NaN when the denominator is 0.
     */
    public static double value(AcquisitionMeasure measure, double numerator, double denominator) {
        if (denominator == 0) {
            return Double.NaN;
        }
        return switch (measure) {
            case CAC, ROMI -> numerator / denominator;
            case ROI -> (numerator - denominator) / denominator;
            case SPEND, SPEND_SHARE -> throw new IllegalStateException("spend is not a ratio");
        };
    }

    /** Spend (or each group's share of it) per bucket from the cost rows alone; groups are the cost table's. */
    private static SeriesResult spend(AcquisitionQuery query, CostTable costs, EventStore store, TimeRange range) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int row = 0; row < costs.rows(); row++) {
            int t = costs.time(row);
            if (t >= range.from() && t < range.to()) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
        }
        if (lo > hi) {
            return new SeriesResult(query, List.of(), List.of());
        }
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.bucket(), lo, hi + 1);
        int count = buckets.count();
        double[] all = new double[count];
        TreeMap<String, double[]> byGroup = new TreeMap<>();
        for (int row = 0; row < costs.rows(); row++) {
            int t = costs.time(row);
            if (t < range.from() || t >= range.to()) {
                continue;
            }
            int b = buckets.bucketOf(t);
            all[b] += costs.amount(row);
            byGroup.computeIfAbsent(costs.group(row), k -> new double[count])[b] += costs.amount(row);
        }
        boolean share = query.measure() == AcquisitionMeasure.SPEND_SHARE;
        List<Series> series = new ArrayList<>();
        series.add(new Series(Groups.ALL, values(all, share ? all : null), List.of()));
        if (query.dimension().isPresent()) {
            for (var group : byGroup.entrySet()) {
                series.add(new Series(group.getKey(), values(group.getValue(), share ? all : null), List.of()));
            }
        }
        return new SeriesResult(query, buckets.labels(), series);
    }

    private static List<Double> values(double[] amounts, double[] totals) {
        List<Double> out = new ArrayList<>(amounts.length);
        for (int b = 0; b < amounts.length; b++) {
            out.add(totals == null ? amounts[b] : totals[b] == 0 ? Double.NaN : amounts[b] / totals[b]);
        }
        return out;
    }

    private record Shape(Grouping grouping, boolean[] purchase, CalendarBuckets buckets, CalendarBuckets months,
                         TimeRange range, long horizonSeconds, int horizonMonths) {
    }

    /** Customers, their revenue, and customers whose horizon the data does not reach, per (group, bucket) cell. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final double[] customers;
        final double[] revenue;
        final long[] incomplete;

        Tally(int cells) {
            customers = new double[cells];
            revenue = new double[cells];
            incomplete = new long[cells];
        }

        @Override
        public long bytes() {
            return (long) (customers.length + revenue.length) * Double.BYTES;
        }

        @Override
        public void add(Tally other) {
            for (int i = 0; i < customers.length; i++) {
                customers[i] += other.customers[i];
                revenue[i] += other.revenue[i];
                incomplete[i] += other.incomplete[i];
            }
        }
    }
}
