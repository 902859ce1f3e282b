package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

import static io.voronka.server.BrowserSession.shownCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page in headless Chromium, used as a person would: type a query and read the table and the chart, break
 * a query and see the caret, follow a shared link and walk back, open the reports. Numbers are checked against
 * what the HTTP API answers for the same text.
 */
class WebPageBrowserTest {
    static final String SEED_FUNNEL = "3 > 4|13 > 7 > pay";
    private static BrowserSession page;

    @RegisterExtension
    static final ScreenshotOnFailure SCREENSHOTS = new ScreenshotOnFailure(() -> page == null ? null : page.browser);

    @BeforeAll
    static void start() {
        page = new BrowserSession(null);
    }

    @AfterAll
    static void stop() {
        if (page != null) {
            page.close();
        }
    }

    static String shownPercent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    @Test
    void seedFunnelTypedAndRunShowsTheApiNumbersInTheTableAndDrawsTheBars() throws Exception {
        page.open("/");
        page.typeAndRun(SEED_FUNNEL);
        assertEquals("done", page.state());

        JsonNode api = page.server.query(SEED_FUNNEL).get("rows").get(0);
        List<List<String>> rows = page.table(0);
        assertEquals(4, rows.size(), rows.toString());
        for (int step = 0; step < 4; step++) {
            assertEquals(api.get("reached").get(step).asLong(), shownCount(rows.get(step).get(2)), "users at step "
                    + (step + 1));
            assertEquals(shownPercent(api.get("conversionFromPrevious").get(step).asDouble()), rows.get(step).get(3));
            assertEquals(shownPercent(api.get("conversionFromFirst").get(step).asDouble()), rows.get(step).get(4));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) page.browser.executeScript("""
                const box = document.querySelector('#result .chart');
                const option = echarts.getInstanceByDom(box).getOption();
                const canvas = box.querySelector('canvas');
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }
                return {type: option.series[0].type, data: option.series[0].data, painted, width: canvas.width};
                """);
        assertEquals("bar", chart.get("type"));
        List<?> bars = (List<?>) chart.get("data");
        for (int step = 0; step < 4; step++) {
            assertEquals(api.get("reached").get(step).asLong(), ((Number) bars.get(step)).longValue());
        }
        assertTrue(((Number) chart.get("width")).intValue() > 300, chart.toString());
        assertTrue(((Number) chart.get("painted")).longValue() > 10_000, "the canvas has the bars drawn: " + chart);
        assertTrue(page.browser.getCurrentUrl().endsWith("/?q=" + URLEncoder.encode(SEED_FUNNEL, StandardCharsets.UTF_8)
                .replace("+", "%20")), "the URL holds the query: " + page.browser.getCurrentUrl());
    }

    @Test
    void resultsDownloadAsCsvWithTheApiNumbersAndAsTheServersPng() throws Exception {
        page.openQuery(SEED_FUNNEL);
        JsonNode api = page.server.query(SEED_FUNNEL).get("rows").get(0);
        Path csv = page.download(page.browser.findElement(By.cssSelector("button[data-download=csv]")));
        assertTrue(csv.getFileName().toString().endsWith(".csv"), csv.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("\uFEFF#,step,users,from previous,from first", lines.get(0), "UTF-8 with a byte order mark");
        assertEquals(5, lines.size(), lines.toString());
        for (int step = 0; step < 4; step++) {
            String[] cells = lines.get(step + 1).split(",");
            assertEquals(api.get("reached").get(step).asLong(), Long.parseLong(cells[cells.length - 3]), lines.toString());
        }
        Path png = page.download(page.browser.findElement(By.cssSelector("button[data-download=png]")));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth(), "the server's chart, as GET /api/query.png draws it");

        page.openQuery("3 > 4|13 > 7 dropped at 2 limit 10");
        long total = page.server.query("3 > 4|13 > 7 dropped at 2 limit 10").get("total").asLong();
        Path all = page.download(page.browser.findElement(By.cssSelector("button[data-download=all-users]")));
        List<String> users = Files.readAllLines(all);
        assertEquals(total + 1, users.size(), "a header and every user, not just the page shown");
        assertEquals(new HashSet<>(users).size(), users.size(), "no user twice");
    }

    @Test
    void anExampleRunsInOneClickAndTheFooterTellsTheDataAndItsFreshness() throws Exception {
        page.open("/");
        page.markIdle();
        page.browser.findElement(By.cssSelector("details.examples summary")).click();
        WebElement first = page.browser.findElement(By.cssSelector("#examples a"));
        String example = first.getText();
        first.click();
        page.waitForAnswer();
        assertEquals("done", page.state());
        assertEquals(example, page.editorText());
        assertEquals(example, page.browser.findElement(By.id("result")).getAttribute("data-query"));
        JsonNode health = page.server.get("/api/health");
        String footer = page.browser.findElement(By.id("freshness")).getText();
        assertTrue(footer.contains(String.format(Locale.ROOT, "%,d events", health.get("events").asLong())), footer);
        assertTrue(footer.contains(health.get("origin").asText()), footer);
    }

    @Test
    void brokenQueryShowsTheCaretUnderTheReportedColumnWithExpectedTokensAndHint() throws Exception {
        String broken = "3 > 4 withn 14d";
        page.open("/");
        page.typeAndRun(broken);
        assertEquals("error", page.state());

        JsonNode api = page.server.query(broken);
        int column = api.get("column").asInt();
        String marks = page.browser.findElement(By.cssSelector("#error pre.caret .marks")).getText();
        assertEquals(column - 1, marks.indexOf('^'), "caret under column " + column + ": '" + marks + "'");
        assertEquals("^^^^^", marks.strip(), "the caret spans the word 'withn'");
        assertEquals(broken, page.browser.findElement(By.cssSelector("#error pre.caret .source")).getText());
        assertTrue(page.browser.findElement(By.cssSelector("#error .problem")).getText()
                .contains("column " + column), "the message names the column");
        assertTrue(page.browser.findElement(By.cssSelector("#error .expected")).getText().contains("within"));
        assertEquals(api.get("hint").asText(), page.browser.findElement(By.cssSelector("#error .hint")).getText());
    }

    @Test
    void aWarningOfTheServerIsShownAboveTheAnswer() throws Exception {
        String q = "users of 3 per month where utm_source = 'tiktok'";
        page.openQuery(q);
        assertEquals("done", page.state());
        assertEquals(page.server.query(q).get("warnings").get(0).asText(),
                page.browser.findElement(By.cssSelector("#result .warnings li")).getText());
    }

    @Test
    void sharedLinkReproducesTheResultAndTheBackButtonWalksTheQueryHistory() throws Exception {
        String first = "users of 3 per day last 7d change";
        page.openQuery(first);
        assertEquals(first, page.editorText());
        JsonNode series = page.server.query(first);
        List<List<String>> rows = page.table(0);
        assertEquals(7, rows.size());
        for (int day = 0; day < 7; day++) {
            assertEquals(series.get("buckets").get(day).asText(), rows.get(day).get(0));
            assertEquals(series.get("series").get(0).get("values").get(day).asLong(), shownCount(rows.get(day).get(1)));
        }

        page.typeAndRun(SEED_FUNNEL);
        assertEquals("funnel", page.browser.findElement(By.id("result")).getAttribute("data-kind"));
        page.markIdle();
        page.browser.navigate().back();
        page.waitForAnswer();
        assertEquals(first, page.editorText());
        assertEquals("series", page.browser.findElement(By.id("result")).getAttribute("data-kind"));
        assertEquals(rows, page.table(0), "back shows the first query's numbers again");
    }

    @Test
    void retentionIsDrawnAsAHeatmapWithOneCellPerCohortAndAge() throws Exception {
        String retention = "retention of 3 return pay per month 4";
        page.openQuery(retention);
        JsonNode api = page.server.query(retention);
        long cells = 0;
        for (JsonNode cohort : api.get("cohorts")) {
            for (JsonNode v : cohort.get("values")) {
                cells += v.isNull() ? 0 : 1;
            }
        }
        Object drawn = page.browser.executeScript("""
                const option = echarts.getInstanceByDom(document.querySelector('#result .chart')).getOption();
                return [option.series[0].type, option.series[0].data.length];""");
        assertEquals(List.of("heatmap", cells), drawn);
        assertEquals(api.get("cohorts").size(), page.table(0).size());
    }

    @Test
    void pathsDrawASankeyAndTimeInStatusAHistogramAndABoxplot() throws Exception {
        String paths = "paths depth 4";
        page.openQuery(paths);
        JsonNode api = page.server.query(paths);
        Object sankey = page.browser.executeScript("""
                const option = echarts.getInstanceByDom(document.querySelector('#result .chart')).getOption();
                return [option.series[0].type, option.series[0].data.length, option.series[0].links.length];""");
        assertEquals(List.of("sankey", (long) api.get("nodes").size(), (long) api.get("links").size()), sankey);
        assertEquals(api.get("flows").size(), page.table(0).size());
        assertEquals(api.get("flows").get(0).get("users").asLong(), shownCount(page.table(0).get(0).get(1)));

        String time = "time from 8 to next 9|pay by outcome pay within 30d histogram 2h";
        page.openQuery(time);
        JsonNode distribution = page.server.query(time);
        @SuppressWarnings("unchecked")
        List<List<Object>> charts = (List<List<Object>>) page.browser.executeScript("""
                return [...document.querySelectorAll('#result .chart')].map(box => {
                  const series = echarts.getInstanceByDom(box).getOption().series;
                  return [series[0].type, series.length, series[0].data];
                });""");
        assertEquals(2, charts.size());
        assertEquals("bar", charts.get(0).get(0));
        assertEquals((long) distribution.get("groups").size(), charts.get(0).get(1), "a bar series per group");
        List<Long> histogram = new ArrayList<>();
        distribution.get("groups").get(0).get("histogram").forEach(n -> histogram.add(n.asLong()));
        assertEquals(histogram, charts.get(0).get(2));
        assertEquals("boxplot", charts.get(1).get(0));
        assertEquals(distribution.get("groups").size(), ((List<?>) charts.get(1).get(2)).size(), "a box per group");
        assertEquals(distribution.get("groups").get(0).get("count").asLong(), shownCount(page.table(0).get(0).get(1)));
    }

    @Test
    void theUsersWhoStoppedAtAStepAreOneClickAwayAndListedPageByPage() throws Exception {
        page.openQuery(SEED_FUNNEL);
        JsonNode reached = page.server.query(SEED_FUNNEL).get("rows").get(0).get("reached");
        page.markIdle();
        page.browser.findElement(By.xpath("//nav[@class='follow-ups']/a[contains(., 'after step 2')]")).click();
        page.waitForAnswer();
        String drill = SEED_FUNNEL + " dropped at 2";
        assertEquals(drill, page.editorText());
        JsonNode firstPage = page.server.query(drill);
        assertEquals(reached.get(1).asLong() - reached.get(2).asLong(), firstPage.get("total").asLong());
        List<List<String>> rows = page.table(0);
        assertEquals(firstPage.get("users").size(), rows.size());
        assertEquals(firstPage.get("users").get(0).asText(), rows.get(0).get(1));
        assertTrue(page.browser.findElement(By.cssSelector("nav.pager")).getText()
                .contains(String.format(Locale.ROOT, "of %,d", firstPage.get("total").asLong())));

        page.markIdle();
        page.browser.findElement(By.xpath("//nav[@class='pager']/button[contains(., 'Next')]")).click();
        page.waitForAnswer();
        String next = drill + " limit 100 offset 100";
        assertEquals(next, page.editorText());
        JsonNode secondPage = page.server.query(next);
        assertEquals("101", page.table(0).get(0).get(0));
        assertEquals(secondPage.get("users").get(0).asText(), page.table(0).get(0).get(1));
    }

    @Test
    void completionOffersEventsAfterAStepAndDimensionsAfterBy() {
        page.open("/");
        page.waitFor("document.querySelector('#freshness') !== null");
        WebElement editor = page.browser.findElement(By.id("query"));
        editor.clear();
        editor.sendKeys("3 > what");
        page.waitFor("!document.getElementById('completions').hidden");
        assertTrue(page.browser.findElement(By.id("completions")).getText().contains("whatsapp"));
        editor.sendKeys(Keys.TAB);
        assertEquals("3 > whatsapp ", editor.getAttribute("value"));

        editor.sendKeys("by utm");
        page.waitFor("document.getElementById('completions').textContent.includes('utm_source')");
        editor.sendKeys(Keys.ENTER);
        assertEquals("3 > whatsapp by utm_source ", editor.getAttribute("value"));

        editor.clear();
        editor.sendKeys("time fr");
        page.waitFor("document.getElementById('completions').textContent.startsWith('from')");
        editor.sendKeys(Keys.TAB);
        page.waitFor("document.getElementById('completions').textContent.includes('whatsapp')");
        assertEquals("time from ", editor.getAttribute("value"), "events are offered right after 'time from'");

        editor.clear();
        editor.sendKeys("explain da");
        page.waitFor("document.getElementById('completions').textContent.startsWith('dau')");
        editor.sendKeys(Keys.TAB);
        assertEquals("explain dau ", editor.getAttribute("value"), "query kinds are offered after 'explain'");
    }

    @Test
    void keyboardAloneTypesRunsAndReachesTheDownloads() {
        page.open("/");
        page.waitFor("document.activeElement && document.activeElement.id === 'query'");
        WebElement editor = page.browser.switchTo().activeElement();
        editor.sendKeys("3 > 7");
        editor.sendKeys(Keys.ESCAPE);
        page.markIdle();
        editor.sendKeys(Keys.TAB);
        WebElement run = page.browser.switchTo().activeElement();
        assertEquals("run", run.getAttribute("id"), "Tab leads from the editor to Run");
        run.sendKeys(Keys.ENTER);
        page.waitForAnswer();
        assertEquals("done", page.state());
        assertEquals("3 > 7", page.browser.findElement(By.id("result")).getAttribute("data-query"));
    }

    @Test
    void aPhoneScreenNeedsNoSidewaysScrollingOfThePage() {
        // a desktop window cannot be made phone-narrow; the DevTools protocol emulates the phone's viewport
        page.browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 2, "mobile", true));
        try {
            page.openQuery(SEED_FUNNEL);
            assertFitsTheWidth();
            page.open("/reports.html");
            page.waitForAnswer();
            assertFitsTheWidth();
        } finally {
            page.browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static void assertFitsTheWidth() {
        List<?> w = (List<?>) page.browser.executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth]");
        // content wider than the phone either widens a mobile viewport or scrolls sideways: neither may happen
        assertEquals(390L, ((Number) w.get(1)).longValue(), "content widened the phone's 390 px viewport");
        assertTrue(((Number) w.get(0)).longValue() <= 390, "page width " + w.get(0) + " fits the phone's 390 px");
    }

    @Test
    void reportsPageShowsEveryConfiguredReportWithItsChartAndSummary() throws Exception {
        page.open("/reports.html");
        page.waitForAnswer();
        JsonNode reports = page.server.get("/api/reports").get("reports");
        List<WebElement> cards = page.browser.findElements(By.cssSelector("section.report"));
        assertEquals(reports.size(), cards.size());
        int daily = 0;
        for (JsonNode report : reports) {
            WebElement card = page.browser.findElement(By.id("report-" + report.get("name").asText()));
            assertTrue(card.getText().contains(report.get("title").asText()));
            assertEquals(1, card.findElements(By.cssSelector(".chart canvas")).size(), report.toString());
            daily += report.get("daily").asBoolean() ? 1 : 0;
        }
        assertEquals(daily, page.browser.findElements(By.cssSelector("section.report .badge")).size());
        JsonNode revenue = page.server.get("/api/reports/revenue");
        assertEquals(revenue.get("summary").asText(),
                page.browser.findElement(By.cssSelector("#report-revenue .summary")).getText());
    }

    @Test
    void pagesRunWithoutScriptErrorsOrContentSecurityPolicyViolations() {
        page.browser.manage().logs().get(LogType.BROWSER); // drop what earlier tests left
        page.openQuery("3 > 4|13 > 7 > pay by utm_source times");
        page.open("/reports.html");
        page.waitForAnswer();
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : page.browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), severe);
        assertFalse(page.browser.findElements(By.cssSelector("section.report .chart")).isEmpty());
    }
}
