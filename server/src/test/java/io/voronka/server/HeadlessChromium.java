package io.voronka.server;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;

/**
 * Debian's Chromium driven by its ChromeDriver, headless, for the browser tests of the web page. Both come from
 * scripts/ensure-chromium.sh (the test command runs it); Selenium Manager never runs (no downloads).
 */
final class HeadlessChromium {
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Where the browser saves downloads (CSV, PNG) without asking. */
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

    static ChromeDriver start() {
        if (!Files.isExecutable(DRIVER)) {
            throw new IllegalStateException(DRIVER + " is missing: run scripts/ensure-chromium.sh (scripts/test.sh does)"
                    + " to install Debian's chromium and chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        return new ChromeDriver(options);
    }
}
