package dev.ledger.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The console (API.md §11) in a real browser: Debian's Chromium, headless, driven by Selenium over the whole service
 * on real PostgreSQL. Each page it visits is saved as a screenshot under {@code target/console-screenshots/}, and no
 * test may leave an error in the browser's console.
 */
class ConsoleBrowserIT extends IntegrationTest {

    /**
     * Debian's packages (installed by .ci/run). Naming both paths keeps Selenium Manager from running at all: it
     * would otherwise download a browser and a driver from the internet, in CI too.
     */
    private static final String CHROMIUM = System.getProperty("ledger.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("ledger.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    /**
     * Selenium warns that it has no DevTools binding for this Chromium's version; the test uses none (only one
     * version-independent command, {@link #viewport}), so the warning is noise in the build's output.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");
    private static final Logger CHROMIUM_LOG = Logger.getLogger("org.openqa.selenium.chromium");

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        CHROMIUM_LOG.setLevel(Level.SEVERE);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--no-first-run", "--disable-background-networking", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        viewport(1280, 800, false);
    }

    /** The page's size exactly (a window's size would include the browser's own bars), as a laptop or a phone. */
    private static void viewport(int width, int height, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A failed test leaves a picture of what the browser showed at that moment. */
    @RegisterExtension
    final TestWatcher failureScreenshot = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            screenshot("failed-" + context.getRequiredTestMethod().getName());
        }
    };

    /** Whatever a test did, the browser's console saw no error: no exception, no failed script, no failed load. */
    @AfterEach
    void noErrorsInTheBrowserConsole() {
        assertThat(severeConsoleEntries()).isEmpty();
    }

    @Test
    void anAdminFindsAWalletAndSeesADepositArriveWithoutReloading() {
        String owner = newUser("console-owner");
        String client = api.clientKey(ADMIN_KEY, owner);
        String wallet = api.post("/api/wallets", client, "{\"currency\":\"USD\",\"label\":\"Household\"}")
                .text("walletId");
        api.deposit(ADMIN_KEY, wallet, "1234567.50");
        api.post("/api/wallets/" + wallet + "/holds", client, "{\"amount\":\"250.00\",\"reference\":\"hotel\"}");
        // given the read models show it all (lists are eventually consistent; the page's first read is a read model)
        assertThat(api.get("/api/wallets/" + wallet + "?minVersion=3", client).status()).isEqualTo(200);
        eventually().until(() -> api.get("/api/wallets?ownerId=" + owner, ADMIN_KEY).body().contains(wallet));

        openSignedOut();
        WebElement keyField = labelled("API key");
        assertThat(keyField.getAttribute("type")).isEqualTo("password");
        screenshot("sign-in");
        signIn(ADMIN_KEY);

        eventually().until(() -> visible(By.id("owner-id")));
        labelled("Owner id").sendKeys(owner);
        button("Find wallets").click();
        eventually().until(() -> visible(By.linkText("Household")));
        screenshot("find-wallet");

        browser.findElement(By.linkText("Household")).click();
        eventually().until(() -> text(By.id("amount-balance")).equals("1,234,567.50 USD"));
        assertThat(text(By.id("amount-held"))).isEqualTo("250.00 USD");
        assertThat(text(By.id("amount-available"))).isEqualTo("1,234,317.50 USD");
        eventually().until(() -> text(By.id("live")).contains("live"));
        assertThat(text(By.cssSelector("main h1"))).isEqualTo("Household");
        // a mark on the page's window: it survives only if the page is never reloaded
        browser.executeScript("window.notReloaded = true");

        api.deposit(ADMIN_KEY, wallet, "100.25");

        eventually().until(() -> text(By.id("amount-balance")).equals("1,234,667.75 USD"));
        assertThat(browser.executeScript("return window.notReloaded")).isEqualTo(true);
        // the journal and the holds are read models too: the stream's change reloads them, also catching up with
        // what they had not applied yet when the page opened
        eventually().until(() -> browser.findElements(By.xpath("//td/span[text()='DEPOSITED']")).size() == 2
                && text(By.id("journal")).contains("HOLD_PLACED") && text(By.id("holds")).contains("hotel"));
        screenshot("wallet");

        viewport(390, 844, true);
        try {
            eventually().until(() -> browser.executeScript("return window.innerWidth").equals(390L));
            assertThat(horizontalOverflow()).as("the page fits a phone's width").isFalse();
            screenshot("wallet-phone");
        } finally {
            viewport(1280, 800, false);
        }

        String savings = api.post("/api/wallets", client, "{\"currency\":\"USD\",\"label\":\"Savings\"}")
                .text("walletId");
        String transfer = api.post("/api/transfers", client, "{\"fromWalletId\":\"" + wallet + "\",\"toWalletId\":\""
                + savings + "\",\"amount\":\"10.00\",\"reference\":\"rent\"}").text("transferId");
        String transaction = api.post("/api/transactions", client, "{\"currency\":\"USD\",\"reference\":\"groceries\","
                + "\"legs\":[{\"walletId\":\"" + wallet + "\",\"direction\":\"debit\",\"amount\":\"30.00\"},"
                + "{\"walletId\":\"" + savings + "\",\"direction\":\"credit\",\"amount\":\"30.00\"}]}")
                .text("transactionId");
        eventually().until(() -> api.get("/api/transfers?walletId=" + savings, ADMIN_KEY).body().contains(transfer)
                && api.get("/api/transactions?walletId=" + savings, ADMIN_KEY).body().contains(transaction));

        visit("Transfers", "transfers");
        browser.findElement(By.linkText("rent")).click();
        eventually().until(() -> text(By.cssSelector("main h1")).equals("rent"));
        assertThat(text(By.cssSelector("main"))).contains("10.00 USD").contains("COMPLETED").contains(savings);
        screenshot("transfer");
        visit("Transactions", "transactions");
        browser.findElement(By.linkText("groceries")).click();
        eventually().until(() -> text(By.cssSelector("main h1")).equals("groceries"));
        assertThat(text(By.cssSelector("main"))).contains("30.00 USD").contains("POSTED").contains(wallet);
        screenshot("transaction");
        visit("Escrows", "escrows");
        visit("Totals", "totals");
        assertThat(text(By.cssSelector("main"))).contains("USD");
        visit("Audit", "audit-admin");
        eventually().until(() -> !browser.findElements(By.xpath("//button[text()='Replay']")).isEmpty());
        visit("Webhooks", "webhooks");
    }

    @Test
    void anAuditorRunsTheVerificationAndSeesTheReadModelsButCannotReplay() {
        String auditor = api.keyWithRole(ADMIN_KEY, "auditor");

        signIn(auditor);
        browser.findElement(By.linkText("Audit")).click();
        eventually().until(() -> visible(By.id("run-verification")));
        eventually().until(() -> text(By.cssSelector("main")).contains("wallets"));
        assertThat(browser.findElements(By.xpath("//button[text()='Replay']"))).isEmpty();

        button("Run verification").click();

        eventually().until(() -> text(By.id("verification")).contains("Events checked"));
        assertThat(text(By.cssSelector(".verdict"))).isEqualTo("✓ The books are consistent");
        screenshot("audit");
    }

    @Test
    void aClientKeyIsRefusedAnotherUsersWallet() {
        String client = api.clientKey(ADMIN_KEY, newUser("console-client"));
        api.openWallet(client, "EUR");
        String stranger = api.clientKey(ADMIN_KEY, newUser("console-stranger"));
        String strangersWallet = api.openWallet(stranger, "EUR");

        signIn(client);
        eventually().until(() -> visible(By.cssSelector("main table a")));
        assertThat(browser.findElements(By.linkText("Audit"))).isEmpty();
        assertThat(browser.findElements(By.linkText("Totals"))).isEmpty();

        browser.get(api.baseUrl() + "/console#/wallets/" + strangersWallet);

        eventually().until(() -> visible(By.cssSelector("[role=alert]")));
        assertThat(text(By.cssSelector("[role=alert]"))).contains("Not found")
                .contains("wallet " + strangersWallet + " was not found");
        screenshot("refused");
        // the refusal is the API's 404, which Chromium logs as a failed load: expected here, and the only entry
        List<String> entries = severeConsoleEntries();
        assertThat(entries).singleElement().asString().contains("status of 404");
    }

    // ---- the browser ----

    /** The console as a new visitor sees it: the key lives in sessionStorage, which another test may have filled. */
    private void openSignedOut() {
        browser.get(api.baseUrl() + "/console");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        eventually().until(() -> visible(By.id("api-key")));
    }

    private void signIn(String key) {
        openSignedOut();
        labelled("API key").sendKeys(key);
        button("Sign in").click();
        eventually().until(() -> visible(By.id("nav")));
    }

    private void visit(String link, String screenshot) {
        browser.findElement(By.linkText(link)).click();
        eventually().until(() -> text(By.cssSelector("main h1")).equals(link)
                && browser.findElements(By.cssSelector("main .muted")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("[role=alert]"))).isEmpty();
        assertThat(browser.switchTo().activeElement().getText()).as("focus moves to the new page's title")
                .isEqualTo(link);
        screenshot(screenshot);
    }

    /** The control a visible label names, as a person finds it (and as the label's {@code for} ties them). */
    private WebElement labelled(String label) {
        WebElement element = browser.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return browser.findElement(By.id(element.getAttribute("for")));
    }

    private WebElement button(String name) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + name + "']"));
    }

    private boolean visible(By locator) {
        return browser.findElements(locator).stream().anyMatch(WebElement::isDisplayed);
    }

    /** The element's text; a live update may replace the element between finding and reading it: then read anew. */
    private String text(By locator) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.findElement(locator).getText();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 3) {
                    throw replaced;
                }
            }
        }
    }

    private boolean horizontalOverflow() {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SEVERE entries of the browser's console since the last call (reading the log empties it). */
    private static List<String> severeConsoleEntries() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class);
    }
}
