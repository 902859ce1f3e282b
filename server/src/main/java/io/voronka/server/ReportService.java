package io.voronka.server;

import io.voronka.engine.result.Distribution;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.config.ConfigException;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.result.FunnelComparison;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.FunnelTrendRow;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RateRow;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.result.ValueRow;

import io.voronka.engine.stats.GroupComparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named reports: each runs its query and renders a chart and a short summary (today vs yesterday). */
public final class ReportService {
    private final QueryService queries;
    private final Map<String, ReportDefinition> reports = new LinkedHashMap<>();

    public ReportService(QueryService queries, List<ReportDefinition> definitions) {
        this.queries = queries;
        for (ReportDefinition d : definitions) {
            if (reports.putIfAbsent(d.name(), d) != null) {
                throw new ConfigException("report '" + d.name() + "' is defined twice");
            }
        }
    }

    public List<ReportDefinition> definitions() {
        return List.copyOf(reports.values());
    }

    public List<String> dailyNames() {
        return reports.values().stream().filter(ReportDefinition::daily).map(ReportDefinition::name).toList();
    }

    public ReportDefinition definition(String name) {
        ReportDefinition d = reports.get(name);
        if (d == null) {
            throw new VoronkaException(ErrorKind.NOT_FOUND, "no report named '" + name + "'; reports: " + String.join(", ", reports.keySet()));
        }
        return d;
    }

    public RenderedReport run(String name) {
        ReportDefinition d = definition(name);
        LoadedStore store = queries.stores().current();
        QueryResult result = queries.run(d.query());
        return new RenderedReport(d, result, summary(result) + " · " + dataAsOf(store),
                ChartRenderer.png(d.title(), result, d.chart()));
    }

    /** "data as of 09:15" (when the data was last read from the sources, in the store's zone; with the date if not today). */
    static String dataAsOf(LoadedStore store) {
        java.time.ZonedDateTime read = store.readAt().atZone(store.store().zone());
        boolean today = read.toLocalDate().equals(java.time.LocalDate.now(store.store().zone()));
        return "data as of " + read.format(java.time.format.DateTimeFormatter.ofPattern(today ? "HH:mm"
                : "yyyy-MM-dd HH:mm"));
    }

    /** The headline of a result: the last bucket ("today") against the one before it. */
    public static String summary(QueryResult result) {
        return result.accept(new QueryResult.Visitor<>() {
            @Override
            public String funnel(FunnelResult f) {
                return f.trend().isEmpty() ? funnelSummary(f) : trendSummary(f);
            }

            @Override
            public String series(SeriesResult s) {
                return seriesSummary(s);
            }

            @Override
            public String retention(RetentionResult r) {
                return r.cohorts().isEmpty() ? "no cohorts in the range"
                        : r.cohorts().size() + " cohorts; latest " + r.cohorts().get(r.cohorts().size() - 1).cohort()
                        + " with " + ResultText.count(r.cohorts().get(r.cohorts().size() - 1).size()) + " users";
            }

            @Override
            public String users(UserListResult u) {
                return ResultText.of(u);
            }

            @Override
            public String rate(RateResult r) {
                return rateSummary(r);
            }

            @Override
            public String value(ValueResult v) {
                return valueSummary(v);
            }

            @Override
            public String paths(PathsResult p) {
                return p.flows().isEmpty() ? "nobody has a path in the range"
                        : ResultText.count(p.users()) + " users; most common: " + String.join(" → ",
                        p.flows().get(0).events()) + " (" + ResultText.count(p.flows().get(0).users()) + ")";
            }

            @Override
            public String distribution(DistributionResult d) {
                StringBuilder sb = new StringBuilder(ResultLabels.distributionMeasure(d)).append(": ");
                for (int i = 0; i < d.groups().size(); i++) {
                    Distribution g = d.groups().get(i);
                    sb.append(i > 0 ? "; " : "").append(ResultLabels.group(d, g)).append(" median ")
                            .append(ResultText.duration(g.p50Seconds())).append(", p90 ")
                            .append(ResultText.duration(g.p90Seconds())).append(" (")
                            .append(ResultText.count(g.count())).append(" events, ")
                            .append(ResultText.count(g.open())).append(" open)");
                }
                return sb.toString();
            }
        });
    }

    /** The last bucket's overall rate and the groups that differ significantly from the rest. */
    private static String rateSummary(RateResult r) {
        if (r.rows().isEmpty()) {
            return "no data in the range";
        }
        String last = r.buckets().get(r.buckets().size() - 1);
        StringBuilder sb = new StringBuilder();
        List<String> notable = new ArrayList<>();
        for (RateRow row : r.rows()) {
            if (!row.bucket().equals(last)) {
                continue;
            }
            if (sb.length() == 0) {
                sb.append(r.buckets().size() > 1 ? last + ": " : "").append(ResultText.percent(row.rate()))
                        .append(" of ").append(ResultText.count(row.denominator()));
            } else if (row.significant()) {
                notable.add(ResultLabels.group(row.group()) + " " + ResultText.percent(row.rate()) + " ("
                        + ResultLabels.significance(row) + ")");
            }
        }
        if (!notable.isEmpty()) {
            sb.append("; significant: ").append(String.join(", ", notable));
        }
        return sb.toString();
    }

    private static String valueSummary(ValueResult v) {
        if (v.rows().isEmpty()) {
            return "no data in the range";
        }
        ValueRow total = v.rows().get(0);
        String s = ResultLabels.statistic(v.query()) + ": " + ResultText.number(total.value()) + " over "
                + ResultText.count(total.box().n()) + " values";
        return v.tests().isEmpty() ? s : s + "; Mann–Whitney p " + ResultText.pValue(v.tests().get(0).test().pValue());
    }

    private static String seriesSummary(SeriesResult s) {
        if (s.buckets().isEmpty() || s.series().isEmpty()) {
            return "no data in the range";
        }
        StringBuilder sb = new StringBuilder();
        int last = s.buckets().size() - 1;
        for (Series line : s.series()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            if (s.series().size() > 1) {
                sb.append(line.name()).append(": ");
            }
            sb.append(s.buckets().get(last)).append(": ").append(ResultText.number(line.values().get(last)));
            if (last > 0) {
                double previous = line.values().get(last - 1);
                double now = line.values().get(last);
                sb.append(" (");
                if (previous == 0 || Double.isNaN(previous)) {
                    sb.append("was ").append(ResultText.number(previous));
                } else {
                    double change = (now - previous) / previous;
                    sb.append(change >= 0 ? "+" : "").append(ResultText.percent(change));
                }
                sb.append(" vs ").append(s.buckets().get(last - 1)).append(')');
            }
        }
        return sb.toString();
    }

    private static String funnelSummary(FunnelResult f) {
        FunnelRow row = f.total();
        StringBuilder sb = new StringBuilder(ResultText.count(row.reached().get(0)));
        for (int i = 1; i < row.reached().size(); i++) {
            sb.append(" → ").append(ResultText.count(row.reached().get(i))).append(" (")
                    .append(ResultText.percent(row.conversionFromPrevious(i))).append(')');
        }
        sb.append(' ').append(ResultLabels.counting(f.counting()));
        List<GroupComparison> steps = FunnelComparison.of(f);
        for (int step = 0; step < steps.size(); step++) {
            GroupComparison c = steps.get(step);
            List<String> notable = new ArrayList<>();
            for (int g = 0; g < c.adjusted().length; g++) {
                if (c.adjusted()[g] < RateRow.ALPHA) {
                    notable.add(f.rows().get(g + 1).group() + " " + (c.tests()[g].z() > 0 ? "higher" : "lower"));
                }
            }
            double p = c.independence().pValue();
            if (!notable.isEmpty() || p < RateRow.ALPHA) {
                sb.append("; step ").append(step + 2).append(": chi-square p ").append(ResultText.pValue(p));
                if (!notable.isEmpty()) {
                    sb.append(", ").append(String.join(", ", notable));
                }
            }
        }
        return sb.toString();
    }

    private static String trendSummary(FunnelResult f) {
        FunnelTrendRow today = f.trend().get(f.trend().size() - 1);
        FunnelTrendRow yesterday = f.trend().size() > 1 ? f.trend().get(f.trend().size() - 2) : null;
        int k = today.reached().size();
        StringBuilder sb = new StringBuilder(today.bucket()).append(": ");
        sb.append(ResultText.count(today.reached().get(0))).append(" entered");
        if (k > 1) {
            sb.append(", ").append(ResultText.count(today.reached().get(k - 1))).append(" reached the last step");
        }
        if (yesterday != null) {
            sb.append(" (").append(yesterday.bucket()).append(": ").append(ResultText.count(yesterday.reached().get(0)))
                    .append(" entered, ").append(ResultText.count(yesterday.reached().get(k - 1))).append(" reached)");
        }
        return sb.toString();
    }
}
