package io.voronka.server;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PNG charts of paths (Sankey, drawn with Java2D) and time in status (histogram) decode and carry a drawing. */
class PathsChartTest {
    private static EventStore store;
    private static QueryEngine engine;

    @BeforeAll
    static void demo() {
        store = DemoStoreSink.build(9, 100_000, 2);
        engine = new QueryEngine(2);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static QueryResult run(String query) {
        return engine.execute(QueryParser.parse(query, Catalog.of(store)), store);
    }

    private static BufferedImage png(String query) throws Exception {
        QueryResult result = run(query);
        assertTrue(ChartRenderer.hasChart(result), query);
        return ImageIO.read(new ByteArrayInputStream(ChartRenderer.png(query, result, "bar")));
    }

    /** Distinct colours in a band of the picture: a drawing has many, an empty canvas one or two. */
    private static int colours(BufferedImage image, int fromY, int toY) {
        Set<Integer> seen = new HashSet<>();
        for (int y = fromY; y < toY; y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void sankeyOfSevenPositionsFillsTheCanvasWithBandsAndNodes() throws Exception {
        BufferedImage image = png("paths depth 7");
        assertEquals(1600, image.getWidth());
        assertEquals(900, image.getHeight());
        assertTrue(colours(image, 60, 870) > 50, "bands in many colours, translucent where they cross");
        int column = 20 + 5;
        boolean nodeAtFirstColumn = false;
        for (int y = 60; y < 870; y++) {
            nodeAtFirstColumn |= image.getRGB(column, y) != 0xFFFFFFFF;
        }
        assertTrue(nodeAtFirstColumn, "the first position's nodes are drawn at the left edge");
    }

    @Test
    void histogramWithAnOutcomeDrawsBars() throws Exception {
        BufferedImage image = png("time from 1 to next by outcome pay per hour");
        assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400);
        assertTrue(colours(image, 0, image.getHeight()) > 10, "bars, axes and labels");
    }

    @Test
    void pathsOfNobodyHaveNoChart() {
        assertTrue(!ChartRenderer.hasChart(run("paths from 3 on 2000-01-01")), "no users, nothing to draw");
    }
}
