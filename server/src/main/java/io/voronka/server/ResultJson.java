package io.voronka.server;

import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.FunnelComparison;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.FunnelTrendRow;
import io.voronka.engine.result.GroupFamily;
import io.voronka.engine.result.Distribution;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.PathFlow;
import io.voronka.engine.result.PathLink;
import io.voronka.engine.result.PathNode;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RateRow;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.StepTiming;
import io.voronka.engine.result.TwoGroupTest;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.result.ValueRow;
import io.voronka.engine.stats.BoxSummary;
import io.voronka.engine.stats.ChiSquareIndependence;
import io.voronka.engine.stats.GroupComparison;
import io.voronka.engine.query.ValueStatistic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documented JSON shape of results (README, "HTTP API"): plain maps and lists for Jackson. Every object has a
 * {@code kind}: funnel, series, retention, users, paths, distribution, rate, values or boxplot. NaN (no value)
 * becomes null.
 */
public final class ResultJson {
    private ResultJson() {
    }

    public static Map<String, Object> of(QueryResult result) {
        return result.accept(new QueryResult.Visitor<>() {
            @Override
            public Map<String, Object> funnel(FunnelResult f) {
                return ResultJson.funnel(f);
            }

            @Override
            public Map<String, Object> series(SeriesResult s) {
                return ResultJson.series(s);
            }

            @Override
            public Map<String, Object> retention(RetentionResult r) {
                return ResultJson.retention(r);
            }

            @Override
            public Map<String, Object> users(UserListResult u) {
                return ResultJson.users(u);
            }

            @Override
            public Map<String, Object> rate(RateResult r) {
                return ResultJson.rate(r);
            }

            @Override
            public Map<String, Object> value(ValueResult v) {
                return ResultJson.value(v);
            }

            @Override
            public Map<String, Object> paths(PathsResult p) {
                return ResultJson.paths(p);
            }

            @Override
            public Map<String, Object> distribution(DistributionResult d) {
                return ResultJson.distribution(d);
            }
        });
    }

    /** Per step 2..k: the group's conversion from the previous step against the other groups. */
    private static List<Object> stepSignificance(List<GroupComparison> comparisons, int group) {
        List<Object> steps = new ArrayList<>();
        for (int step = 0; step < comparisons.size(); step++) {
            GroupComparison c = comparisons.get(step);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", step + 2);
            m.put("low", nullable(c.intervals()[group].low()));
            m.put("high", nullable(c.intervals()[group].high()));
            m.put("z", nullable(c.tests()[group].z()));
            m.put("pValue", nullable(c.tests()[group].pValue()));
            m.put("adjustedP", nullable(c.adjusted()[group]));
            m.put("significant", c.adjusted()[group] < RateRow.ALPHA);
            steps.add(m);
        }
        return steps;
    }

    private static Map<String, Object> rate(RateResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "rate");
        out.put("measure", ResultLabels.rate(r.query()));
        out.put("by", r.by());
        out.put("buckets", r.buckets());
        out.put("alpha", RateRow.ALPHA);
        List<Object> rows = new ArrayList<>();
        for (RateRow row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", row.bucket());
            m.put("group", row.group());
            m.put("denominator", row.denominator());
            m.put("converted", row.converted());
            m.put("numeratorEvents", row.numeratorEvents());
            m.put("rate", nullable(row.rate()));
            m.put("low", nullable(row.low()));
            m.put("high", nullable(row.high()));
            m.put("z", nullable(row.z()));
            m.put("pValue", nullable(row.pValue()));
            m.put("adjustedP", nullable(row.adjustedP()));
            m.put("significant", row.significant());
            rows.add(m);
        }
        out.put("rows", rows);
        List<Object> families = new ArrayList<>();
        for (GroupFamily f : r.families()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", f.bucket());
            m.put("parent", f.parent());
            m.put("groups", f.groups());
            m.put("chiSquare", nullable(f.chiSquare()));
            m.put("degreesOfFreedom", f.degreesOfFreedom());
            m.put("pValue", nullable(f.pValue()));
            families.add(m);
        }
        out.put("families", families);
        out.put("unattributed", r.unattributed());
        return out;
    }

    private static Map<String, Object> value(ValueResult v) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean distribution = v.query().statistic() == ValueStatistic.DISTRIBUTION;
        out.put("kind", distribution ? "boxplot" : "values");
        out.put("measure", ResultLabels.statistic(v.query()));
        out.put("by", v.by());
        out.put("buckets", v.buckets());
        List<Object> rows = new ArrayList<>();
        for (ValueRow row : v.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", row.bucket());
            m.put("group", row.group());
            if (!distribution) {
                m.put("value", nullable(row.value()));
            }
            BoxSummary box = row.box();
            m.put("n", box.n());
            m.put("mean", nullable(box.mean()));
            m.put("min", nullable(box.min()));
            m.put("q1", nullable(box.q1()));
            m.put("median", nullable(box.median()));
            m.put("q3", nullable(box.q3()));
            m.put("max", nullable(box.max()));
            m.put("lowerWhisker", nullable(box.lowerWhisker()));
            m.put("upperWhisker", nullable(box.upperWhisker()));
            m.put("outliers", box.outliers());
            rows.add(m);
        }
        out.put("rows", rows);
        List<Object> tests = new ArrayList<>();
        for (TwoGroupTest t : v.tests()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", t.bucket());
            m.put("first", t.first());
            m.put("second", t.second());
            m.put("test", "mann-whitney");
            m.put("u", nullable(t.test().u()));
            m.put("z", nullable(t.test().z()));
            m.put("pValue", nullable(t.test().pValue()));
            m.put("significant", t.test().pValue() < RateRow.ALPHA);
            tests.add(m);
        }
        out.put("tests", tests);
        return out;
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static Map<String, Object> users(UserListResult u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "users");
        out.put("description", ResultLabels.description(u));
        out.put("total", u.total());
        out.put("offset", u.offset());
        out.put("users", u.users());
        return out;
    }

    private static Map<String, Object> funnel(FunnelResult f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "funnel");
        out.put("steps", f.steps());
        out.put("counting", ResultLabels.counting(f.counting()));
        List<GroupComparison> comparisons = FunnelComparison.of(f);
        List<Object> rows = new ArrayList<>();
        for (int index = 0; index < f.rows().size(); index++) {
            FunnelRow row = f.rows().get(index);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("group", row.group());
            r.put("reached", row.reached());
            List<Double> fromPrevious = new ArrayList<>();
            List<Double> fromFirst = new ArrayList<>();
            for (int i = 0; i < row.reached().size(); i++) {
                fromPrevious.add(row.conversionFromPrevious(i));
                fromFirst.add(row.conversionFromFirst(i));
            }
            r.put("conversionFromPrevious", fromPrevious);
            r.put("conversionFromFirst", fromFirst);
            if (index > 0 && !comparisons.isEmpty()) {
                r.put("significance", stepSignificance(comparisons, index - 1));
            }
            rows.add(r);
        }
        out.put("rows", rows);
        if (!comparisons.isEmpty()) {
            List<Object> independence = new ArrayList<>();
            for (int step = 0; step < comparisons.size(); step++) {
                ChiSquareIndependence chi = comparisons.get(step).independence();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("step", step + 2);
                m.put("chiSquare", nullable(chi.statistic()));
                m.put("degreesOfFreedom", chi.degreesOfFreedom());
                m.put("pValue", nullable(chi.pValue()));
                independence.add(m);
            }
            out.put("independence", independence);
        }
        List<Object> trend = new ArrayList<>();
        for (FunnelTrendRow row : f.trend()) {
            trend.add(Map.of("bucket", row.bucket(), "reached", row.reached()));
        }
        out.put("trend", trend);
        List<Object> timings = new ArrayList<>();
        for (StepTiming t : f.timings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fromStep", t.fromStep());
            m.put("toStep", t.toStep());
            m.put("count", t.count());
            m.put("meanSeconds", t.meanSeconds());
            m.put("p50Seconds", t.p50Seconds());
            m.put("p90Seconds", t.p90Seconds());
            timings.add(m);
        }
        out.put("timings", timings);
        return out;
    }

    private static Map<String, Object> series(SeriesResult s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "series");
        out.put("measure", ResultLabels.measure(s));
        out.put("buckets", s.buckets());
        List<Object> series = new ArrayList<>();
        for (Series line : s.series()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", line.name());
            m.put("values", nullable(line.values()));
            if (!line.change().isEmpty()) {
                m.put("change", nullable(line.change()));
            }
            series.add(m);
        }
        out.put("series", series);
        return out;
    }

    private static Map<String, Object> retention(RetentionResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "retention");
        out.put("period", ResultLabels.period(r));
        out.put("measure", ResultLabels.retentionMeasure(r.query()));
        List<Object> cohorts = new ArrayList<>();
        for (CohortRow row : r.cohorts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cohort", row.cohort());
            m.put("size", row.size());
            m.put("values", nullable(row.values()));
            cohorts.add(m);
        }
        out.put("cohorts", cohorts);
        return out;
    }

    private static Map<String, Object> paths(PathsResult p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "paths");
        out.put("users", p.users());
        out.put("positions", p.positions());
        List<Object> nodes = new ArrayList<>();
        for (int i = 0; i < p.nodes().size(); i++) {
            PathNode node = p.nodes().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i);
            m.put("position", node.position());
            m.put("kind", node.kind().name().toLowerCase(Locale.ROOT));
            m.put("name", ResultLabels.node(node));
            m.put("users", node.users());
            m.put("share", share(node.users(), p.users()));
            nodes.add(m);
        }
        out.put("nodes", nodes);
        List<Object> links = new ArrayList<>();
        for (PathLink link : p.links()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", link.from());
            m.put("target", link.to());
            m.put("users", link.users());
            m.put("share", share(link.users(), p.users()));
            links.add(m);
        }
        out.put("links", links);
        List<Object> flows = new ArrayList<>();
        for (PathFlow flow : p.flows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", flow.events());
            m.put("users", flow.users());
            m.put("share", share(flow.users(), p.users()));
            flows.add(m);
        }
        out.put("flows", flows);
        return out;
    }

    private static Map<String, Object> distribution(DistributionResult d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "distribution");
        out.put("measure", ResultLabels.distributionMeasure(d));
        out.put("from", d.from());
        out.put("next", d.next().isEmpty() ? null : d.next());
        out.put("outcome", d.outcome().isEmpty() ? null : d.outcome());
        List<Object> bins = new ArrayList<>();
        for (int i = 0; i < d.binStarts().size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fromSeconds", d.binStarts().get(i));
            m.put("toSeconds", i + 1 < d.binStarts().size() ? d.binStarts().get(i + 1) : null);
            m.put("label", ResultLabels.bin(d.binStarts(), i));
            bins.add(m);
        }
        out.put("bins", bins);
        List<Object> groups = new ArrayList<>();
        for (Distribution g : d.groups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", g.group().name().toLowerCase(Locale.ROOT));
            m.put("name", ResultLabels.group(d, g));
            m.put("count", g.count());
            m.put("open", g.open());
            m.put("meanSeconds", g.meanSeconds());
            m.put("p25Seconds", g.p25Seconds());
            m.put("p50Seconds", g.p50Seconds());
            m.put("p75Seconds", g.p75Seconds());
            m.put("p90Seconds", g.p90Seconds());
            m.put("p99Seconds", g.p99Seconds());
            m.put("histogram", g.histogram());
            groups.add(m);
        }
        out.put("groups", groups);
        return out;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static List<Double> nullable(List<Double> values) {
        List<Double> out = new ArrayList<>(values.size());
        for (Double v : values) {
            out.add(v == null || v.isNaN() || v.isInfinite() ? null : v);
        }
        return out;
    }
}
