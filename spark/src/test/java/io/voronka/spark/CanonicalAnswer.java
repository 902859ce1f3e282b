package io.voronka.spark;

import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A result written so that two answers over the same rows compare equal: group rows in name order (the in-memory
 * store lists them in load order, the Spark backend in name order), numbers with 12 significant digits (sums of
 * doubles in another order differ in the last bits, as they do between thread counts of the in-memory engine).
 * Paths, time in status, rates and value statistics are finished from exactly merged partial answers, in the same
 * group order as the in-memory engine: their records must be equal to the last bit (the query left out).
 */
final class CanonicalAnswer {
    private CanonicalAnswer() {
    }

    static String of(QueryResult result) {
        if (result instanceof FunnelResult f) {
            List<FunnelRow> groups = new ArrayList<>(f.rows().subList(1, f.rows().size()));
            groups.sort(Comparator.comparing(FunnelRow::group));
            return "funnel " + f.steps() + " " + f.counting() + "\n" + f.total() + "\n" + lines(groups) + "trend\n"
                    + lines(f.trend()) + "timings\n" + f.timings().stream().map(t -> t.fromStep() + ">" + t.toStep() + " "
                    + t.count() + " " + String.format(Locale.ROOT, "%.12g", t.meanSeconds()) + " " + t.p50Seconds() + " "
                    + t.p90Seconds()).collect(Collectors.joining("\n"));
        }
        if (result instanceof SeriesResult s) {
            List<Series> series = new ArrayList<>(s.series());
            series.sort(Comparator.comparing((Series x) -> !x.name().equals("all")).thenComparing(Series::name));
            return "series " + s.query() + " " + s.buckets() + "\n" + series.stream()
                    .map(x -> x.name() + " " + numbers(x.values()) + " " + numbers(x.change()))
                    .collect(Collectors.joining("\n"));
        }
        if (result instanceof RetentionResult r) {
            List<CohortRow> rows = new ArrayList<>(r.cohorts());
            rows.sort(Comparator.comparing(CohortRow::cohort));
            return "retention " + r.query() + "\n" + rows.stream()
                    .map(c -> c.cohort() + " " + c.size() + " " + numbers(c.values())).collect(Collectors.joining("\n"));
        }
        if (result instanceof PathsResult p) {
            return new PathsResult(null, p.users(), p.nodes(), p.links(), p.flows()).toString();
        }
        if (result instanceof DistributionResult d) {
            return new DistributionResult(null, d.from(), d.next(), d.outcome(), d.binStarts(), d.groups()).toString();
        }
        if (result instanceof RateResult r) {
            return new RateResult(null, r.by(), r.buckets(), r.rows(), r.families(), r.unattributed()).toString();
        }
        if (result instanceof ValueResult v) {
            return new ValueResult(null, v.by(), v.buckets(), v.rows(), v.tests()).toString();
        }
        UserListResult u = (UserListResult) result;
        return "users at " + u.reachedStep() + " of " + u.steps() + " " + u.total() + " from " + u.offset() + " " + u.users();
    }

    private static String lines(List<?> rows) {
        StringBuilder sb = new StringBuilder();
        for (Object row : rows) {
            sb.append(row).append('\n');
        }
        return sb.toString();
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.12g", v)).collect(Collectors.joining(",", "[", "]"));
    }
}
