package io.voronka.server;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Saves what the browser showed when a test failed: target/browser-failures/Class-method.png and .html (the DOM),
 * so a failed run can be looked at, not guessed at.
 */
final class ScreenshotOnFailure implements TestWatcher {
    static final Path FOLDER = Path.of("target", "browser-failures");

    private final Supplier<ChromeDriver> browser;

    ScreenshotOnFailure(Supplier<ChromeDriver> browser) {
        this.browser = browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        WebDriver driver = browser.get();
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(FOLDER);
            Files.write(FOLDER.resolve(name + ".png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(FOLDER.resolve(name + ".html"), driver.getPageSource());
            System.err.println("browser screenshot of the failure: " + FOLDER.resolve(name + ".png").toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the browser screenshot of " + name + ": " + e);
        }
    }
}
