package dev.webhooks.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven through Debian's chromedriver (nothing is downloaded), with the
 * page's console log kept so tests can check that nothing went wrong in it.
 */
final class Browser implements AutoCloseable {
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final List<String> CHROMIUM = List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final Path profile;
    private final ChromeDriver driver;

    Browser() {
        if (!Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("the console's browser tests need Debian's chromium and chromium-driver:"
                    + " apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options(profile));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        size(1280, 900);
    }

    private static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst().orElseThrow());
        // The machine has no network: background networking and component updates would make Chromium hang.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** The viewport's size in CSS pixels. */
    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Long inner = (Long) script("return window.innerWidth");
        if (inner != null && inner != width) {
            Dimension outer = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(outer.width + (int) (width - inner), height));
        }
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The first visible element matching {@code css}, once there is one. */
    WebElement await(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The first visible element matching {@code css} whose text contains {@code text}. */
    WebElement awaitText(String css, String text) {
        return until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
    }

    /** Waits for a condition; elements the page replaced meanwhile are looked up again at the next try. */
    <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The form control the visible label with this exact text is for. */
    WebElement labelled(String label) {
        WebElement element = until(d -> d.findElements(By.tagName("label")).stream()
                .filter(l -> l.isDisplayed() && l.getText().trim().equals(label)).findFirst().orElse(null));
        return driver.findElement(By.id(element.getAttribute("for")));
    }

    /** Types into a control, replacing what it held. */
    void type(WebElement control, String text) {
        control.clear();
        control.sendKeys(text);
    }

    /** A screenshot of the whole page at the given width (CSS pixels), under target/console-screenshots. */
    Path screenshot(String name, int width) {
        size(width, 900);
        new Actions(driver).moveToLocation(0, 0).perform();
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        long height = Math.round(((Number) content.get("height")).doubleValue());
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", Math.min(height, 6000), "scale", 1);
        String png = (String) driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + "-" + width + ".png");
            Files.write(file, java.util.Base64.getDecoder().decode(png));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            size(1280, 900);
        }
    }

    /** The page's console messages at level SEVERE since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * Nothing logged at error level, apart from Chromium's own "Failed to load resource" lines for API answers with
     * one of the given statuses, which a test provoked on purpose (a refused token, a bad filter).
     */
    void assertNoConsoleErrors(int... expectedApiStatuses) {
        List<String> unexpected = consoleErrors().stream()
                .filter(message -> Arrays.stream(expectedApiStatuses).noneMatch(status ->
                        message.contains("/api/v1/") && message.contains("the server responded with a status of " + status)))
                .toList();
        assertThat(unexpected).as("errors in the page's console").isEmpty();
    }

    /**
     * Starts the next test in a fresh tab state: the token is removed while the console shows a view that calls no
     * API (an unknown route), so that nothing of the last test is still at work.
     */
    void reset(String consoleUrl) {
        open(consoleUrl + "#/nowhere");
        awaitText("h1", "");
        script("sessionStorage.clear()");
        consoleErrors();
    }

    Map<String, Object> sessionStorage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> items = (Map<String, Object>) script(
                "return Object.fromEntries(Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)]))");
        return items;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile under target/ is removed by the next clean anyway
            }
        }
    }
}
