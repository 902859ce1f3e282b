package io.voronka.server;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RateRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rates, value statistics, distributions and funnel breakdowns as JSON, text and PNG on the demo with the call centre. */
class RateAndValueRenderingTest {
    private static QueryService queries;

    @BeforeAll
    static void demo() {
        queries = new QueryService(new StoreHolder(LoadedStore.of(DemoStoreSink.buildWithOtherSeeds(7, 200_000, 2),
                "demo"), null), 2, Duration.ofSeconds(60));
    }

    @AfterAll
    static void close() {
        queries.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rateJsonHasIntervalsTestsAndFamilies() {
        QueryResult result = queries.run("rate of call where status = 'success' per call by operator_group");
        Map<String, Object> json = ResultJson.of(result);
        assertEquals("rate", json.get("kind"));
        assertEquals(List.of("operator_group"), json.get("by"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("rows");
        assertEquals(List.of("all"), rows.get(0).get("group"));
        assertEquals(7, rows.size(), "all and six groups");
        for (Map<String, Object> row : rows.subList(1, rows.size())) {
            double rate = (Double) row.get("rate");
            assertTrue((Double) row.get("low") <= rate && rate <= (Double) row.get("high"), row.toString());
            assertNotNull(row.get("adjustedP"));
        }
        List<Map<String, Object>> families = (List<Map<String, Object>>) json.get("families");
        assertEquals(5, families.get(0).get("degreesOfFreedom"));
        RateResult rate = (RateResult) result;
        long significant = rate.rows().stream().filter(RateRow::significant).count();
        assertTrue(significant > 0, "the demo's groups differ");
        String text = ResultText.of(result);
        assertTrue(text.contains("vs rest") && text.contains("chi-square"), text);
        assertEquals(significant, text.lines().filter(l -> l.endsWith("higher") || l.endsWith("lower")).count(), text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void distributionJsonTextAndBoxPlot() throws IOException {
        QueryResult result = queries.run("distribution of value of call where status in ('success', 'refused')"
                + " by status");
        Map<String, Object> json = ResultJson.of(result);
        assertEquals("boxplot", json.get("kind"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("rows");
        for (Map<String, Object> row : rows) {
            double q1 = (Double) row.get("q1");
            double median = (Double) row.get("median");
            double q3 = (Double) row.get("q3");
            assertTrue((Double) row.get("lowerWhisker") <= q1 && q1 <= median && median <= q3
                    && q3 <= (Double) row.get("upperWhisker"), row.toString());
        }
        List<Map<String, Object>> tests = (List<Map<String, Object>>) json.get("tests");
        assertEquals("mann-whitney", tests.get(0).get("test"));
        assertEquals(true, tests.get(0).get("significant"));
        assertTrue(ResultText.of(result).contains("Mann–Whitney refused vs success"), ResultText.of(result));
        assertPng(result);
    }

    @Test
    void rateAndValueChartsArePngs() throws IOException {
        assertPng(queries.run("rate of sale per call by department"));
        assertPng(queries.run("median of value of sale by product"));
        assertTrue(ReportService.summary(queries.run("avg of value of call where status = 'success'"))
                .startsWith("average of value of call where status = success: "));
    }

    @Test
    @SuppressWarnings("unchecked")
    void funnelBreakdownsReportSignificancePerStep() {
        QueryResult result = queries.run("3 > 4|13 > 7 by utm_source");
        Map<String, Object> json = ResultJson.of(result);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("rows");
        assertTrue(!rows.get(0).containsKey("significance"), "the all row is not tested");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) rows.get(1).get("significance");
        assertEquals(List.of(2, 3), steps.stream().map(s -> s.get("step")).toList());
        assertEquals(2, ((List<?>) json.get("independence")).size());
        assertTrue(ResultText.of(result).contains("p (Holm)"));
        String summary = ReportService.summary(queries.run("rate of sale per call by department"));
        assertTrue(summary.contains("significant: "), summary);
        assertPng(queries.run("3 > 4|13 > 7 by utm_source"));
        String funnel = ReportService.summary(queries.run("3 > 4|13 > 7 by utm_source"));
        assertTrue(funnel.contains("step 2: chi-square p "), funnel);
    }

    private static void assertPng(QueryResult result) {
        byte[] png = ChartRenderer.png("title", result, "bar");
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError("not a PNG", e);
        }
        assertEquals(900, image.getWidth());
        assertEquals(500, image.getHeight());
    }
}
