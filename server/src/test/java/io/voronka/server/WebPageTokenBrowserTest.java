package io.voronka.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.voronka.server.BrowserSession.shownCount;
import static io.voronka.server.WebPageBrowserTest.SEED_FUNNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page behind {@code http.token_env}: it asks for the token once, keeps it for the tab, and explains a refusal. */
class WebPageTokenBrowserTest {
    private static final String TOKEN = "s3cret-token";
    private static BrowserSession page;

    @RegisterExtension
    static final ScreenshotOnFailure SCREENSHOTS = new ScreenshotOnFailure(() -> page == null ? null : page.browser);

    @BeforeAll
    static void start() {
        page = new BrowserSession(TOKEN);
    }

    @AfterAll
    static void stop() {
        if (page != null) {
            page.close();
        }
    }

    private void forgetTokenInThisTab() {
        page.open("/favicon.svg");
        page.browser.executeScript("sessionStorage.clear()");
    }

    private void enterToken(String token) {
        page.waitFor("document.getElementById('token-dialog') !== null");
        WebElement input = page.browser.findElement(By.id("token-input"));
        input.clear();
        input.sendKeys(token);
        page.browser.findElement(By.id("token-submit")).click();
    }

    @Test
    void asksForTheTokenOnceRetriesAWrongOneAndKeepsTheRightOneForTheTab() throws Exception {
        forgetTokenInThisTab();
        page.open("/?q=" + URLEncoder.encode(SEED_FUNNEL, StandardCharsets.UTF_8));
        enterToken("wrong");
        page.waitFor("document.getElementById('token-help')?.textContent.includes('not accepted')");
        enterToken(TOKEN);
        page.waitForAnswer();
        long entered = page.server.query(SEED_FUNNEL).get("rows").get(0).get("reached").get(0).asLong();
        assertEquals(entered, shownCount(page.table(0).get(0).get(2)));
        page.waitFor("document.getElementById('freshness') !== null");

        page.markIdle();
        page.browser.navigate().refresh();
        page.waitForAnswer();
        assertTrue(page.browser.findElements(By.id("token-dialog")).isEmpty(), "no second question in the same tab");
        assertEquals(entered, shownCount(page.table(0).get(0).get(2)));
        assertTrue(page.browser.findElement(By.id("forget-token")).isDisplayed());
    }

    @Test
    void withoutATokenThePageSaysWhyItShowsNoData() {
        forgetTokenInThisTab();
        page.open("/?q=" + URLEncoder.encode(SEED_FUNNEL, StandardCharsets.UTF_8));
        page.waitFor("document.getElementById('token-dialog') !== null");
        page.browser.findElement(By.id("token-cancel")).click();
        page.waitForAnswer();
        assertEquals("error", page.state());
        assertTrue(page.browser.findElement(By.id("token-missing")).getText().contains("needs an API token"));
        assertTrue(page.browser.findElement(By.cssSelector("#error .problem")).getText().contains("API token"));
    }
}
