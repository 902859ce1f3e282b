package io.voronka.server;

import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.GroupBy;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.query.ValueStatistic;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.result.ValueRow;
import io.voronka.engine.stats.BoxSummary;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxSeries;
import org.knowm.xchart.style.BoxStyler;
import org.knowm.xchart.internal.chartpart.BoxPlotData;
import org.knowm.xchart.internal.chartpart.BoxPlotDataCalculator;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChartRendererTest {
    /** XChart computes a box from values; the renderer's five values must come back as the summary it was given. */
    @Test
    void boxPlotDrawsTheResultsQuartilesAndWhiskers() throws Exception {
        double[] values = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 40, -20, 7.5};
        Arrays.sort(values);
        BoxSummary summary = BoxSummary.of(values, values.length);
        ValueQuery query = new ValueQuery(ValueStatistic.DISTRIBUTION, 0, List.of(EventRef.ofName("call")), List.of(),
                GroupBy.NONE, Bucket.TOTAL, DateRange.all());
        ValueResult result = new ValueResult(query, List.of(), List.of("total"),
                List.of(new ValueRow("total", List.of("all"), summary.median(), summary)), List.of());
        BoxChart chart = ChartRenderer.box("t", result);
        Map<String, BoxSeries> series = new LinkedHashMap<>();
        chart.getSeriesCollection().forEach(s -> series.put(s.getName(), s));
        List<BoxPlotData> drawn = new BoxPlotDataCalculator<BoxStyler, BoxSeries>().calculate(series, chart.getStyler());
        assertEquals(1, drawn.size());
        BoxPlotData box = drawn.get(0);
        assertEquals(summary.lowerWhisker(), field(box, "lower"), 1e-12);
        assertEquals(summary.q1(), field(box, "q1"), 1e-12);
        assertEquals(summary.median(), field(box, "median"), 1e-12);
        assertEquals(summary.q3(), field(box, "q3"), 1e-12);
        assertEquals(summary.upperWhisker(), field(box, "upper"), 1e-12);
    }

    private static double field(BoxPlotData box, String name) throws ReflectiveOperationException {
        Field f = BoxPlotData.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.getDouble(box);
    }
}
