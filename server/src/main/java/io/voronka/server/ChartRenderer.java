package io.voronka.server;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.Distribution;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.FunnelTrendRow;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Results as PNG charts (XChart, headless). Bars for a series with the last bucket ("today") in the highlight
 * colour, as in seed 000's charts; lines for funnel trends (conversion from the first step per bucket); bars of
 * users per step for a plain funnel; lines per cohort for retention; a Sankey diagram for paths ({@link SankeyPainter});
 * histogram bars for time in status, the outcome groups side by side.
 */
public final class ChartRenderer {
    /** Today's bar. */
    public static final Color HIGHLIGHT = new Color(0x1f, 0x6f, 0xeb);
    /** Earlier bars. */
    public static final Color PAST = new Color(0xb8, 0xc2, 0xcc);
    static final Color[] LINES = {new Color(0x1f, 0x6f, 0xeb), new Color(0xe3, 0x6c, 0x09),
            new Color(0x2e, 0x9e, 0x44), new Color(0xc0, 0x39, 0x2b), new Color(0x8e, 0x44, 0xad),
            new Color(0x16, 0xa0, 0x85)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRenderer() {
    }

    /** Whether a result is worth a picture: series, trends, retention and multi-step funnels; user lists are not. */
    public static boolean hasChart(QueryResult result) {
        return result.accept(new QueryResult.Visitor<>() {
            @Override
            public Boolean funnel(FunnelResult f) {
                return f.steps().size() > 1 || !f.trend().isEmpty();
            }

            @Override
            public Boolean series(SeriesResult s) {
                return s.buckets().size() > 1;
            }

            @Override
            public Boolean retention(RetentionResult r) {
                return true;
            }

            @Override
            public Boolean users(UserListResult u) {
                return false;
            }

            @Override
            public Boolean paths(PathsResult p) {
                return p.users() > 0;
            }

            @Override
            public Boolean distribution(DistributionResult d) {
                return true;
            }
        });
    }

    public static byte[] png(String title, QueryResult result, String kind) {
        return result.accept(new QueryResult.Visitor<>() {
            @Override
            public byte[] funnel(FunnelResult f) {
                return encode(title, f.trend().isEmpty() ? funnelBars(title, f) : funnelTrend(title, f));
            }

            @Override
            public byte[] series(SeriesResult s) {
                return encode(title, ChartRenderer.series(title, s, kind));
            }

            @Override
            public byte[] retention(RetentionResult r) {
                return encode(title, ChartRenderer.retention(title, r));
            }

            @Override
            public byte[] users(UserListResult u) {
                throw VoronkaException.user("a list of users has no chart");
            }

            @Override
            public byte[] paths(PathsResult p) {
                return SankeyPainter.png(title, p);
            }

            @Override
            public byte[] distribution(DistributionResult d) {
                return encode(title, histogram(title, d));
            }
        });
    }

    private static byte[] encode(String title, CategoryChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the chart '" + title + "' failed", e);
        }
    }

    /**
     * Bars per bin: counts of events for one group; with an outcome, the two groups side by side as shares of
     * their own events (their sizes differ, their shapes are what compares).
     */
    private static CategoryChart histogram(String title, DistributionResult d) {
        boolean outcome = d.groups().size() > 1;
        CategoryChart chart = chart(title, outcome ? "share of the group's events, %" : "events");
        chart.setXAxisTitle(ResultLabels.distributionMeasure(d));
        chart.getStyler().setOverlapped(false).setSeriesColors(outcome
                ? new Color[]{LINES[2], LINES[1]} : new Color[]{HIGHLIGHT}).setLegendVisible(outcome)
                .setDecimalPattern(outcome ? "#0.0" : "#,##0");
        List<String> x = new ArrayList<>();
        for (int b = 0; b < d.binStarts().size(); b++) {
            x.add(ResultLabels.bin(d.binStarts(), b));
        }
        for (Distribution g : outcome ? d.groups().subList(1, d.groups().size()) : d.groups()) {
            List<Double> values = new ArrayList<>();
            for (long n : g.histogram()) {
                values.add(outcome ? (g.count() == 0 ? 0.0 : 100.0 * n / g.count()) : (double) n);
            }
            chart.addSeries(ResultLabels.group(d, g) + " (median " + ResultText.duration(g.p50Seconds()) + ", "
                    + ResultText.count(g.count()) + " events, " + ResultText.count(g.open()) + " still open)", x,
                    values);
        }
        return chart;
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setAntiAlias(true).setDecimalPattern("#,##0.##");
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    private static CategoryChart series(String title, SeriesResult s, String kind) {
        CategoryChart chart = chart(title, ResultLabels.measure(s));
        List<String> x = s.buckets().isEmpty() ? List.of("no data") : s.buckets();
        if (s.series().size() == 1 && !kind.equals("line")) {
            List<Double> values = orZero(s.series().get(0).values(), x.size());
            List<Double> past = new ArrayList<>(values);
            List<Double> today = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                today.add(i == values.size() - 1 ? values.get(i) : 0.0);
            }
            past.set(past.size() - 1, 0.0);
            chart.getStyler().setOverlapped(true).setLabelsVisible(true).setLegendVisible(false);
            chart.getStyler().setSeriesColors(new Color[]{PAST, HIGHLIGHT});
            chart.addSeries("earlier", x, past);
            chart.addSeries("today", x, today);
            return chart;
        }
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line)
                .setSeriesColors(LINES);
        for (Series line : s.series()) {
            chart.addSeries(line.name(), x, orZero(line.values(), x.size()));
        }
        return chart;
    }

    private static CategoryChart funnelBars(String title, FunnelResult f) {
        CategoryChart chart = chart(title, ResultLabels.counting(f.counting()));
        chart.getStyler().setLabelsVisible(true).setSeriesColors(LINES);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < f.steps().size(); i++) {
            steps.add((i + 1) + ". " + f.steps().get(i));
        }
        for (FunnelRow row : f.rows()) {
            List<Double> values = new ArrayList<>();
            for (long n : row.reached()) {
                values.add((double) n);
            }
            chart.addSeries(row.group(), steps, values);
        }
        return chart;
    }

    /** Conversion from step 1 to each later step, per bucket; today's point is the last. */
    private static CategoryChart funnelTrend(String title, FunnelResult f) {
        CategoryChart chart = chart(title, "conversion from step 1, %");
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line)
                .setSeriesColors(LINES).setDecimalPattern("#0.0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> x = new ArrayList<>();
        for (FunnelTrendRow row : f.trend()) {
            x.add(row.bucket());
        }
        for (int step = 1; step < f.steps().size(); step++) {
            List<Double> values = new ArrayList<>();
            for (FunnelTrendRow row : f.trend()) {
                long first = row.reached().get(0);
                values.add(first == 0 ? 0.0 : 100.0 * row.reached().get(step) / first);
            }
            chart.addSeries("→ " + f.steps().get(step), x, values);
        }
        if (f.steps().size() == 1) {
            List<Double> values = new ArrayList<>();
            for (FunnelTrendRow row : f.trend()) {
                values.add((double) row.reached().get(0));
            }
            chart.addSeries(f.steps().get(0), x, values);
        }
        return chart;
    }

    private static CategoryChart retention(String title, RetentionResult r) {
        boolean users = ResultLabels.isUserRetention(r);
        CategoryChart chart = chart(title, users ? "share of the cohort, %" : ResultLabels.retentionMeasure(r.query()));
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line)
                .setSeriesColors(LINES);
        List<CohortRow> cohorts = r.cohorts();
        int from = Math.max(0, cohorts.size() - LINES.length);
        int ages = cohorts.isEmpty() ? 1 : cohorts.get(0).values().size();
        List<String> x = new ArrayList<>();
        for (int a = 0; a < ages; a++) {
            x.add(ResultLabels.period(r) + " " + a);
        }
        for (CohortRow row : cohorts.subList(from, cohorts.size())) {
            List<Double> values = new ArrayList<>();
            for (double v : row.values()) {
                values.add(Double.isNaN(v) ? null : users ? 100.0 * v / row.size() : v);
            }
            chart.addSeries(row.cohort(), x, values);
        }
        if (cohorts.isEmpty()) {
            chart.addSeries("no cohorts", x, List.of(0.0));
        }
        return chart;
    }

    private static List<Double> orZero(List<Double> values, int size) {
        List<Double> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Double v = i < values.size() ? values.get(i) : null;
            out.add(v == null || v.isNaN() ? 0.0 : v);
        }
        return out;
    }
}
