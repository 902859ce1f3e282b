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
import io.voronka.engine.query.ValueStatistic;
import io.voronka.engine.stats.BoxSummary;
import io.voronka.engine.stats.GroupComparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Results as readable monospace tables, for the CLI and chat. */
public final class ResultText {
    private ResultText() {
    }

    public static String of(QueryResult result) {
        return result.accept(new QueryResult.Visitor<>() {
            @Override
            public String funnel(FunnelResult f) {
                return ResultText.funnel(f);
            }

            @Override
            public String series(SeriesResult s) {
                return ResultText.series(s);
            }

            @Override
            public String retention(RetentionResult r) {
                return ResultText.retention(r);
            }

            @Override
            public String users(UserListResult u) {
                return ResultText.users(u);
            }

            @Override
            public String rate(RateResult r) {
                return ResultText.rate(r);
            }

            @Override
            public String value(ValueResult v) {
                return ResultText.value(v);
            }

            @Override
            public String paths(PathsResult p) {
                return ResultText.paths(p);
            }

            @Override
            public String distribution(DistributionResult d) {
                return ResultText.distribution(d);
            }
        });
    }

    /** One line per group: counts, rate, 95% interval, Holm-adjusted p against the rest, and a marker column. */
    private static String rate(RateResult r) {
        boolean buckets = r.buckets().size() > 1;
        List<String> header = new ArrayList<>();
        if (buckets) {
            header.add("bucket");
        }
        header.addAll(List.of(r.by().isEmpty() ? "group" : String.join(" / ", r.by()), "denominator", "converted",
                "rate", "95% interval", "p (Holm)", "vs rest"));
        TextTable table = new TextTable(header);
        for (RateRow row : r.rows()) {
            List<String> cells = new ArrayList<>();
            if (buckets) {
                cells.add(row.bucket());
            }
            cells.addAll(List.of(ResultLabels.group(row.group()), count(row.denominator()), count(row.converted()),
                    Double.isNaN(row.rate()) ? "" : percent(row.rate()),
                    Double.isNaN(row.low()) ? "" : percent(row.low()) + " – " + percent(row.high()),
                    pValue(row.adjustedP()), ResultLabels.significance(row)));
            table.row(cells);
        }
        StringBuilder sb = new StringBuilder(ResultLabels.rate(r.query())).append('\n').append(table);
        for (GroupFamily f : r.families()) {
            if (Double.isNaN(f.pValue())) {
                continue;
            }
            sb.append("chi-square").append(buckets ? " " + f.bucket() : "")
                    .append(f.parent().isEmpty() ? "" : " within " + ResultLabels.group(f.parent()))
                    .append(String.format(Locale.ROOT, ": %.2f, df %d, p %s", f.chiSquare(), f.degreesOfFreedom(),
                            pValue(f.pValue()))).append('\n');
        }
        if (r.unattributed() > 0) {
            sb.append(count(r.unattributed())).append(" numerator events had no denominator event before them\n");
        }
        return sb.toString();
    }

    private static String value(ValueResult v) {
        boolean distribution = v.query().statistic() == ValueStatistic.DISTRIBUTION;
        boolean buckets = v.buckets().size() > 1;
        List<String> header = new ArrayList<>();
        if (buckets) {
            header.add("bucket");
        }
        header.add(v.by().isEmpty() ? "group" : String.join(" / ", v.by()));
        header.add("n");
        if (distribution) {
            header.addAll(List.of("min", "whisker", "q1", "median", "q3", "whisker", "max", "outliers", "mean"));
        } else {
            header.add(ResultLabels.statistic(v.query()).split(" ")[0]);
        }
        TextTable table = new TextTable(header);
        for (ValueRow row : v.rows()) {
            List<String> cells = new ArrayList<>();
            if (buckets) {
                cells.add(row.bucket());
            }
            BoxSummary b = row.box();
            cells.add(ResultLabels.group(row.group()));
            cells.add(count(b.n()));
            if (distribution) {
                cells.addAll(List.of(number(b.min()), number(b.lowerWhisker()), number(b.q1()), number(b.median()),
                        number(b.q3()), number(b.upperWhisker()), number(b.max()), count(b.outliers()),
                        number(b.mean())));
            } else {
                cells.add(number(row.value()));
            }
            table.row(cells);
        }
        StringBuilder sb = new StringBuilder(ResultLabels.statistic(v.query())).append('\n').append(table);
        for (TwoGroupTest t : v.tests()) {
            sb.append("Mann–Whitney ").append(ResultLabels.group(t.first())).append(" vs ")
                    .append(ResultLabels.group(t.second())).append(buckets ? " (" + t.bucket() + ")" : "")
                    .append(String.format(Locale.ROOT, ": U %.1f, p %s", t.test().u(), pValue(t.test().pValue())))
                    .append(t.test().pValue() < RateRow.ALPHA ? ", significant" : "").append('\n');
        }
        return sb.toString();
    }

    private static List<String> stepSignificance(GroupComparison c, int group) {
        double p = c.adjusted()[group];
        String marker = p < RateRow.ALPHA ? (c.tests()[group].z() > 0 ? "higher" : "lower") : "";
        String interval = Double.isNaN(c.intervals()[group].low()) ? ""
                : percent(c.intervals()[group].low()) + " – " + percent(c.intervals()[group].high());
        return List.of(interval, pValue(p), marker);
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String users(UserListResult u) {
        StringBuilder sb = new StringBuilder();
        sb.append(ResultLabels.description(u)).append(": ").append(count(u.total()));
        if (u.total() > u.users().size()) {
            sb.append(" (showing ").append(u.offset() + 1).append('–').append(u.offset() + u.users().size())
                    .append(')');
        }
        sb.append('\n');
        for (String user : u.users()) {
            sb.append(user).append('\n');
        }
        return sb.toString();
    }

    private static String funnel(FunnelResult f) {
        StringBuilder sb = new StringBuilder();
        List<GroupComparison> comparisons = FunnelComparison.of(f);
        for (int index = 0; index < f.rows().size(); index++) {
            FunnelRow row = f.rows().get(index);
            boolean tested = index > 0 && !comparisons.isEmpty();
            if (f.rows().size() > 1) {
                sb.append(row.group()).append('\n');
            }
            List<String> header = new ArrayList<>(List.of("#", "step", ResultLabels.counting(f.counting()),
                    "from prev", "from first"));
            if (tested) {
                header.addAll(List.of("95% interval", "p (Holm)", "vs rest"));
            }
            TextTable table = new TextTable(header);
            for (int i = 0; i < f.steps().size(); i++) {
                List<String> cells = new ArrayList<>(List.of(Integer.toString(i + 1), f.steps().get(i),
                        count(row.reached().get(i)), percent(row.conversionFromPrevious(i)),
                        percent(row.conversionFromFirst(i))));
                if (tested) {
                    cells.addAll(i == 0 ? List.of("", "", "") : stepSignificance(comparisons.get(i - 1), index - 1));
                }
                table.row(cells);
            }
            sb.append(table).append('\n');
        }
        if (!f.trend().isEmpty()) {
            List<String> header = new ArrayList<>(List.of("bucket"));
            for (int i = 0; i < f.steps().size(); i++) {
                header.add("step " + (i + 1));
            }
            header.add("conversion");
            TextTable table = new TextTable(header);
            for (FunnelTrendRow row : f.trend()) {
                List<String> cells = new ArrayList<>(List.of(row.bucket()));
                for (long n : row.reached()) {
                    cells.add(count(n));
                }
                long first = row.reached().get(0);
                long last = row.reached().get(row.reached().size() - 1);
                cells.add(first == 0 ? "–" : percent((double) last / first));
                table.row(cells);
            }
            sb.append(table).append('\n');
        }
        if (!f.timings().isEmpty()) {
            TextTable table = new TextTable(List.of("steps", "users", "median", "p90", "mean"));
            for (StepTiming t : f.timings()) {
                table.row(List.of(t.fromStep() + " → " + t.toStep(), count(t.count()), duration(t.p50Seconds()),
                        duration(t.p90Seconds()), duration(Math.round(t.meanSeconds()))));
            }
            sb.append("time to convert\n").append(table);
        }
        return sb.toString().stripTrailing() + "\n";
    }

    private static String series(SeriesResult s) {
        List<String> header = new ArrayList<>(List.of("bucket"));
        for (Series line : s.series()) {
            header.add(line.name());
            if (!line.change().isEmpty()) {
                header.add("change");
            }
        }
        TextTable table = new TextTable(header);
        for (int b = 0; b < s.buckets().size(); b++) {
            List<String> cells = new ArrayList<>(List.of(s.buckets().get(b)));
            for (Series line : s.series()) {
                cells.add(number(line.values().get(b)));
                if (!line.change().isEmpty()) {
                    double c = line.change().get(b);
                    cells.add(Double.isNaN(c) ? "" : (c >= 0 ? "+" : "") + percent(c));
                }
            }
            table.row(cells);
        }
        return ResultLabels.measure(s) + "\n" + table;
    }

    private static String retention(RetentionResult r) {
        int ages = r.cohorts().isEmpty() ? 0 : r.cohorts().get(0).values().size();
        List<String> header = new ArrayList<>(List.of("cohort", "size"));
        for (int a = 0; a < ages; a++) {
            header.add(ResultLabels.period(r) + " " + a);
        }
        TextTable table = new TextTable(header);
        boolean users = ResultLabels.isUserRetention(r);
        for (CohortRow row : r.cohorts()) {
            List<String> cells = new ArrayList<>(List.of(row.cohort(), count(row.size())));
            for (double v : row.values()) {
                cells.add(Double.isNaN(v) ? "" : users ? percent(v / row.size()) : number(v));
            }
            table.row(cells);
        }
        return (users ? "retention, share of the cohort" : ResultLabels.retentionMeasure(r.query())) + "\n" + table;
    }

    /** The most common whole paths, one a line: {@code A → B → C  1,234 users (12.3%)}. */
    private static String paths(PathsResult p) {
        StringBuilder sb = new StringBuilder();
        sb.append(count(p.users())).append(" users; most common paths\n");
        TextTable table = new TextTable(List.of("path", "users", "share"));
        for (PathFlow flow : p.flows()) {
            table.row(List.of(String.join(" → ", flow.events()), count(flow.users()),
                    percent(p.users() == 0 ? 0 : (double) flow.users() / p.users())));
        }
        return sb.append(table).toString();
    }

    private static String distribution(DistributionResult d) {
        StringBuilder sb = new StringBuilder(ResultLabels.distributionMeasure(d)).append('\n');
        TextTable stats = new TextTable(List.of("group", "events", "open", "mean", "p25", "median", "p75", "p90",
                "p99"));
        for (Distribution g : d.groups()) {
            stats.row(List.of(ResultLabels.group(d, g), count(g.count()), count(g.open()),
                    duration(Math.round(g.meanSeconds())), duration(g.p25Seconds()), duration(g.p50Seconds()),
                    duration(g.p75Seconds()), duration(g.p90Seconds()), duration(g.p99Seconds())));
        }
        sb.append(stats).append('\n');
        List<String> header = new ArrayList<>(List.of("time"));
        for (Distribution g : d.groups()) {
            header.add(ResultLabels.group(d, g));
        }
        TextTable bins = new TextTable(header);
        for (int b = 0; b < d.binStarts().size(); b++) {
            List<String> cells = new ArrayList<>(List.of(ResultLabels.bin(d.binStarts(), b)));
            for (Distribution g : d.groups()) {
                cells.add(count(g.histogram().get(b)));
            }
            bins.row(cells);
        }
        return sb.append(bins).toString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return count((long) v);
        }
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%.1fh", seconds / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1fd", seconds / 86_400.0);
    }
}
