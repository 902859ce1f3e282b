package io.voronka.spark;

import io.voronka.engine.metric.AcquisitionEvaluator;
import io.voronka.engine.metric.SessionEvaluator;
import io.voronka.engine.query.AcquisitionMeasure;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.DrillDown;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.result.DurationCounts;
import io.voronka.engine.result.StepTiming;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.SessionQuery;
import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.FunnelTrendRow;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.store.UserKeyKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the results of the same query over disjoint user partitions into the result over all users. Every
 * partition answered with the same time span, so bucket and cohort labels agree; counts per step, per group, per
 * bucket and per cohort add up because no user is in two partitions. Drill-down pages merge in user-key order
 * (each partition listed its first users in key order). Group rows are listed in {@code groups} order.
 */
final class ResultMerger {
    private final Comparator<String> keyOrder;

    ResultMerger(UserKeyKind keys) {
        this.keyOrder = switch (keys) {
            case INT64 -> Comparator.comparingLong(Long::parseLong);
            case UINT64 -> (a, b) -> Long.compareUnsigned(Long.parseUnsignedLong(a), Long.parseUnsignedLong(b));
            case TEXT -> Comparator.naturalOrder();
        };
    }

    /** The partitions' results (all of one kind, the kind of {@code parts.get(0)}) as one result. */
    QueryResult merge(Query query, List<QueryResult> parts, Comparator<String> groups) {
        return parts.get(0).accept(new QueryResult.Visitor<QueryResult>() {
            @Override
            public QueryResult funnel(FunnelResult first) {
                return ResultMerger.funnel(all(parts, FunnelResult.class), groups);
            }

            @Override
            public QueryResult series(SeriesResult first) {
                return ResultMerger.series(query, all(parts, SeriesResult.class), groups);
            }

            @Override
            public QueryResult retention(RetentionResult first) {
                return ResultMerger.retention(query, all(parts, RetentionResult.class), groups);
            }

            @Override
            public QueryResult paths(PathsResult first) {
                throw SparkBackend.answeredFromPartials();
            }

            @Override
            public QueryResult distribution(DistributionResult first) {
                throw SparkBackend.answeredFromPartials();
            }

            @Override
            public QueryResult rate(RateResult first) {
                throw SparkBackend.answeredFromPartials();
            }

            @Override
            public QueryResult value(ValueResult first) {
                throw SparkBackend.answeredFromPartials();
            }

            @Override
            public QueryResult users(UserListResult first) {
                DrillDown drill = ((FunnelQuery) query).drillDown().orElseThrow();
                return ResultMerger.this.users(all(parts, UserListResult.class), drill.offset(), drill.limit());
            }
        });
    }

    private static <T extends QueryResult> List<T> all(List<QueryResult> parts, Class<T> kind) {
        return parts.stream().map(kind::cast).toList();
    }

    private static FunnelResult funnel(List<FunnelResult> parts, Comparator<String> groups) {
        FunnelResult first = parts.get(0);
        Map<String, long[]> rows = new TreeMap<>(groups);
        long[] all = new long[first.steps().size()];
        DurationCounts[] timings = new DurationCounts[first.timings().size()];
        java.util.Arrays.fill(timings, DurationCounts.EMPTY);
        List<long[]> trend = new ArrayList<>();
        for (int b = 0; b < first.trend().size(); b++) {
            trend.add(new long[first.steps().size()]);
        }
        for (FunnelResult part : parts) {
            checkSame(first.trend().stream().map(FunnelTrendRow::bucket).toList(),
                    part.trend().stream().map(FunnelTrendRow::bucket).toList(), "trend buckets");
            add(all, part.rows().get(0).reached());
            for (FunnelRow row : part.rows().subList(1, part.rows().size())) {
                add(rows.computeIfAbsent(row.group(), g -> new long[all.length]), row.reached());
            }
            for (int b = 0; b < trend.size(); b++) {
                add(trend.get(b), part.trend().get(b).reached());
            }
            for (int i = 0; i < timings.length; i++) {
                timings[i] = timings[i].plus(part.timings().get(i).durations());
            }
        }
        List<StepTiming> timingRows = new ArrayList<>();
        for (int i = 0; i < timings.length; i++) {
            StepTiming t = first.timings().get(i);
            timingRows.add(StepTiming.of(t.fromStep(), t.toStep(), timings[i]));
        }
        List<FunnelRow> merged = new ArrayList<>();
        merged.add(new FunnelRow(first.rows().get(0).group(), boxed(all)));
        rows.forEach((group, reached) -> merged.add(new FunnelRow(group, boxed(reached))));
        List<FunnelTrendRow> trendRows = new ArrayList<>();
        for (int b = 0; b < trend.size(); b++) {
            trendRows.add(new FunnelTrendRow(first.trend().get(b).bucket(), boxed(trend.get(b))));
        }
        return new FunnelResult(first.steps(), first.counting(), merged, trendRows, timingRows);
    }

    private UserListResult users(List<UserListResult> parts, int offset, int limit) {
        long total = 0;
        List<String> keys = new ArrayList<>();
        for (UserListResult part : parts) {
            total += part.total();
            keys.addAll(part.users());
        }
        keys.sort(keyOrder);
        int from = Math.min(offset, keys.size());
        int to = (int) Math.min(keys.size(), (long) offset + limit);
        List<String> page = keys.subList(from, to);
        return new UserListResult(parts.get(0).reachedStep(), parts.get(0).steps(), total, offset, page);
    }

    /**
     * Series merge by name: additive values add; ratios are recomputed from their merged sides (an average's sum
     * and count add; sessions per user and mean session length add their sessions, users and seconds; CAC's
     * customers and ROI's/ROMI's revenue add while spend, the same table in every partition, is taken once).
     * Spend and spend shares come from the costs alone: every partition answers the same, so the first answer is
     * the answer.
     */
    private static SeriesResult series(Query query, List<SeriesResult> parts, Comparator<String> groups) {
        SeriesResult first = parts.get(0);
        if (query instanceof AcquisitionQuery a && !a.measure().needsPurchases()) {
            return new SeriesResult(query, first.buckets(), first.series());
        }
        int buckets = first.buckets().size();
        Map<String, double[][]> merged = new LinkedHashMap<>();
        for (SeriesResult part : parts) {
            checkSame(first.buckets(), part.buckets(), "buckets");
            for (Series s : part.series()) {
                boolean seen = merged.containsKey(s.name());
                double[][] m = merged.computeIfAbsent(s.name(), n -> new double[3][buckets]);
                for (int b = 0; b < buckets; b++) {
                    m[0][b] += s.values().get(b);
                    if (!s.numerators().isEmpty()) {
                        m[1][b] = sideOf(query, true, seen, m[1][b], s.numerators().get(b));
                        m[2][b] = sideOf(query, false, seen, m[2][b], s.denominators().get(b));
                    }
                }
            }
        }
        List<String> names = new ArrayList<>(merged.keySet());
        names.sort(Comparator.comparing((String n) -> !n.equals("all")).thenComparing(groups));
        List<Series> series = new ArrayList<>();
        for (String name : names) {
            double[][] m = merged.get(name);
            series.add(merged(query, name, m[0], m[1], m[2]));
        }
        return new SeriesResult(query, first.buckets(), series);
    }

    /**
     * One side of a ratio after adding a partition's: spend is the same in every partition (ROMI's is 0 in a
     * partition without customers in the cell), so its first non-zero value is taken; all else adds (a NaN revenue,
     * a cohort whose horizon the data does not reach, stays NaN).
     */
    private static double sideOf(Query query, boolean numerator, boolean seen, double sofar, double part) {
        boolean spend = query instanceof AcquisitionQuery a
                && (a.measure() == AcquisitionMeasure.CAC) == numerator;
        return spend ? (seen && sofar != 0 ? sofar : part) : sofar + part;
    }

    private static Series merged(Query query, String name, double[] values, double[] numerators,
                                 double[] denominators) {
        int buckets = values.length;
        if (query instanceof MetricQuery m && m.measure() == Measure.AVERAGE) {
            double[] v = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                v[b] = denominators[b] == 0 ? Double.NaN : numerators[b] / denominators[b];
            }
            return Series.of(name, v, m.cumulative(), m.change(), boxed(numerators), boxed(denominators));
        }
        if (query instanceof AcquisitionQuery a) {
            double[] v = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                v[b] = AcquisitionEvaluator.value(a.measure(), numerators[b], denominators[b]);
            }
            return Series.of(name, v, false, false, boxed(numerators), boxed(denominators));
        }
        if (query instanceof SessionQuery q && q.measure() != io.voronka.engine.query.SessionMeasure.SESSIONS) {
            List<Double> v = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                v.add(SessionEvaluator.ratio(numerators[b], denominators[b]));
            }
            return new Series(name, v, List.of(), boxed(numerators), boxed(denominators));
        }
        return Series.of(name, values, false, query instanceof MetricQuery m && m.change(), List.of(), List.of());
    }

    private static RetentionResult retention(Query query, List<RetentionResult> parts, Comparator<String> groups) {
        RetentionResult first = parts.get(0);
        RetentionQuery retention = (RetentionQuery) query;
        boolean perMember = retention.measure() == Measure.SUM;
        Map<String, long[]> sizes = new LinkedHashMap<>();
        Map<String, double[]> values = new LinkedHashMap<>();
        for (RetentionResult part : parts) {
            for (CohortRow row : part.cohorts()) {
                sizes.computeIfAbsent(row.cohort(), c -> new long[1])[0] += row.size();
                List<Double> own = perMember ? row.sums() : row.values();
                double[] v = values.computeIfAbsent(row.cohort(), c -> new double[own.size()]);
                for (int a = 0; a < v.length; a++) {
                    v[a] += own.get(a);
                }
            }
        }
        List<String> labels = new ArrayList<>(sizes.keySet());
        labels.sort(cohortOrder(groups));
        List<CohortRow> rows = new ArrayList<>();
        for (String label : labels) {
            long size = sizes.get(label)[0];
            double[] v = values.get(label);
            rows.add(perMember ? CohortRow.perMember(label, size, v, retention.cumulative())
                    : new CohortRow(label, size, boxed(v)));
        }
        return new RetentionResult(retention, rows);
    }

    /** Cohort labels are "period" or "group / period": by group (in group order), then by period (text order is time order). */
    private static Comparator<String> cohortOrder(Comparator<String> groups) {
        return (a, b) -> {
            int sa = a.lastIndexOf(" / ");
            int sb = b.lastIndexOf(" / ");
            if (sa >= 0 && sb >= 0) {
                int c = groups.compare(a.substring(0, sa), b.substring(0, sb));
                if (c != 0) {
                    return c;
                }
                return a.substring(sa).compareTo(b.substring(sb));
            }
            return a.compareTo(b);
        };
    }

    private static void add(long[] into, List<Long> values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values.get(i);
        }
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }

    private static void checkSame(List<String> expected, List<String> actual, String what) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("partitions answered with different " + what + ": " + expected + " and "
                    + actual);
        }
    }
}
