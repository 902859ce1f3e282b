package io.voronka.server;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.FunnelComparison;
import io.voronka.engine.result.Distribution;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.FunnelTrendRow;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RateRow;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.result.ValueRow;
import io.voronka.engine.query.ValueStatistic;
import io.voronka.engine.stats.BoxSummary;
import io.voronka.engine.stats.GroupComparison;
import io.voronka.engine.stats.WilsonInterval;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.BoxStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Results as PNG charts (XChart, headless). Bars for a series with the last bucket ("today") in the highlight
 * colour, as in seed 000's charts; lines for funnel trends (conversion from the first step per bucket); bars of
 * users per step for a plain funnel; conversion per group with 95% intervals (markers) for a funnel breakdown and
 * for rates; bars per group for value statistics; lines per cohort for retention; a box plot for a value
 * distribution; a Sankey diagram for paths ({@link SankeyPainter}); histogram bars for time in status, the outcome
 * groups side by side.
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
            public Boolean rate(RateResult r) {
                return !r.rows().isEmpty();
            }

            @Override
            public Boolean value(ValueResult v) {
                return !v.rows().isEmpty();

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
                if (!f.trend().isEmpty()) {
                    return encode(title, funnelTrend(title, f));
                }
                return encode(title, f.rows().size() > 1 && f.steps().size() > 1 ? funnelGroups(title, f)
                        : funnelBars(title, f));
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

            @Override
            public byte[] rate(RateResult r) {
                return encode(title, ChartRenderer.rate(title, r));
            }

            @Override
            public byte[] value(ValueResult v) {
                return encode(title, v.query().statistic() == ValueStatistic.DISTRIBUTION ? box(title, v)
                        : values(title, v));
            }
        });
    }

    private static byte[] encode(String title, Chart<?, ?> chart) {
        try {
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png);
            return png.toByteArray();
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

    /**
     * A funnel breakdown: per group the conversion from step 1 to the last step in percent, with its 95% Wilson
     * interval as markers (interval whiskers); groups that differ significantly from the rest at some step get a
     * star.
     */
    private static CategoryChart funnelGroups(String title, FunnelResult f) {
        int last = f.steps().size() - 1;
        CategoryChart chart = chart(title, "conversion " + f.steps().get(0) + " → " + f.steps().get(last) + ", %");
        List<GroupComparison> steps = FunnelComparison.of(f);
        List<String> x = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        for (int g = 0; g < f.rows().size(); g++) {
            FunnelRow row = f.rows().get(g);
            boolean significant = false;
            for (GroupComparison step : steps) {
                significant |= g > 0 && step.adjusted()[g - 1] < RateRow.ALPHA;
            }
            WilsonInterval interval = WilsonInterval.of(row.reached().get(last), row.reached().get(0));
            x.add(row.group() + (significant ? " *" : ""));
            rate.add(100 * row.conversionFromFirst(last));
            low.add(percentOrZero(interval.low()));
            high.add(percentOrZero(interval.high()));
        }
        chart.getStyler().setOverlapped(true).setSeriesColors(new Color[]{PAST, HIGHLIGHT, HIGHLIGHT})
                .setDecimalPattern("#0.0");
        chart.addSeries("conversion", x, rate);
        interval(chart.addSeries("95% low", x, low));
        interval(chart.addSeries("95% high", x, high));
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

    /** The last bucket's groups as bars in percent, their Wilson intervals as two marker series (interval whiskers). */
    private static CategoryChart rate(String title, RateResult r) {
        CategoryChart chart = chart(title, ResultLabels.rate(r.query()) + ", %");
        String last = r.buckets().isEmpty() ? "" : r.buckets().get(r.buckets().size() - 1);
        List<String> x = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        for (RateRow row : r.rows()) {
            if (!row.bucket().equals(last)) {
                continue;
            }
            x.add(ResultLabels.group(row.group()) + (row.significant() ? " *" : ""));
            rate.add(percentOrZero(row.rate()));
            low.add(percentOrZero(row.low()));
            high.add(percentOrZero(row.high()));
        }
        if (x.isEmpty()) {
            x.add("no data");
            rate.add(0.0);
            low.add(0.0);
            high.add(0.0);
        }
        chart.getStyler().setOverlapped(true).setSeriesColors(new Color[]{PAST, HIGHLIGHT, HIGHLIGHT})
                .setDecimalPattern("#0.0");
        chart.addSeries("rate", x, rate);
        interval(chart.addSeries("95% low", x, low));
        interval(chart.addSeries("95% high", x, high));
        return chart;
    }

    /** A value statistic per group (last bucket) as bars. */
    private static CategoryChart values(String title, ValueResult v) {
        CategoryChart chart = chart(title, ResultLabels.statistic(v.query()));
        String last = v.buckets().isEmpty() ? "" : v.buckets().get(v.buckets().size() - 1);
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (ValueRow row : v.rows()) {
            if (row.bucket().equals(last)) {
                x.add(ResultLabels.group(row.group()));
                y.add(Double.isNaN(row.value()) ? 0.0 : row.value());
            }
        }
        if (x.isEmpty()) {
            x.add("no data");
            y.add(0.0);
        }
        chart.getStyler().setLabelsVisible(true).setLegendVisible(false).setSeriesColors(new Color[]{HIGHLIGHT});
        chart.addSeries(ResultLabels.statistic(v.query()), x, y);
        return chart;
    }

    /**
     * A box per group (last bucket). XChart's BoxChart computes quartiles from raw values, and a result holds only
     * its summary, so each box gets the five values (lower whisker, q1, median, q3, upper whisker): with the
     * "(n−1)p + 1" quartile method their quartiles are exactly q1, median and q3, and the whiskers stay inside
     * 1.5 IQR (ChartRendererTest checks it with XChart's own calculator). Outliers are counted in the series name,
     * not drawn.
     */
    static BoxChart box(String title, ValueResult v) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .yAxisTitle(ResultLabels.statistic(v.query())).build();
        chart.getStyler().setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1)
                .setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setSeriesColors(LINES).setAntiAlias(true);
        String last = v.buckets().isEmpty() ? "" : v.buckets().get(v.buckets().size() - 1);
        boolean any = false;
        for (ValueRow row : v.rows()) {
            BoxSummary b = row.box();
            if (!row.bucket().equals(last) || b.n() == 0) {
                continue;
            }
            chart.addSeries(ResultLabels.group(row.group()) + " (n " + b.n() + ", " + b.outliers() + " outliers)",
                    new double[]{b.lowerWhisker(), b.q1(), b.median(), b.q3(), b.upperWhisker()});
            any = true;
        }
        if (!any) {
            chart.addSeries("no data", new double[]{0});
        }
        return chart;
    }

    private static void interval(CategorySeries series) {
        series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.DIAMOND);
    }

    private static double percentOrZero(double ratio) {
        return Double.isNaN(ratio) ? 0.0 : 100 * ratio;
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
