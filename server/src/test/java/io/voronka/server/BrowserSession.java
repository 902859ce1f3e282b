package io.voronka.server;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One demo server and one headless browser for a test class, with what a person does on the page: open a path,
 * type and run a query, wait for the answer, read a table.
 */
final class BrowserSession implements AutoCloseable {
    final DemoServer server;
    final ChromeDriver browser;

    /** @param token the API token the server wants, or null for none */
    BrowserSession(String token) {
        server = new DemoServer(token);
        ChromeDriver started;
        try {
            started = HeadlessChromium.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        browser = started;
    }

    void open(String path) {
        openAt(server, path);
    }

    /** Opens a path of another server in the same browser. */
    void openAt(DemoServer other, String path) {
        browser.get(other.base() + path);
        waitFor("document.readyState === 'complete'");
    }

    /** Opens the shared link of a query, /?q=…, and waits for its answer. */
    void openQuery(String text) {
        markIdle();
        open("/?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        waitForAnswer();
    }

    void waitFor(String condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                ((ChromeDriver) d).executeScript("return Boolean(" + condition + ")")));
    }

    /** Forgets the previous answer so that {@link #waitForAnswer} waits for the next one. */
    void markIdle() {
        if (browser.getCurrentUrl().startsWith("http")) {
            browser.executeScript("document.body.dataset.state = 'idle'");
        }
    }

    /** Waits until the page shows an answer: a result or an error. */
    void waitForAnswer() {
        waitFor("['done', 'error'].includes(document.body.dataset.state)");
    }

    String state() {
        return browser.findElement(By.tagName("body")).getAttribute("data-state");
    }

    /** Types the query into the editor, runs it with Ctrl+Enter and waits for the answer. */
    void typeAndRun(String text) {
        WebElement editor = browser.findElement(By.id("query"));
        editor.clear();
        markIdle();
        editor.sendKeys(text);
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waitForAnswer();
    }

    String editorText() {
        return browser.findElement(By.id("query")).getAttribute("value");
    }

    /** The cells of the index-th result table, row by row, as shown. */
    List<List<String>> table(int index) {
        WebElement table = browser.findElements(By.cssSelector("#result table.result")).get(index);
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
            List<String> cells = new ArrayList<>();
            for (WebElement cell : tr.findElements(By.cssSelector("th, td"))) {
                cells.add(cell.getText());
            }
            rows.add(cells);
        }
        return rows;
    }

    /**
     * Clicks a download button and returns the file the browser saved, once complete. The folder is emptied first,
     * so the one file in it is this download.
     */
    Path download(WebElement button) throws IOException {
        Files.createDirectories(HeadlessChromium.DOWNLOADS);
        try (Stream<Path> old = Files.list(HeadlessChromium.DOWNLOADS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        button.click();
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> files = Files.list(HeadlessChromium.DOWNLOADS)) {
                List<Path> done = files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")
                        && !f.getFileName().toString().startsWith(".")).toList();
                return done.size() == 1 ? done.get(0) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static long shownCount(String cell) {
        return Long.parseLong(cell.replace(",", ""));
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            server.close();
        }
    }
}
