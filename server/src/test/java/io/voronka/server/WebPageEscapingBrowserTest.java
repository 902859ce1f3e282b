package io.voronka.server;

import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event names, dimension values and user keys come from the customer's database: written as HTML, they must show
 * as text everywhere the page puts them (tables, chart tooltips, completion, errors) and never become elements.
 */
class WebPageEscapingBrowserTest {
    private static final String SIGNUP = "<img src=x id=evil1>";
    private static final String PAID = "Paid\"><b id=evil2>bold</b>";
    private static final String SOURCE = "<img src=y id=evil3>";
    private static final String USER = "<i id=evil4>u";
    private static final String NO_ELEMENTS = "document.querySelectorAll('[id^=evil]').length === 0";
    private static BrowserSession page;
    private static DemoServer hostile;

    @RegisterExtension
    static final ScreenshotOnFailure SCREENSHOTS = new ScreenshotOnFailure(() -> page == null ? null : page.browser);

    @BeforeAll
    static void start() {
        hostile = new DemoServer(null, hostileStore());
        page = new BrowserSession(null);
    }

    @AfterAll
    static void stop() {
        try {
            if (page != null) {
                page.close();
            }
        } finally {
            hostile.close();
        }
    }

    /** 300 users with text keys that are HTML; all sign up, every other one pays; half come from an HTML source. */
    static EventStore hostileStore() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.TEXT, ZoneOffset.UTC);
        int source = b.source("events");
        int signup = b.types().define(1, SIGNUP, List.of("signup"));
        int paid = b.types().define(2, PAID, List.of("paid"));
        int utm = b.dimension("utm_source");
        int html = b.dimensionAt(utm).intern(SOURCE);
        int plain = b.dimensionAt(utm).intern("=HYPERLINK(\"http://x\")");
        long t0 = 1_615_000_000L;
        for (int i = 0; i < 300; i++) {
            int user = b.users().internText(USER + i + "</i>");
            int row = b.append(source, user, signup, t0 + i * 600L);
            b.dimensionValue(row, utm, i % 2 == 0 ? html : plain);
            if (i % 3 != 0) {
                b.append(source, user, paid, t0 + i * 600L + 3600);
            }
        }
        return b.build(1);
    }

    private void openQuery(String text) {
        page.openAt(hostile, "/?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        page.waitForAnswer();
    }

    private boolean noInjectedElements() {
        return Boolean.TRUE.equals(page.browser.executeScript("return " + NO_ELEMENTS));
    }

    @Test
    void namesAndDimensionValuesShowAsTextInTablesAndTooltips() {
        openQuery("1 > 2 by utm_source");
        assertEquals("done", page.state());
        String headers = page.browser.findElement(By.cssSelector("#result table.result thead")).getText();
        assertTrue(headers.contains("1. " + SIGNUP) && headers.contains("2. " + PAID), headers);
        List<String> groups = page.table(0).stream().map(row -> row.get(0)).toList();
        assertTrue(groups.contains(SOURCE), groups.toString());
        page.browser.executeScript("""
                const chart = echarts.getInstanceByDom(document.querySelector('#result .chart'));
                chart.dispatchAction({type: 'showTip', seriesIndex: 1, dataIndex: 1});""");
        page.waitFor("document.querySelector('#result .chart').textContent.includes('" + "id=evil2" + "')");
        assertTrue(noInjectedElements(), "no element made from a name");
    }

    @Test
    void userKeysOfADrillDownShowAsText() {
        openQuery("1 > 2 dropped at 1 limit 5");
        assertEquals(USER + "0</i>", page.table(0).get(0).get(1));
        assertTrue(noInjectedElements());
    }

    @Test
    void completionAndErrorsShowNamesAsText() {
        page.openAt(hostile, "/");
        page.waitFor("document.getElementById('freshness') !== null");
        WebElement editor = page.browser.findElement(By.id("query"));
        editor.clear();
        editor.sendKeys("1 > pai");
        page.waitFor("!document.getElementById('completions').hidden");
        assertTrue(page.browser.findElement(By.id("completions")).getText().contains(PAID));
        assertTrue(noInjectedElements());

        openQuery("1 > \"<b id=evil5>x</b>\"");
        assertEquals("error", page.state());
        assertTrue(page.browser.findElement(By.cssSelector("#error pre.caret .source")).getText()
                .contains("<b id=evil5>x</b>"));
        assertTrue(noInjectedElements());
    }
}
