package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in headless Chromium (Debian's chromium and chromedriver, which {@code .ci/run} installs),
 * against the whole platform as the launcher runs it: a person signs in, records learning through the form, and
 * sees the open dashboard change without a reload.
 */
class WebPageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    static Platform platform;
    static Client client;
    /** One browser for every test, each test in a context of its own. */
    static ChromeDriver chromium;
    static BrowserContexts contexts;
    static String firstTab;
    static int browsersStarted;

    private WebDriver browser;
    private String context;

    @BeforeAll
    static void start() {
        assertThat(CHROMIUM).as("Debian's chromium is needed: apt-get install chromium chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver is needed: apt-get install chromium-driver").exists();
        PlatformSettings settings = PlatformSettings.onFreePorts(Path.of(System.getProperty("hls.home", "../..")),
                dataDir);
        platform = Platform.start(settings);
        client = new Client(settings);
    }

    @AfterAll
    static void stop() {
        try {
            quitBrowser();
        } finally {
            if (platform != null) {
                try {
                    // After every page's reads and commands: each an exact-key lookup (found so: a pseudonym's key).
                    assertThat(platform.stack().store().scans().shapes()).as("queries that read a whole collection")
                            .isEmpty();
                } finally {
                    platform.close();
                }
            }
        }
    }

    /**
     * Each test in a browser context of its own: its own cookies, storage, service worker, cache and tabs, as a
     * browser started on a fresh profile has, none of them left by the test before. A browser that went away (a tab
     * that crashed takes ChromeDriver's session with it) is started again, so that one test's crash stays its own.
     */
    @BeforeEach
    void openBrowser() {
        if (!browserAnswers()) {
            quitBrowser();
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("browser-" + ++browsersStarted));
            chromium = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(
                    CHROMEDRIVER.toFile()).build(), options);
            firstTab = chromium.getWindowHandle();
            contexts = new BrowserContexts(chromium);
        }
        browser = chromium;
        context = contexts.create();
        newTab();
        browser.manage().window().setSize(new Dimension(1400, 1800));
    }

    @AfterEach
    void closeBrowser() {
        if (browserAnswers()) {
            contexts.dispose(context);
            chromium.switchTo().window(firstTab);
        }
    }

    private static boolean browserAnswers() {
        try {
            return chromium != null && !chromium.getWindowHandles().isEmpty();
        } catch (WebDriverException gone) {
            return false;
        }
    }

    private static void quitBrowser() {
        try {
            if (contexts != null) {
                contexts.close();
            }
            if (chromium != null) {
                chromium.quit();
            }
        } catch (WebDriverException alreadyGone) {
            // its session ended with the browser
        } finally {
            contexts = null;
            chromium = null;
        }
    }

    /** Opens a tab in this test's context and turns to it (WebDriver's new window opens in the browser's first). */
    private void newTab() {
        browser.switchTo().window(contexts.newTab(context));
    }

    @Test
    void aPractitionerRecordsLearningAndTheOpenDashboardChangesWithoutReload() throws Exception {
        String colleague = client.token("sam", "PRACTITIONER");
        client.recordLearning(colleague, "DISAPPOINTMENT");
        client.recordLearning(colleague, "REFLECTION");
        signInAs("Priya (practitioner)");
        // Her own team's dashboard: its counts as they are (outside one team every count is rounded).
        browser.get(platform.settings().queryServiceUrl() + "/?view=team");
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        waitUntil(() -> browser.findElement(By.id("small-numbers")).getText().isEmpty());
        long before = headline("Breakthroughs");
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        browser.findElement(By.id("summary")).sendKeys("Two families came back to the drop-in");
        browser.findElement(By.id("themes")).sendKeys("homelessness, drop-in");
        new Select(browser.findElement(By.id("perspective"))).selectByValue("LIVED_EXPERIENCE");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();

        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        waitUntil(() -> headline("Breakthroughs") == before + 1);
        waitUntil(() -> browser.findElement(By.id("feed")).getText()
                .contains("Two families came back to the drop-in"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage")).isEqualTo(true);
        // Found by review: the live list was rebuilt whole at each push, and a screen reader read all ten again.
        ((JavascriptExecutor) browser).executeScript("window.listedBefore = [...document.querySelectorAll('#feed li')]"
                + ".find(li => li.textContent.includes('Two families came back to the drop-in'));");
        browser.findElement(By.id("summary")).sendKeys("A third family asked about evenings");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("feed")).getText().contains("A third family asked about evenings"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.listedBefore.isConnected"))
                .as("the entry listed before is the same element, not read out again").isEqualTo(true);
        assertThat(browser.findElement(By.id("voices-table")).getAttribute("textContent"))
                .as("the second entry kept the first's choice").contains("Lived experience2");
        // Found by review: the chart's summary said "over the last N weeks" of any period, a longer one cut to 53.
        assertThat(browser.findElement(By.id("weeks-chart")).getAttribute("aria-label"))
                .containsPattern("^Learning per week, 12 weeks from \\d{4}-W\\d{2} to \\d{4}-W\\d{2}:");
        saveScreenshot("dashboard.png");
    }

    @Test
    void aPractitionerRecordsLearningWithinOneOfTheirExperiments() {
        String priya = client.token("priya", "PRACTITIONER");
        String experimentId = Client.json(client.command("/api/experiments", priya, """
                {"title":"Evening drop-in","hypothesis":"People who work come in the evening","themes":["housing"],
                 "plannedEnding":"Back to daytime only","visibility":"SYSTEM"}""", 201)).get("id").asText();
        waitUntil(() -> client.read("/api/experiments/mine", priya).toString().contains(experimentId));
        signInAs("Priya (practitioner)");

        waitUntil(() -> browser.findElement(By.id("experimentId")).getText().contains("Evening drop-in"));
        new Select(browser.findElement(By.id("experimentId"))).selectByValue(experimentId);
        // Found by review: shared without her name, her own experiment was offered and then refused (it names her).
        browser.findElement(By.id("anonymous")).click();
        assertThat(browser.findElement(By.id("experimentId")).getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#experimentId option[value='" + experimentId + "']"))
                .isEnabled()).isFalse();
        // Found by review: "Private" stayed on offer, and an entry waiting offline was refused only days later.
        assertThat(browser.findElement(By.cssSelector("#visibility option[value=PRIVATE]")).isEnabled()).isFalse();
        browser.findElement(By.id("anonymous")).click();
        assertThat(browser.findElement(By.cssSelector("#visibility option[value=PRIVATE]")).isEnabled()).isTrue();
        new Select(browser.findElement(By.id("experimentId"))).selectByValue(experimentId);
        recordAReflection("Evenings suit people in work");
        waitUntil(() -> client.read("/api/experiments/" + experimentId, priya).get("learning").toString()
                .contains("Evenings suit people in work"));
    }

    @Test
    void signingInWithoutAConnectionSaysItNeedsOne() {
        // Found by review: the page kept on a phone, opened from its home screen without a connection, did nothing at
        // all when Sign in was pressed.
        browser.get(platform.settings().queryServiceUrl() + "/");
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        offline(true);
        try {
            new Select(browser.findElement(By.id("person"))).selectByVisibleText("Lena (leader)");
            browser.findElement(By.cssSelector("#sign-in button")).click();
            waitUntil(() -> browser.findElement(By.id("connection")).getText()
                    .equals("Signing in needs a connection. Try again once you are online."));
        } finally {
            offline(false);
        }
    }

    @Test
    void aButtonsAccessibleNameHoldsTheWordsItShowsInEachLanguage() {
        // Found by review: in Welsh a button showed "Tynnu'n ôl" and was named "Tynnu \"…\" yn ôl": someone who
        // speaks to their computer says the words they see, and no button had them (WCAG 2.5.3).
        String anyone = client.token("lee", "LEADER");
        for (String language : List.of("en", "cy")) {
            JsonNode texts = client.read("/i18n/" + language + ".json", anyone);
            texts.fieldNames().forEachRemaining(key -> {
                if (key.endsWith(".label") && texts.has(key.substring(0, key.length() - ".label".length()))) {
                    String shown = texts.get(key.substring(0, key.length() - ".label".length())).asText();
                    assertThat(texts.get(key).asText()).as(language + " " + key).contains(shown);
                }
            });
        }
    }

    @Test
    void aPractitionerChoosesHerTeamsExperimentOnTheCaptureFormAndFindsItAmongHerTeams() {
        // Found when tried as a teammate would: a team's experiment could be chosen only by following a link to it.
        String title = "Texting before home visits " + System.nanoTime();
        String sam = client.token("sam", "Sam", "PRACTITIONER", "council", "housing-options");
        String experimentId = Client.json(client.command("/api/experiments", sam, """
                {"title":"%s","hypothesis":"Fewer visits find nobody in","themes":["housing"],
                 "plannedEnding":"Back to unannounced visits","visibility":"TEAM"}""".formatted(title), 201))
                .get("id").asText();
        String priya = client.token("priya", "Priya", "PRACTITIONER", "council", "housing-options");
        waitUntil(() -> client.read("/api/experiments/team", priya).toString().contains(experimentId));
        signInAs("Priya (practitioner)");

        waitUntil(() -> browser.findElement(By.id("experimentId")).getText().contains(title));
        assertThat((String) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#experimentId option[value=\"' + arguments[0] + '\"]')"
                        + ".parentElement.label", experimentId)).isEqualTo("Your team's experiments");
        new Select(browser.findElement(By.id("experimentId"))).selectByValue(experimentId);
        assertThat(new Select(browser.findElement(By.id("experimentId"))).getFirstSelectedOption().getText())
                .isEqualTo(title + " (Sam, proposed)");
        recordAReflection("Texting first found people in");
        waitUntil(() -> client.read("/api/experiments/" + experimentId, sam).get("learning").toString()
                .contains("Texting first found people in"));

        browser.findElement(By.linkText("Experiments")).click();
        waitUntil(() -> browser.findElement(By.id("team-experiments")).getText().contains(title + " (Sam, proposed)"));
        browser.findElement(By.linkText(title + " (Sam, proposed)")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-learn")).isDisplayed());
    }

    @Test
    void aFacilitatorRecordsLearningWithinAnExperimentSomeoneElseProposed() {
        // Found by review: the capture form offered only the person's own experiments, so the experiment page's
        // button left a facilitator's or a teammate's entry outside the experiment.
        String sam = client.token("sam", "Sam", "PRACTITIONER", "council", "housing-options");
        String experimentId = Client.json(client.command("/api/experiments", sam, """
                {"title":"Key worker on Saturdays","hypothesis":"People in work come at the weekend",
                 "themes":["housing"],"plannedEnding":"Weekdays only again","visibility":"SYSTEM"}""", 201))
                .get("id").asText();
        waitUntil(() -> client.read("/api/experiments/mine", sam).toString().contains(experimentId));
        signInAs("Femi (facilitator)");

        browser.get(platform.settings().queryServiceUrl() + "/#experiment/" + experimentId);
        waitUntil(() -> browser.findElement(By.id("experiment-learn")).isDisplayed());
        browser.findElement(By.id("experiment-learn")).click();
        waitUntil(() -> experimentId.equals(browser.findElement(By.id("experimentId")).getAttribute("value")));
        assertThat(new Select(browser.findElement(By.id("experimentId"))).getFirstSelectedOption().getText())
                .startsWith("Key worker on Saturdays");
        recordAReflection("Saturdays suit people in work");
        waitUntil(() -> client.read("/api/experiments/" + experimentId, sam).get("learning").toString()
                .contains("Saturdays suit people in work"));
    }

    @Test
    void aPersonRefusedOneMoreStreamIsToldWhyInsteadOfReconnecting() throws Exception {
        // Found by review: a refused stream (429) read "Reconnecting…" with no reason; and the stream a page left when
        // its filters changed stayed counted until the next keep-alive.
        signInAs("Lena (leader)");
        String lena = client.token("lena", "Lena", "LEADER", "council", "leadership");
        List<Closeable> others = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                others.add(client.openStream("/api/dashboards/system/stream", lena));
            }
            new Select(browser.findElement(By.id("view"))).selectByValue("team");
            browser.findElement(By.cssSelector("#filters button[type=submit]")).click();

            // At least 8: a stream of Lena's another test left may still be counted until its next keep-alive.
            waitUntil(() -> browser.findElement(By.id("connection")).getText()
                    .matches("Not shown: You have (8|9|1\\d) dashboards streaming already.*"));
            // Not the numbers of the view before under the heading of the one asked for.
            assertThat(browser.findElement(By.id("panels")).isDisplayed()).isFalse();
            // Found in review: each try again wrote what the page shows afresh, and screen readers read it out every
            // two seconds (the reason too, which says how many streams: another test's may be released meanwhile).
            ((JavascriptExecutor) browser).executeScript("""
                    window.rewritten = 0;
                    window.asked = 0;
                    const seen = new MutationObserver(changes => { window.rewritten += changes.length; });
                    seen.observe(document.getElementById('showing'), {childList: true, characterData: true,
                      subtree: true});
                    const ask = window.fetch;
                    window.fetch = (...args) => {
                      if (String(args[0]).includes('/stream')) {
                        window.asked++;
                      }
                      return ask(...args);
                    };""");
            // Tried again once (refused again, or let in: the stream it left is found when it is refused).
            waitUntil(() -> ((Number) ((JavascriptExecutor) browser).executeScript("return window.asked"))
                    .intValue() >= 1);
            assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return window.rewritten"))
                    .intValue()).isZero();
        } finally {
            for (Closeable other : others) {
                other.close();
            }
        }
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        waitUntil(() -> browser.findElement(By.id("headline-title")).getText().equals("Across my team (leadership)"));
    }

    @Test
    void aStreamThatFallsSilentWithoutClosingIsNotShownAsLive() throws Exception {
        // Found by review: a laptop that slept, or a route that dropped the connection, left the wall screen reading
        // "Live" over numbers that no longer changed. Here query-service stops answering without closing anything.
        signInAs("Lena (leader)");
        browser.get(platform.settings().queryServiceUrl() + "/?view=team"); // her own team's: counted as they are
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        platform.queryService().freeze(true);
        try {
            waitUntil(() -> browser.findElement(By.id("connection")).getText().equals("Reconnecting…"));
        } finally {
            platform.queryService().freeze(false);
        }

        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        long before = headline("Breakthroughs");
        client.recordLearning(client.token("sam" + System.nanoTime() % 100_000, "Sam", "PRACTITIONER", "council",
                "leadership"), "BREAKTHROUGH");
        waitUntil(() -> headline("Breakthroughs") > before);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true")).isEqualTo(
                true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAnalystTakesTheLearningAwayAsASpreadsheetOfWhatTheFiltersChoose() {
        // Found by review: exports were there for analysts, but only to someone who could get a token for curl.
        String said = "Taken away " + System.nanoTime() % 100_000 + ": ŵyr a ŷd";
        String sam = client.token("sam", "PRACTITIONER");
        client.command("/api/learning", sam, "{\"kind\":\"BREAKTHROUGH\",\"summary\":\"" + said + "\","
                + "\"themes\":[\"housing\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"SYSTEM\"}", 201);
        waitUntil(() -> client.read("/api/learning?size=100", sam).toString().contains(said));
        signInAs("Ana (analyst)");
        waitUntil(() -> browser.findElement(By.id("export")).isDisplayed());
        ((JavascriptExecutor) browser).executeScript("""
                window.exported = [];
                const make = URL.createObjectURL;
                URL.createObjectURL = file => {
                  file.arrayBuffer().then(buffer => window.exported.push(new Uint8Array(buffer)));
                  return make(file);
                };""");

        browser.findElement(By.id("export-learning")).click();

        waitUntil(() -> browser.findElement(By.id("export-status")).getText().matches("Saved learning-.*\\.csv\\."));
        waitUntil(() -> ((Number) ((JavascriptExecutor) browser).executeScript("return window.exported.length"))
                .intValue() == 1);
        assertThat((List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(window.exported[0].slice(0, 3))")).as("a byte-order mark")
                .containsExactly(0xEFL, 0xBBL, 0xBFL);
        String csv = (String) ((JavascriptExecutor) browser).executeScript(
                "return new TextDecoder().decode(window.exported[0])");
        assertThat(csv.lines().filter(line -> line.contains(said))).singleElement()
                .satisfies(line -> assertThat(line).contains("person-").doesNotContain(",sam"));

        // Found in review: the buttons came back while the file still streamed in, and a download cut half way said
        // "Preparing…" for ever. Here the service's answer breaks off after its first bytes.
        ((JavascriptExecutor) browser).executeScript("""
                window.fetchAsPerson = () => Promise.resolve(new Response(new ReadableStream({start(sent) {
                  sent.enqueue(new TextEncoder().encode('learningId,'));
                  setTimeout(() => sent.error(new Error('cut')), 1500);
                }}), {status: 200, headers: {'Content-Type': 'text/csv'}}));""");
        browser.findElement(By.id("export-learning")).click();
        assertThat(browser.findElement(By.id("export-experiments")).isEnabled()).as("one export at a time").isFalse();
        waitUntil(() -> browser.findElement(By.id("export-status")).getText().startsWith("Not exported"));
        assertThat(browser.findElement(By.id("export-learning")).isEnabled()).isTrue();
    }

    /**
     * Found in review: a leader or an analyst saw only the dashboard's latest ten entries; the feed of everything shared
     * with them, which the API offers, was nowhere in the page.
     */
    @Test
    void aLeaderReadsBackThroughEverythingSharedOnATheme() {
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String theme = "readback-" + suffix;
        // Someone of their own: 22 commands at once stay within one person's burst.
        String sam = client.token("rhys" + suffix, "PRACTITIONER");
        java.time.Instant beforeAny = java.time.Instant.now().minusSeconds(1);
        for (int i = 1; i <= 22; i++) {
            // The last with its detail, from another perspective: found in review, neither was read on the page.
            String more = i == 22 ? "\"detail\":\"Families told us at the door\",\"perspective\":\"LIVED_EXPERIENCE\""
                    : "\"perspective\":\"PRACTITIONER\"";
            client.command("/api/learning", sam, "{\"kind\":\"REFLECTION\",\"summary\":\"Read back " + i + "\","
                    + "\"themes\":[\"" + theme + "\"]," + more + ",\"visibility\":\"SYSTEM\"}", 201);
        }
        waitUntil(() -> client.read("/api/learning?size=100&theme=" + theme, sam).get("items").size() == 22);
        signInAs("Lena (leader)");
        browser.get(platform.settings().queryServiceUrl() + "/?theme=" + theme);

        waitUntil(() -> browser.findElements(By.cssSelector("#reading-list > li")).size() == 20);
        assertThat(browser.findElement(By.id("reading-list")).getText()).contains("Read back 22")
                .doesNotContain("Read back 1\n").contains("Themes: " + theme)
                .contains("Families told us at the door")
                .contains("Whose perspective: A person with lived experience.")
                .contains("Whose perspective: A practitioner.");
        browser.findElement(By.id("reading-more")).click();
        waitUntil(() -> browser.findElements(By.cssSelector("#reading-list > li")).size() == 22);
        assertThat(browser.findElement(By.id("reading-status")).getText()).isEqualTo("All 22 shown, newest first.");
        assertThat(browser.findElement(By.id("reading-more")).isDisplayed()).isFalse();

        // Found by review: the list kept the whole system's learning when the leader looked at their own team's.
        browser.get(platform.settings().queryServiceUrl() + "/?view=team&theme=" + theme);
        waitUntil(() -> browser.findElement(By.id("reading-status")).getText()
                .equals("Nothing shared with you within these choices."));
        assertThat(browser.findElements(By.cssSelector("#reading-list > li"))).isEmpty();
        // Nor, as it was known before any of them, what was recorded after.
        browser.get(platform.settings().queryServiceUrl() + "/?theme=" + theme + "&asOf=" + beforeAny);
        waitUntil(() -> browser.findElement(By.id("reading-status")).getText()
                .equals("Nothing shared with you within these choices."));
    }

    /**
     * "If something has worked, amplify and share it": found in review, a leader reading a breakthrough of their
     * organisation could share it more widely only through the API; the page offered it to authors alone.
     */
    @Test
    void aLeaderSharesABreakthroughOfTheirOrganisationMoreWidelyFromReadingBack() {
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String theme = "worked-" + suffix;
        String summary = "The evening drop-in worked " + suffix;
        client.command("/api/learning", client.token("rhys" + suffix, "Rhys", "PRACTITIONER", "council",
                "housing-options"), "{\"kind\":\"BREAKTHROUGH\",\"summary\":\"" + summary + "\",\"themes\":[\""
                + theme + "\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"ORGANISATION\"}", 201);
        String elsewhere = client.token("gwen" + suffix, "Gwen", "PRACTITIONER", "food-bank", "volunteers");
        signInAs("Lena (leader)");
        browser.get(platform.settings().queryServiceUrl() + "/?theme=" + theme);
        waitUntil(() -> !browser.findElements(By.cssSelector("#reading-list form.widen")).isEmpty());

        WebElement share = browser.findElement(By.cssSelector("#reading-list form.widen"));
        new Select(share.findElement(By.name("visibility"))).selectByValue("SYSTEM");
        share.findElement(By.cssSelector("button[type=submit]")).click();
        browser.switchTo().alert().accept();

        waitUntil(() -> browser.findElement(By.id("reading-status")).getText()
                .equals("Now shared with the whole system: " + summary));
        assertThat(browser.findElements(By.cssSelector("#reading-list form.widen"))).isEmpty();
        waitUntil(() -> client.read("/api/learning?size=100&theme=" + theme, elsewhere).toString().contains(summary));
    }

    @Test
    void otherFiltersHideTheNumbersOfTheViewBeforeUntilTheirOwnCome() {
        // Found by review: offline (or on a slow answer) the heading named the team's view while the panels still
        // showed the whole system's numbers, marked only "Reconnecting…".
        signInAs("Lena (leader)");
        assertThat(browser.findElement(By.id("panels")).isDisplayed()).isTrue();
        offline(true);
        try {
            new Select(browser.findElement(By.id("view"))).selectByValue("team");
            browser.findElement(By.cssSelector("#filters button[type=submit]")).click();

            waitUntil(() -> browser.findElement(By.id("connection")).getText().equals("Reconnecting…"));
            assertThat(browser.findElement(By.id("panels")).isDisplayed()).isFalse();
        } finally {
            offline(false);
        }
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        waitUntil(() -> browser.findElement(By.id("panels")).isDisplayed());
        assertThat(browser.findElement(By.id("headline-title")).getText()).isEqualTo("Across my team (leadership)");
    }

    @Test
    void aPageSignedInThroughTheProviderRenewsItsTokenInsteadOfSigningOut() {
        // Found by review: a wall screen's stream, ended when its token expired, was opened again with that token,
        // refused, and the page signed itself out: every hour, with nobody at the screen to sign in again.
        String lena = "lena" + System.nanoTime() % 100_000;
        signInThroughProvider(lena, "Lena", "council", "leadership", "LEADER");
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.stillTheSamePage = true;");
        assertThat(page.executeScript("return JSON.parse(sessionStorage.getItem('session')).refreshToken"))
                .isNotNull();

        // As the token expired: the stream is opened again with a token the services refuse.
        page.executeScript("""
                const kept = JSON.parse(sessionStorage.getItem('session'));
                sessionStorage.setItem('session', JSON.stringify({...kept, token: 'expired'}));
                follow();""");

        waitUntil(() -> !"expired".equals(page.executeScript(
                "return JSON.parse(sessionStorage.getItem('session') || '{}').token")));
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        assertThat(page.executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
        assertThat(browser.findElement(By.id("who")).getText()).contains("Lena");
    }

    @Test
    void aListThatCannotBeReadSaysWhyInsteadOfLookingEmpty() {
        // Found by review: a refused read (the store down, too many reads at once) showed "You are not in a set
        // yet." The service's refusal is given here by the browser, for this one read, as the service words one.
        signInAs("Femi (facilitator)");
        String notShown = "Not shown: The store cannot be reached just now: try again in a moment.";
        ((JavascriptExecutor) browser).executeScript("""
                const fetched = window.fetch;
                const refused = ['/api/sets/mine', '/api/stories/mine', '/api/cohorts'];
                window.fetch = (address, options) => refused.some(path => String(address).endsWith(path))
                  ? Promise.resolve(new Response(JSON.stringify({status: 503,
                      detail: 'The store cannot be reached just now: try again in a moment.'}),
                      {status: 503, headers: {'Content-Type': 'application/problem+json'}}))
                  : fetched(address, options);
                location.hash = '#sets';""");

        waitUntil(() -> browser.findElement(By.id("my-sets")).getText().equals(notShown));
        // Found by a second review: "You have not told a story here yet." invited telling it again, and "No cohort
        // has been formed yet." or "There is no cohort with this address." hid that none could be read.
        ((JavascriptExecutor) browser).executeScript("location.hash = '#stories'");
        waitUntil(() -> browser.findElement(By.id("my-stories")).getText().equals(notShown));
        ((JavascriptExecutor) browser).executeScript("location.hash = '#cohorts'");
        waitUntil(() -> browser.findElement(By.id("all-cohorts")).getText().equals(notShown));
        ((JavascriptExecutor) browser).executeScript("location.hash = '#cohort/c0ffee'");
        waitUntil(() -> browser.findElement(By.id("cohort-missing")).getText().equals(notShown));
    }

    @Test
    void aPractitionerSharesLearningWithoutTheirNameNobodyReadsWhoWroteItAndTheyAloneTakeItBack() {
        client.command("/api/stories", client.token("priya", "PRACTITIONER"), "{\"text\":\"Priya's own story "
                + System.nanoTime() + "\",\"visibility\":\"TEAM\",\"purposes\":[\"LEARNING\"]}", 201);
        signInAs("Priya (practitioner)");
        String summary = "I froze when the family asked about rent " + System.nanoTime();
        waitUntil(() -> !browser.findElements(By.cssSelector("#storyId optgroup[data-own]")).isEmpty());

        browser.findElement(By.id("summary")).sendKeys(summary);
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.id("anonymous")).click();
        // Found by review: a story of her own names her; the service refuses it with this. Others' stories may go.
        assertThat(browser.findElements(By.cssSelector("#storyId optgroup[data-own]"))).isNotEmpty()
                .allSatisfy(own -> assertThat(own.getAttribute("disabled")).isNotNull());
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();

        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        assertThat(browser.findElement(By.id("anonymous")).isSelected()).as("the form starts afresh").isFalse();
        waitUntil(() -> browser.findElements(By.cssSelector("#storyId optgroup[data-own][disabled]")).isEmpty());
        String leader = client.token("lena", "LEADER");
        waitUntil(() -> client.read("/api/learning?size=100", leader).toString().contains(summary));
        JsonNode item = StreamSupport.stream(client.read("/api/learning?size=100", leader).get("items")
                .spliterator(), false).filter(entry -> entry.get("summary").asText().equals(summary)).findFirst()
                .orElseThrow();
        assertThat(item.get("anonymous").asBoolean()).isTrue();
        assertThat(item.get("author").isNull()).isTrue();
        assertThat(item.toString()).doesNotContain("priya").doesNotContain("Priya");

        // Only this device knows it is hers: she takes it back from the list of what she recorded here.
        WebElement recorded = recordedEntry(summary + " (shared without your name)");
        assertAccessible("capture, with what was recorded from this device");
        recorded.findElement(By.cssSelector("input[name=reason]")).sendKeys("I said too much");
        recorded.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("recorded-status")).getText().startsWith("Taken back"));
        waitUntil(() -> !client.read("/api/learning?size=100", leader).toString().contains(summary));
        assertThat(browser.findElement(By.id("recorded-entries")).getText()).doesNotContain(summary);
    }

    @Test
    void signingOutLeavesNoWordsOfWhatWasRecordedOnTheDevice() {
        // Found by review: after signing out, a shared computer kept the words of her last 20 entries, and which of
        // them she had shared without her name, for whoever opened the browser's storage next.
        signInAs("Priya (practitioner)");
        String unnamed = "Without my name, before signing out " + System.nanoTime();
        browser.findElement(By.id("anonymous")).click();
        new Select(browser.findElement(By.id("visibility"))).selectByValue("TEAM");
        recordAReflection(unnamed);
        String named = "Under my name, before signing out " + System.nanoTime();
        recordAReflection(named);
        JavascriptExecutor page = (JavascriptExecutor) browser;
        waitUntil(() -> String.valueOf(page.executeScript("return localStorage.getItem('recorded:priya')"))
                .contains(named));

        browser.findElement(By.id("sign-out")).click();
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());

        String kept = String.valueOf(page.executeScript("return localStorage.getItem('recorded:priya')"));
        assertThat(kept).doesNotContain(unnamed).doesNotContain(named).contains("\"anonymous\":true");
        signInAs("Priya (practitioner)");
        waitUntil(() -> browser.findElement(By.id("recorded-entries")).getText()
                .contains("Shared without your name on"));
    }

    @Test
    void consentWithdrawnOnAnotherDeviceTakesTheirWordsOffThisOne() {
        // Found by review: withdrawn on her phone, the laptop still showed (and kept) the words she had recorded there.
        String sub = "wren" + System.nanoTime() % 100_000;
        signInThroughProvider(sub, "Wren", "council", "housing-options", "PRACTITIONER");
        waitUntil(() -> browser.findElement(By.id("capture-form")).isDisplayed());
        String said = "Recorded on the laptop " + System.nanoTime();
        recordAReflection(said);
        waitUntil(() -> browser.findElement(By.id("recorded-entries")).getText().contains(said));

        client.command("/api/people/me/consent-withdrawal",
                client.token(sub, "Wren", "PRACTITIONER", "council", "housing-options"), "{}", 200);
        browser.navigate().refresh();

        waitUntil(() -> ((JavascriptExecutor) browser).executeScript("return localStorage.getItem('recorded:" + sub
                + "')") == null);
        waitUntil(() -> !browser.findElement(By.id("recorded-entries")).getText().contains(said));
    }

    @Test
    void aPractitionerFindsOnThisDeviceWhatSheRecordedOnAnotherAndTakesItBack() {
        // Found when tried on a second device: only the device an entry was recorded on offered to widen or take it
        // back, so a reflection written on a phone could not be taken back from the office laptop.
        String phone = client.token("priya", "Priya", "PRACTITIONER", "council", "housing-options");
        String onThePhone = "Written on the bus after the visit " + System.nanoTime();
        String learningId = Client.json(client.command("/api/learning", phone, """
                {"kind":"REFLECTION","summary":"%s","themes":[],"perspective":"PRACTITIONER","visibility":"TEAM"}"""
                .formatted(onThePhone), 201)).get("id").asText();
        String mate = client.token("sam", "Sam", "PRACTITIONER", "council", "housing-options");
        waitUntil(() -> client.read("/api/learning?size=100", mate).toString().contains(onThePhone));

        signInAs("Priya (practitioner)");
        waitUntil(() -> browser.findElement(By.id("recorded-entries")).getText().contains(onThePhone));
        assertThat(browser.findElement(By.id("recorded-title")).getText()).isEqualTo("Your learning");
        WebElement entry = recordedEntry(onThePhone);
        assertThat(new Select(entry.findElement(By.cssSelector("form.widen select"))).getOptions())
                .extracting(WebElement::getText).as("her team has it already").doesNotContain("My team");
        entry.findElement(By.cssSelector("form.take-back input[name=reason]")).sendKeys("Not fair on the family");
        entry.findElement(By.cssSelector("form.take-back button[type=submit]")).click();

        waitUntil(() -> browser.findElement(By.id("recorded-status")).getText().equals("Taken back: " + onThePhone));
        assertThat(browser.findElement(By.id("recorded-entries")).getText()).doesNotContain(onThePhone);
        waitUntil(() -> !client.read("/api/learning?size=100", mate).toString().contains(learningId));

        // Found by review: what this device recorded and another took back came back here, to be refused.
        String here = "Recorded here, taken back on the phone " + System.nanoTime();
        recordAReflection(here);
        waitUntil(() -> browser.findElement(By.id("recorded-entries")).getText().contains(here));
        String hereId = (String) ((JavascriptExecutor) browser).executeScript(
                "return JSON.parse(localStorage.getItem('recorded:priya')).find(e => e.summary === arguments[0]).id",
                here);
        waitUntil(() -> client.read("/api/learning?size=100", mate).toString().contains(hereId));
        String shownAgain = "document.dispatchEvent(new Event('visibilitychange'))"; // back to the page left open
        waitUntil(() -> {
            JavascriptExecutor page = (JavascriptExecutor) browser;
            page.executeScript(shownAgain);
            return Boolean.TRUE.equals(page.executeScript("return JSON.parse(localStorage.getItem('recorded:priya'))"
                    + ".some(e => e.id === arguments[0] && e.listed)", hereId));
        });
        client.command("/api/learning/" + hereId + "/retraction", phone, "{\"reason\":\"Not mine to tell\"}", 200);
        waitUntil(() -> !client.read("/api/learning?size=100", mate).toString().contains(hereId));
        ((JavascriptExecutor) browser).executeScript(shownAgain);
        waitUntil(() -> !browser.findElement(By.id("recorded-entries")).getText().contains(here));
    }

    @Test
    void whatAPersonWasWritingWhenTheirSignInExpiredIsBackOnceTheySignInAgain() {
        // Found by review: an expired sign-in loaded the page afresh, and what was being typed was gone.
        signInAs("Priya (practitioner)");
        browser.findElement(By.id("summary")).sendKeys("Half-way through a thought");
        ((JavascriptExecutor) browser).executeScript("signOut('connection.expired')"); // as a refused stream does

        signInAs("Priya (practitioner)");

        waitUntil(() -> browser.findElement(By.id("summary")).getAttribute("value").equals("Half-way through a thought"));
        assertThat(browser.findElement(By.id("capture-status")).getText()).startsWith("What you were writing");
        ((JavascriptExecutor) browser).executeScript("signOut('connection.expired')");
        signInAs("Femi (facilitator)");
        assertThat(browser.findElement(By.id("summary")).getAttribute("value")).as("never for anyone else").isEmpty();
    }

    @Test
    void aPractitionerSharesAnEntryMoreWidelyAndPeopleElsewhereReadIt() {
        // Found by review: learning could be widened ("if something has worked, amplify and share it") only through
        // the API.
        String summary = "A cooking night kept people talking " + System.nanoTime() % 100_000;
        String elsewhere = client.token("gwen", "Gwen", "PRACTITIONER", "food-bank", "volunteers");
        signInAs("Priya (practitioner)");
        browser.findElement(By.id("summary")).sendKeys(summary);
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("TEAM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("recorded-entries")).getText().contains(summary));

        WebElement widen = recordedEntry(summary).findElement(By.cssSelector("form.widen"));
        assertThat(widen.findElement(By.name("visibility")).getText()).doesNotContain("Only me", "My team");
        new Select(widen.findElement(By.name("visibility"))).selectByValue("SYSTEM");
        widen.findElement(By.cssSelector("button[type=submit]")).click();
        // Found walking through as a person new to such pages: one tap shared it wider for good, unsaid.
        org.openqa.selenium.Alert asked = browser.switchTo().alert();
        assertThat(asked.getText()).isEqualTo("Share it more widely, with “The whole system”? Once shared, it cannot "
                + "be narrowed again: only taken back.");
        asked.dismiss();
        assertThat(browser.findElement(By.id("recorded-status")).getText()).as("nothing sent").isEmpty();
        widen.findElement(By.cssSelector("button[type=submit]")).click();
        browser.switchTo().alert().accept();

        waitUntil(() -> browser.findElement(By.id("recorded-status")).getText()
                .equals("Now shared with the whole system: " + summary));
        waitUntil(() -> client.read("/api/learning?size=100", elsewhere).toString().contains(summary));
        assertThat(recordedEntry(summary).findElements(By.cssSelector("form.widen"))).isEmpty();
    }

    /**
     * "A correction or a retraction is a new event; the history of how understanding changed is the point": found in
     * review, an entry could only be taken back, its words gone with it.
     */
    @Test
    void aPractitionerSaysAnEntryAnewAndReadersSeeWhenAndWhy() {
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String theme = "anew-" + suffix;
        String first = "Nobody came to the drop-in " + suffix;
        String anew = "Nobody came before seven; three came after " + suffix;
        signInAs("Priya (practitioner)");
        browser.findElement(By.id("summary")).sendKeys(first);
        browser.findElement(By.id("themes")).sendKeys(theme);
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        // Offered once the services list it: what only this device kept may lack its detail.
        waitUntil(() -> browser.findElements(By.cssSelector("#recorded-entries > li")).stream()
                .anyMatch(entry -> entry.getText().startsWith(first)
                        && !entry.findElements(By.cssSelector("details form.correct")).isEmpty()));

        WebElement entry = recordedEntry(first);
        entry.findElement(By.cssSelector("details > summary")).click();
        WebElement correct = entry.findElement(By.cssSelector("form.correct"));
        assertThat(correct.findElement(By.name("summary")).getAttribute("value")).isEqualTo(first);
        correct.findElement(By.name("summary")).clear();
        correct.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(() -> correct.findElement(By.name("summary")).getAttribute("aria-invalid") != null);
        correct.findElement(By.name("summary")).sendKeys(anew);
        correct.findElement(By.name("reason")).sendKeys("They came after work");
        correct.findElement(By.cssSelector("button[type=submit]")).click();

        waitUntil(() -> browser.findElement(By.id("recorded-status")).getText()
                .equals("Corrected: " + anew + ". What it said before stays in its history."));
        assertThat(browser.findElement(By.id("recorded-entries")).getText()).contains(anew).doesNotContain(first);
        browser.findElement(By.id("sign-out")).click();
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        signInAs("Lena (leader)");
        browser.get(platform.settings().queryServiceUrl() + "/?theme=" + theme);
        waitUntil(() -> browser.findElement(By.id("reading-list")).getText().contains("Said anew by its author on"));
        assertThat(browser.findElement(By.id("reading-list")).getText()).contains(anew)
                .contains(": They came after work").doesNotContain(first);
    }

    @Test
    void filtersAreInTheAddressSoALinkSharesExactlyThatView() {
        String colleague = client.token("sam", "PRACTITIONER");
        client.recordLearning(colleague, "BREAKTHROUGH");
        signInAs("Lena (leader)");

        browser.findElement(By.id("filter-theme")).sendKeys("Housing");
        browser.findElement(By.id("filter-place")).sendKeys("fife");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();

        waitUntil(() -> browser.getCurrentUrl().contains("theme=Housing")
                && browser.getCurrentUrl().contains("place=fife"));
        waitUntil(() -> browser.findElement(By.id("showing")).getText().contains("theme Housing"));
        long filtered = client.read("/api/dashboards/system?theme=housing&place=fife", colleague).get("totals")
                .get("breakthroughs").asLong();
        waitUntil(() -> headline("Breakthroughs") == filtered);
        String link = browser.getCurrentUrl();

        browser.get(platform.settings().queryServiceUrl() + "/");
        waitUntil(() -> browser.findElement(By.id("showing")).getText().startsWith("All of it"));
        browser.get(link);
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        assertThat(browser.findElement(By.id("filter-theme")).getAttribute("value")).isEqualTo("Housing");
        waitUntil(() -> browser.findElement(By.id("showing")).getText().contains("theme Housing"));
        waitUntil(() -> headline("Breakthroughs") == filtered);

        new Select(browser.findElement(By.id("view"))).selectByValue("team");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("headline-title")).getText().equals("Across my team (leadership)"));
        assertThat(browser.getCurrentUrl()).contains("view=team");
    }

    @Test
    void aFilterTheDashboardCannotUseIsNamedNextToIt() {
        signInAs("Lena (leader)");

        browser.get(platform.settings().queryServiceUrl() + "/?from=2026-12-01&to=2026-11-01");

        WebElement error = browser.findElement(By.id("filter-from-error"));
        waitUntil(error::isDisplayed);
        assertThat(error.getText()).startsWith("From").contains("must not be after the end date (to)");
        assertThat(browser.findElement(By.id("filter-from")).getAttribute("aria-invalid")).isEqualTo("true");
        // Found by the walk-through in Welsh: the line said "from must not be…", the API's name for the field.
        assertThat(browser.findElement(By.id("connection")).getText()).contains("Not shown: From must not be after")
                .doesNotContain("from must");
    }

    @Test
    void signsInThroughTheOidcProviderWithCodeAndPkceAndComesBackToTheSameView() {
        browser.get(platform.settings().queryServiceUrl() + "/?theme=housing");
        waitUntil(() -> browser.findElement(By.id("oidc-sign-in")).isDisplayed());

        browser.findElement(By.id("oidc-sign-in")).click();
        waitUntil(() -> browser.getCurrentUrl().startsWith(platform.settings().issuerUrl() + "/authorize?"));
        assertThat(browser.getCurrentUrl()).contains("code_challenge_method=S256").contains("response_type=code");
        signInAtTheProvider("olu", "Olu", "council", "board", "LEADER");

        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as Olu");
        assertThat(browser.getCurrentUrl()).endsWith("/?theme=housing");
        waitUntil(() -> browser.findElement(By.id("showing")).getText().contains("theme housing"));
    }

    @Test
    void eachPersonsPageShowsOnlyTheLearningTheyMayRead() {
        String colleague = client.token("sam", "PRACTITIONER");
        String shared = "Shared with everyone " + System.nanoTime();
        String teamOnly = "Only for team-1 of org-a " + System.nanoTime();
        client.command("/api/learning", colleague, "{\"kind\":\"REFLECTION\",\"summary\":\"" + teamOnly
                + "\",\"themes\":[\"housing\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}", 201);
        client.command("/api/learning", colleague, "{\"kind\":\"REFLECTION\",\"summary\":\"" + shared
                + "\",\"themes\":[\"housing\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"SYSTEM\"}", 201);
        // Its own team's dashboard lists it: every dashboard has counted it before anyone else looks.
        waitUntil(() -> client.read("/api/dashboards/organisations/org-a/teams/team-1", colleague).toString()
                .contains(teamOnly));

        for (String person : List.of("Lena (leader)", "Ana (analyst)", "Adam (administrator)")) {
            browser.get(platform.settings().queryServiceUrl() + "/");
            ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
            signInAs(person);
            waitUntil(() -> browser.findElement(By.id("feed")).getText().contains(shared));
            if (person.startsWith("Adam")) {
                // Found in review: the operator was pointed at "the operator's tools", named nowhere.
                assertThat(browser.findElement(By.id("welcome")).getText()).contains("/actuator/health")
                        .contains("/api/admin/projections").contains("RebuildCommand");
            }
            for (String view : List.of("system", "organisation", "team")) {
                browser.get(platform.settings().queryServiceUrl() + "/?view=" + view);
                waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
                waitUntil(() -> !browser.findElements(By.cssSelector("#headline li")).isEmpty());
                assertThat(browser.getPageSource()).as(person + " on " + view).doesNotContain(teamOnly);
            }
        }
    }

    @Test
    void anAnalystSeesHowPracticeChangedTheDashboardAsItWasKnownAndTwoPeriodsSideBySide() throws Exception {
        // Someone of Ana's own team records: she reads its counts as they are (outside it they are rounded).
        String colleague = client.token("ines", "Ines", "PRACTITIONER", "health-board", "insight");
        String team = "/api/dashboards/organisations/health-board/teams/insight";
        client.recordLearning(colleague, "BREAKTHROUGH");
        waitUntil(() -> client.read(team, colleague).get("totals").get("breakthroughs").asLong() > 0);
        String then = client.read(team, colleague).get("asOf").asText();
        long breakthroughsThen = client.read(team + "?asOf=" + then, colleague).get("totals")
                .get("breakthroughs").asLong();
        waitUntil(() -> java.time.Instant.now().toEpochMilli() > java.time.Instant.parse(then).toEpochMilli());
        client.recordLearning(colleague, "BREAKTHROUGH");
        waitUntil(() -> client.read(team, colleague).get("totals").get("breakthroughs").asLong()
                > breakthroughsThen);
        signInAs("Ana (analyst)");

        waitUntil(() -> browser.findElement(By.id("practice")).isDisplayed());
        waitUntil(() -> browser.findElement(By.id("practice-learning-table")).getAttribute("textContent")
                .contains(java.time.YearMonth.now().toString()));
        assertThat(browser.findElement(By.id("practice-voices-chart")).getAttribute("aria-label"))
                .contains("lived experience");
        // Found by review: the themes each period's learning was on were read, and not shown.
        String analyst = client.token("ana", "Ana", "ANALYST", "health-board", "insight");
        JsonNode periods = client.read("/api/analytics/practice-change?bucket=month", analyst).get("buckets");
        String mostRecorded = periods.get(periods.size() - 1).get("themes").get(0).get("theme").asText();
        waitUntil(() -> browser.findElement(By.cssSelector("#practice-themes-table thead")).getAttribute("textContent")
                .contains(mostRecorded));
        assertThat(browser.findElement(By.id("practice-themes-chart")).getAttribute("aria-label"))
                .contains("on the themes most recorded: " + mostRecorded);
        // Found in review: a month the days asked for cut short read as a whole one, as if practice had dropped.
        String twentieth = java.time.LocalDate.now().minusMonths(1).withDayOfMonth(20).toString();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('filter-from').value = arguments[0]",
                twentieth);
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("practice-learning-table")).getAttribute("textContent")
                .contains(java.time.YearMonth.now().minusMonths(1) + " (20 "));
        assertThat(browser.findElement(By.cssSelector("#practice-learning-table tbody tr td"))
                .getAttribute("textContent")).endsWith("only)");
        // And the dashboard's weeks: the first one counted from the 20th is a part week, unless the 20th is a Monday.
        java.time.LocalDate day = java.time.LocalDate.parse(twentieth);
        String weekOfTheTwentieth = String.format("%d-W%02d", day.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        waitUntil(() -> browser.findElement(By.cssSelector("#weeks-table tbody tr td")).getAttribute("textContent")
                .startsWith(weekOfTheTwentieth));
        assertThat(browser.findElement(By.cssSelector("#weeks-table tbody tr td")).getAttribute("textContent")
                .endsWith("only)")).isEqualTo(day.getDayOfWeek() != java.time.DayOfWeek.MONDAY);

        // Found by review: a refused analysis left the charts and tables of the filters before under the new ones.
        ((JavascriptExecutor) browser).executeScript("""
                document.getElementById('filter-from').value = '2026-12-02';
                document.getElementById('filter-to').value = '2026-12-01';""");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("practice-status")).getText().startsWith("Not shown"));
        assertThat(browser.findElement(By.id("practice-charts")).isDisplayed()).isFalse();

        browser.get(platform.settings().queryServiceUrl() + "/?view=team&asOf=" + then);
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("As it was known on"));
        waitUntil(() -> headline("Breakthroughs") == breakthroughsThen);
        assertThat(browser.findElement(By.id("filter-asOf")).getAttribute("value")).isNotEmpty();

        // Found by the walk-through in Welsh: an empty period was refused in the browser's own words and language.
        browser.findElement(By.cssSelector("#compare-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("compare-a-from-error")).isDisplayed());
        assertThat(browser.findElement(By.id("compare-a-from-error")).getText()).endsWith("must not be blank");
        assertThat(browser.findElement(By.id("compare-status")).getText())
                .isEqualTo("Not compared: each period needs its first and last day.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("compare-a-from");

        // Found in review: a period refused by the service was not named, nor its field marked.
        ((JavascriptExecutor) browser).executeScript(
                "for (const [id, value] of Object.entries(arguments[0])) document.getElementById(id).value = value;",
                java.util.Map.of("compare-a-from", "2020-01-01", "compare-a-to", "2020-12-31",
                        "compare-b-from", "2020-12-31", "compare-b-to", "2020-01-01"));
        browser.findElement(By.cssSelector("#compare-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("compare-b-from-error")).isDisplayed());
        assertThat(browser.findElement(By.id("compare-status")).getText()).contains("Second period from");
        assertThat(browser.findElement(By.id("compare-b-from")).getAttribute("aria-invalid")).isEqualTo("true");

        String today = java.time.LocalDate.now().toString();
        ((JavascriptExecutor) browser).executeScript(
                "for (const [id, value] of Object.entries(arguments[0])) document.getElementById(id).value = value;",
                java.util.Map.of("compare-a-from", "2020-01-01", "compare-a-to", "2020-12-31",
                        "compare-b-from", "2020-01-01", "compare-b-to", today));
        browser.findElement(By.cssSelector("#compare-form button[type=submit]")).click();
        // Found by review: the periods were compared as known then, and only "Compared." said so.
        waitUntil(() -> browser.findElement(By.id("compare-status")).getText()
                .startsWith("Compared, each period as it was known on"));
        String compared = "Breakthroughs 0 " + breakthroughsThen + " +" + breakthroughsThen;
        assertThat(browser.findElement(By.id("compare-table")).getText()).contains(compared);
        saveScreenshot("analyst.png");

        // Found by review: a failed read of the dashboard as known then left the numbers shown before on screen,
        // and each try again (as each reconnection of a live one) cleared the comparison.
        ((JavascriptExecutor) browser).executeScript("""
                window.realFetch = window.fetch;
                window.fetch = (address, options) => String(address).includes('/api/dashboards/')
                  ? Promise.resolve(new Response('', {status: 502})) : window.realFetch(address, options);
                follow();""");
        assertThat(browser.findElement(By.id("compare-table")).getText()).contains(compared);
        waitUntil(() -> browser.findElement(By.id("connection")).getText()
                .startsWith("Not shown: the dashboard as it was known then could not be read"));
        assertThat(browser.findElement(By.id("panels")).isDisplayed()).isFalse();
        ((JavascriptExecutor) browser).executeScript("window.fetch = window.realFetch;");
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("As it was known on"));
        assertThat(browser.findElement(By.id("panels")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("compare-table")).getText()).contains(compared);
    }

    @Test
    void aRefusedFieldIsNamedNextToIt() {
        signInAs("Priya (practitioner)");
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");

        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();

        WebElement error = browser.findElement(By.id("summary-error"));
        waitUntil(error::isDisplayed);
        assertThat(error.getText()).contains("What happened");
        assertThat(browser.findElement(By.id("summary")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("capture-status")).getText()).startsWith("Not recorded");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEntryWhoseAnswerWasLostIsRecordedOnceWhenSentAgain() {
        signInAs("Priya (practitioner)");
        String summary = "The signal dropped at the drop-in " + System.nanoTime();
        // As a connection that drops does: the first entry arrives, its answer does not. Every answer is kept.
        ((JavascriptExecutor) browser).executeScript("""
                const send = window.realFetch = window.fetch;
                window.answers = [];
                window.fetch = async (url, options) => {
                  const answer = await send(url, options);
                  if (!String(url).endsWith('/api/learning')) return answer;
                  window.answers.push(await answer.clone().json());
                  if (window.answers.length === 1) throw new TypeError('Failed to fetch');
                  return answer;
                };""");

        browser.findElement(By.id("summary")).sendKeys(summary);
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        // Found by review: what the person typed stayed only in the form, lost with the tab if they closed it.
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText()
                .startsWith("The connection dropped before an answer: it waits on this device"));
        assertThat(browser.findElement(By.id("waiting-entries")).getText()).isEqualTo("Waiting to be sent: " + summary);
        ((JavascriptExecutor) browser).executeScript("window.dispatchEvent(new Event('online'))");

        waitUntil(() -> browser.findElement(By.id("capture-status")).getText()
                .equals("The connection is back: sent 1 entry that waited on this device."));
        List<Object> answers = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return window.answers.map(answer => answer.id)");
        assertThat(answers).as("the retry is answered with the first try's entry, not a new one").hasSize(2)
                .doesNotContainNull().containsOnly(answers.get(0));
        // Found by review: an entry sent from the device could not be taken back from the page.
        assertThat(browser.findElement(By.id("recorded-entries")).getText()).contains(summary);

        // Found by review: "still being answered" (409) threw the key away, and the next try recorded it twice.
        String again = "Asked twice while the first was answered " + System.nanoTime();
        ((JavascriptExecutor) browser).executeScript("""
                window.keys = [];
                window.fetch = (url, options) => {
                  if (!String(url).endsWith('/api/learning')) return window.realFetch(url, options);
                  window.keys.push(options.headers['Idempotency-Key']);
                  return window.keys.length > 1 ? window.realFetch(url, options) : Promise.resolve(new Response(
                      JSON.stringify({status: 409, detail: 'Your first try is still being answered.'}),
                      {status: 409, headers: {'Content-Type': 'application/problem+json', 'Retry-After': '1'}}));
                };""");
        browser.findElement(By.id("summary")).sendKeys(again);
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().contains("still being answered"));
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        List<Object> keys = (List<Object>) ((JavascriptExecutor) browser).executeScript("return window.keys");
        assertThat(keys).hasSize(2).containsOnly(keys.get(0));
    }

    @Test
    void aLeaderSeesAWarningWhenOnePerspectiveDominatesOrIsMissing() {
        // In Lena's own team, whose counts she reads as they are.
        String practitioner = client.token("pat", "Pat", "PRACTITIONER", "council", "leadership");
        client.recordLearning(practitioner, "DISAPPOINTMENT");
        signInAs("Lena (leader)");
        browser.get(platform.settings().queryServiceUrl() + "/?view=team");

        waitUntil(() -> browser.findElement(By.id("voices-warning")).getText().contains("Not heard yet"));
        assertThat(browser.findElement(By.id("voices-warning")).getText()).contains("more than half");
    }

    @Test
    void aLeaderIsWarnedOfOneVoiceOverHalfOnTheWholeSystemsViewWhereSmallVoicesAreHeldBack() {
        // Found by review: on every view but one's own team (where the small voices read "fewer than 3"), a voice
        // giving nearly all the learning was never said to dominate.
        String theme = "loud" + System.nanoTime() % 100_000;
        String practitioner = client.token("pat" + theme, "Pat", "PRACTITIONER", "council", "housing-options");
        for (int entry = 0; entry < 12; entry++) {
            client.command("/api/learning", practitioner, "{\"kind\":\"REFLECTION\",\"summary\":\"Seen " + entry
                    + "\",\"themes\":[\"" + theme + "\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"SYSTEM\"}",
                    201);
        }
        signInAs("Lena (leader)");

        browser.get(platform.settings().queryServiceUrl() + "/?theme=" + theme);

        waitUntil(() -> browser.findElement(By.id("voices-warning")).getText()
                .contains("Practitioners give more than half of the learning counted here (100%)"));
        assertThat(browser.findElement(By.id("voices-warning")).getText()).contains("Hardly heard:")
                .doesNotContain("Not heard yet");
    }

    @Test
    void aTeamsSmallCountsReadFromOutsideItSayFewerThanThreeAndWhy() {
        String theme = "rare" + System.nanoTime() % 100_000;
        String colleague = client.token("sam", "PRACTITIONER");
        client.command("/api/learning", colleague, "{\"kind\":\"BREAKTHROUGH\",\"summary\":\"Only one of these\","
                + "\"themes\":[\"" + theme + "\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"SYSTEM\"}", 201);
        waitUntil(() -> client.read("/api/dashboards/organisations/org-a/teams/team-1?theme=" + theme, colleague)
                .get("totals").get("breakthroughs").asLong() == 1);
        signInAs("Lena (leader)");

        browser.get(platform.settings().queryServiceUrl() + "/?team=team-1&theme=" + theme);
        waitUntil(() -> browser.findElement(By.id("small-numbers")).isDisplayed());
        assertThat(browser.findElement(By.id("small-numbers")).getText())
                .contains("may read \"fewer than 3\"").contains("nearest 5");
        // The one breakthrough reads "fewer than 3" or 5, as its record draws; none reads "fewer than 3" always.
        waitUntil(() -> List.of("fewer than 3", "5").contains(headlineText("Breakthroughs")));
        assertThat(headlineText("Disappointments")).isEqualTo("fewer than 3");
        // Found under the control: an outcome held back read 0, and a perspective held back read as none, so the
        // page warned of nothing.
        assertThat(browser.findElement(By.id("outcomes-table")).getAttribute("textContent")).contains("fewer than 3")
                .doesNotContain("0");
        assertThat(browser.findElement(By.id("voices-warning")).getText()).contains("Hardly heard:")
                .contains("Lived experience").contains("(fewer than 3 each)");
        // Found in review: sums, shares of the voices and the follow-through rate read held-back figures as 0.
        assertThat(browser.findElement(By.id("weeks-chart")).getAttribute("aria-label"))
                .contains("besides those held back");
        waitUntil(() -> browser.findElement(By.id("practice-voices-table")).getAttribute("textContent")
                .contains("–"));
        assertThat(browser.findElement(By.id("practice-learning-chart")).getAttribute("aria-label"))
                .contains("besides those held back");
        // Found in review: a share held back was read out as "–%", and the sums as "12, besides those held back
        // breakthroughs".
        assertThat(browser.findElement(By.id("practice-voices-chart")).getAttribute("aria-label"))
                .contains("lived experience held back in").doesNotContain("–%");
        assertThat(browser.findElement(By.id("practice-learning-chart")).getAttribute("aria-label"))
                .doesNotContain("held back breakthroughs");
        // Every period's share of each voice is a dash (a guess while one is held back), and so is its follow-through.
        assertThat(browser.findElements(By.cssSelector("#practice-voices-table tbody td:not(:first-child)")))
                .isNotEmpty().allSatisfy(share -> assertThat(share.getAttribute("textContent")).isEqualTo("–"));
        assertThat(browser.findElements(By.cssSelector("#practice-follow-table tbody td:nth-child(5)")))
                .isNotEmpty().allSatisfy(rate -> assertThat(rate.getAttribute("textContent")).isEqualTo("–"));
        // Found in review: a median held back read as an empty cell, unlike every other figure held back.
        assertThat(browser.findElements(By.cssSelector("#practice-follow-table tbody td:nth-child(n+6)")))
                .isNotEmpty().allSatisfy(days -> assertThat(days.getAttribute("textContent")).isNotEmpty());

        // Found when comparing two periods under the control: a held-back figure read as nothing, its change as 0.
        ((JavascriptExecutor) browser).executeScript(
                "for (const [id, value] of Object.entries(arguments[0])) document.getElementById(id).value = value;",
                java.util.Map.of("compare-a-from", "2020-01-01", "compare-a-to", "2020-12-31",
                        "compare-b-from", "2020-01-01", "compare-b-to", java.time.LocalDate.now().toString()));
        browser.findElement(By.cssSelector("#compare-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("compare-status")).getText().equals("Compared."));
        assertThat(browser.findElement(By.id("compare-table")).getText())
                .contains("Disappointments fewer than 3 fewer than 3");
    }

    @Test
    void thePageMeetsWcagAaBasicsAsAxeChecksThem() {
        String colleague = client.token("sam", "PRACTITIONER");
        String experimentId = Client.json(client.command("/api/experiments", colleague, """
                {"title":"Text back within the hour","hypothesis":"Fewer missed visits","themes":["housing"],
                 "plannedEnding":"Back to letters, with a call to each family","visibility":"SYSTEM"}""", 201))
                .get("id").asText();
        client.command("/api/experiments/" + experimentId + "/start", colleague, "{}", 200);
        String lena = client.token("lena", "LEADER");
        String setId = Client.json(client.command("/api/sets", lena,
                "{\"name\":\"Leaders\",\"facilitator\":\"lena\",\"members\":[\"ann\",\"bea\",\"cy\"]}", 201))
                .get("id").asText();
        client.command("/api/sets/" + setId + "/sessions", lena, "{}", 201);
        signInAs("Lena (leader)");
        waitUntil(() -> !browser.findElement(By.id("practice-learning-table")).getAttribute("textContent").isEmpty());
        browser.findElements(By.tagName("details")).forEach(details -> details.findElement(By.tagName("summary"))
                .click());
        assertAccessible("the dashboard");

        browser.get(platform.settings().queryServiceUrl() + "/#experiments");
        waitUntil(() -> browser.findElement(By.id("my-experiments")).getText().contains("not proposed"));
        assertAccessible("the experiments");

        browser.get(platform.settings().queryServiceUrl() + "/#experiment/" + experimentId);
        waitUntil(() -> browser.findElement(By.id("experiment-timeline")).getText().contains("Started"));
        assertAccessible("an experiment");

        browser.get(platform.settings().queryServiceUrl() + "/#sets");
        waitUntil(() -> browser.findElement(By.id("my-sets")).getText().contains("Leaders"));
        assertAccessible("action learning");

        browser.get(platform.settings().queryServiceUrl() + "/#session/" + setId + "/1");
        waitUntil(() -> browser.findElement(By.id("present-form")).isDisplayed());
        assertAccessible("a session");

        for (String view : List.of("stories", "cohorts", "exchange", "me")) {
            browser.get(platform.settings().queryServiceUrl() + "/#" + view);
            waitUntil(() -> browser.findElement(By.id(view + "-view")).isDisplayed());
            assertAccessible("#" + view);
        }
    }

    /**
     * The page in Welsh when its address asks for it, through the sign-in and back: its own words from its Welsh
     * texts, a refusal the command-service words in Welsh, axe clean; its switch opens the same view in English.
     */
    @Test
    void aPersonRunsAnExperimentInWelshAndTheSwitchOpensTheSameViewInEnglish() throws Exception {
        browser.get(platform.settings().queryServiceUrl() + "/?lang=cy#experiments");
        waitUntil(() -> browser.findElement(By.id("oidc-sign-in")).isDisplayed());
        assertThat(pageLanguage()).isEqualTo("cy");
        assertThat(browser.findElement(By.id("oidc-sign-in")).getText())
                .isEqualTo("Mewngofnodi gyda chyfrif eich sefydliad");
        WebElement toEnglish = browser.findElement(By.id("language-switch"));
        assertThat(toEnglish.getText()).isEqualTo("English");
        assertThat(toEnglish.getAttribute("lang")).isEqualTo("en");
        browser.findElement(By.id("oidc-sign-in")).click();
        waitUntil(() -> browser.getCurrentUrl().startsWith(platform.settings().issuerUrl() + "/authorize?"));
        submitAtTheProvider("rhiannon", "Rhiannon", "council", "housing-options", "PRACTITIONER");

        waitUntil(() -> browser.findElement(By.id("connection")).getText()
                .equals("Byw: mae'r dangosfwrdd yn diweddaru wrth i ddysgu gael ei gofnodi."));
        waitUntil(() -> browser.findElement(By.id("experiments-view")).isDisplayed());
        assertThat(pageLanguage()).isEqualTo("cy");
        assertThat(browser.getCurrentUrl()).contains("lang=cy").endsWith("#experiments");
        assertThat(browser.getTitle()).isEqualTo("Arbrofion: Dysgu gyda'n gilydd");
        assertThat(browser.findElement(By.linkText("Cyfnewidfa ddysgu")).isDisplayed()).isTrue();
        // Found by review: words taken back read "[withdrawn]" or "[retracted]", in English, in a Welsh page.
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return inPageLanguage({recent: [{summary: '[retracted]', author: '[withdrawn]'}]}).recent[0]"))
                .isEqualTo(java.util.Map.of("summary", "[wedi'i dynnu'n ôl]", "author", "[caniatâd wedi'i dynnu'n ôl]"));

        browser.findElement(By.cssSelector("#propose-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("propose-title-error")).isDisplayed());
        assertThat(browser.findElement(By.id("propose-title-error")).getText())
                .isEqualTo("Teitl: ni chaiff fod yn wag");
        assertThat(browser.findElement(By.id("propose-status")).getText()).startsWith("Heb ei gofnodi")
                .as("fields named as the page names them, not as the API does").contains("Teitl: ni chaiff fod yn wag")
                .doesNotContain("title").doesNotContain("plannedEnding");

        String title = "Galw heibio gyda'r nos " + System.nanoTime();
        browser.findElement(By.id("propose-title")).sendKeys(title);
        browser.findElement(By.id("propose-hypothesis")).sendKeys("Mae pobl sy'n gweithio yn dod gyda'r nos");
        browser.findElement(By.id("propose-themes")).sendKeys("tai, gyda'r nos");
        browser.findElement(By.id("propose-plannedEnding")).sendKeys("Dweud wrth bawb a ddaeth ble i fynd nesaf");
        browser.findElement(By.cssSelector("#propose-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-title")).getText().equals(title));
        browser.findElement(By.cssSelector("#start-form button")).click();
        waitUntil(() -> browser.findElement(By.id("adapt-form")).isDisplayed());
        // The start form is gone with its button: focus is on what says it was saved, not lost.
        waitUntil(() -> "experiment-status".equals(browser.switchTo().activeElement().getAttribute("id")));
        browser.findElement(By.id("adapt-change")).sendKeys("Ar agor tan wyth");
        browser.findElement(By.id("adapt-reason")).sendKeys("Ni ddaeth neb cyn saith");
        browser.findElement(By.cssSelector("#adapt-form button")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-timeline")).getText().contains("Ar agor tan wyth"));
        assertAccessible("an experiment in Welsh");
        saveScreenshot("experiment-cy.png");

        String view = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf('#'));
        browser.findElement(By.id("language-switch")).click();
        waitUntil(() -> "en".equals(pageLanguage())
                && browser.findElement(By.id("experiment-title")).getText().equals(title));
        assertThat(browser.getCurrentUrl()).contains("lang=en").endsWith(view);
        assertThat(browser.findElement(By.linkText("Back to experiments")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("language-switch")).getText()).isEqualTo("Cymraeg");
    }

    /**
     * Found by the walk-throughs in Welsh and on a phone: the language switch loads the page afresh, and what was being
     * written was gone with it (as after a reload); and a new tab, a bookmark or the installed app opened in English
     * again, where most phones offer no Welsh of their own.
     */
    @Test
    void whatIsBeingWrittenStaysThroughTheLanguageSwitchAndTheLanguageChosenStaysOnTheDevice() {
        signInAs("Priya (practitioner)");
        String summary = "Hanner ffordd drwy ysgrifennu " + System.nanoTime();
        browser.findElement(By.id("summary")).sendKeys(summary);
        new Select(browser.findElement(By.id("perspective"))).selectByValue("LIVED_EXPERIENCE");

        browser.findElement(By.id("language-switch")).click();

        waitUntil(() -> "cy".equals(pageLanguage())
                && summary.equals(browser.findElement(By.id("summary")).getDomProperty("value")));
        assertThat(new Select(browser.findElement(By.id("perspective"))).getFirstSelectedOption()
                .getDomProperty("value")).isEqualTo("LIVED_EXPERIENCE");
        assertThat(browser.findElement(By.id("capture-status")).getText())
                .isEqualTo("Mae'r hyn yr oeddech yn ei ysgrifennu yn ôl yn y ffurflen: ni anfonwyd dim.");

        // Found by review: a story kept private, for research alone, came back shared with the team, for learning.
        browser.get(platform.settings().queryServiceUrl() + "/?lang=cy#stories");
        waitUntil(() -> browser.findElement(By.id("story-form")).isDisplayed());
        browser.findElement(By.id("story-text")).sendKeys("Symud bedair gwaith mewn blwyddyn");
        new Select(browser.findElement(By.id("story-visibility"))).selectByValue("PRIVATE");
        browser.findElement(By.cssSelector("#story-purposes input[value=LEARNING]")).click();
        browser.findElement(By.cssSelector("#story-purposes input[value=RESEARCH]")).click();
        browser.findElement(By.id("language-switch")).click();
        waitUntil(() -> "en".equals(pageLanguage()) && "Symud bedair gwaith mewn blwyddyn".equals(
                browser.findElement(By.id("story-text")).getDomProperty("value")));
        assertThat(new Select(browser.findElement(By.id("story-visibility"))).getFirstSelectedOption()
                .getDomProperty("value")).isEqualTo("PRIVATE");
        assertThat(browser.findElements(By.cssSelector("#story-purposes input:checked")))
                .extracting(box -> box.getDomProperty("value")).containsExactly("RESEARCH");

        // Found reading the page as a new user would: what was being offered or asked on the exchange was gone.
        browser.findElement(By.linkText("Learning exchange")).click();
        waitUntil(() -> browser.findElement(By.id("post-form")).isDisplayed());
        browser.findElement(By.cssSelector("#post-form input[value=WISH]")).click();
        browser.findElement(By.id("post-text")).sendKeys("Sut i redeg clwb cinio");
        browser.findElement(By.id("language-switch")).click();
        waitUntil(() -> "cy".equals(pageLanguage()) && "Sut i redeg clwb cinio".equals(
                browser.findElement(By.id("post-text")).getDomProperty("value")));
        assertThat(browser.findElement(By.cssSelector("#post-form input[value=WISH]")).isSelected()).isTrue();
        browser.findElement(By.id("language-switch")).click();
        waitUntil(() -> "en".equals(pageLanguage()));

        String first = browser.getWindowHandle();
        newTab();
        browser.get(platform.settings().queryServiceUrl() + "/#stories");
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        assertThat(pageLanguage()).as("the language last chosen on this device").isEqualTo("en");
        browser.switchTo().window(first);
        browser.get(platform.settings().queryServiceUrl() + "/?lang=cy");
        waitUntil(() -> "cy".equals(pageLanguage()));
        newTab();
        browser.get(platform.settings().queryServiceUrl() + "/");
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        assertThat(pageLanguage()).as("the language last chosen on this device, Welsh").isEqualTo("cy");
    }

    private String pageLanguage() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.documentElement.lang");
    }

    private void assertAccessible(String view) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(browser);
        assertThat(results.getViolations()).as(() -> view + ": " + describe(results.getViolations())).isEmpty();
    }

    @Test
    void theCaptureFormFitsAPhone() {
        browser.manage().window().setSize(new Dimension(390, 844));
        signInAs("Priya (practitioner)");

        long pageWidth = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth");
        assertThat(pageWidth).isLessThanOrEqualTo(390);
        assertThat(browser.findElement(By.id("summary")).getSize().getHeight()).isGreaterThanOrEqualTo(44);
        // Found by review: shown first on a phone, the form came after every chart in tab and reading order.
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertThat(page.executeScript("return !!(document.getElementById('summary').compareDocumentPosition("
                + "document.getElementById('filters')) & Node.DOCUMENT_POSITION_FOLLOWING)")).isEqualTo(true);
        assertThat(browser.findElement(By.id("capture")).getLocation().getY())
                .isLessThan(browser.findElement(By.id("dashboard")).getLocation().getY());
        // Found by the walk-through on a phone: the kinds of learning and the section links were under 44 px high.
        assertThat(browser.findElements(By.cssSelector("#capture-form fieldset label, #sections a")))
                .isNotEmpty().allSatisfy(target -> assertThat(target.getSize().getHeight())
                        .as(target.getText()).isGreaterThanOrEqualTo(44));
        // And the dashboard's tables, opened, were wider than the phone (a phone 320 px wide, as Chrome emulates one).
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 320, "height", 800,
                "deviceScaleFactor", 1, "mobile", true));
        page.executeScript("document.querySelectorAll('#dashboard details').forEach(d => d.open = true)");
        waitUntil(() -> !browser.findElements(By.cssSelector("#weeks-table td")).isEmpty());
        assertThat((Long) page.executeScript("return window.innerWidth")).isEqualTo(320L);
        assertThat((Long) page.executeScript("return document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(320);
        chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        browser.manage().window().setSize(new Dimension(1280, 900));
        waitUntil(() -> browser.findElement(By.id("capture")).getLocation().getX()
                > browser.findElement(By.id("dashboard")).getLocation().getX());
    }

    @Test
    void aPractitionerRunsAnExperimentFromItsProposalToItsPlannedEndingAndSharesWhatWorkedBeyondItsOrganisation()
            throws Exception {
        signInThroughProvider("rhys", "Rhys", "council", "housing-options", "PRACTITIONER");
        assertThat(browser.findElement(By.id("welcome")).getText()).contains("learn together")
                .contains("propose an experiment");
        browser.findElement(By.linkText("Experiments")).click();
        waitUntil(() -> browser.findElement(By.id("experiments-view")).isDisplayed());
        assertThat(browser.findElement(By.id("home-view")).isDisplayed()).isFalse();
        assertThat(browser.getTitle()).isEqualTo("Experiments: Learning together");

        // A refusal is named next to its field, and what was typed stays.
        browser.findElement(By.id("propose-hypothesis")).sendKeys("People in work come in the evening");
        browser.findElement(By.cssSelector("#propose-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("propose-title-error")).isDisplayed());
        assertThat(browser.findElement(By.id("propose-title-error")).getText()).startsWith("Title");
        assertThat(browser.findElement(By.id("propose-status")).getText()).startsWith("Not recorded");
        assertThat(browser.findElement(By.id("propose-hypothesis")).getAttribute("value"))
                .isEqualTo("People in work come in the evening");

        String title = "Evening drop-in " + System.nanoTime();
        browser.findElement(By.id("propose-title")).sendKeys(title);
        browser.findElement(By.id("propose-themes")).sendKeys("housing, evenings");
        browser.findElement(By.id("propose-plannedEnding")).sendKeys("Tell everyone who came where to go next");
        // Found in review: proposed to end yesterday, it was "due to end" before it had begun.
        String proposeEndsBy = "document.getElementById('propose-endsBy').value = arguments[0]";
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        ((JavascriptExecutor) browser).executeScript(proposeEndsBy, today.minusDays(1).toString());
        browser.findElement(By.cssSelector("#propose-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("propose-endsBy-error")).isDisplayed());
        assertThat(browser.findElement(By.id("propose-endsBy-error")).getText()).contains("must not be in the past");
        ((JavascriptExecutor) browser).executeScript(proposeEndsBy, today.plusMonths(1).toString());
        browser.findElement(By.cssSelector("#propose-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-title")).getText().equals(title));
        assertThat(browser.findElement(By.id("experiment-facts")).getText()).contains("Proposed, not started yet")
                .contains("Tell everyone who came where to go next").contains("Its team");
        String address = browser.getCurrentUrl();

        // The team's experiment started a month ago, due to end two days ago, is listed as such.
        String late = "Saturday opening " + System.nanoTime();
        startedAMonthAgoDueToEndTwoDaysAgo(late, new Actor("rhys", "Rhys", "council", "housing-options", "fife"));
        browser.findElement(By.linkText("Back to experiments")).click();
        waitUntil(() -> browser.findElement(By.id("my-experiments")).getText().contains(title));
        waitUntil(() -> {
            browser.navigate().refresh();
            waitUntil(() -> browser.findElement(By.id("due-experiments")).isDisplayed());
            return browser.findElement(By.id("due-experiments")).getText().contains(late);
        });
        assertThat(browser.findElement(By.id("due-experiments")).getText()).doesNotContain(title);
        String lateAddress = browser.findElement(By.id("due-experiments")).findElement(By.partialLinkText(late))
                .getAttribute("href");
        browser.findElement(By.id("my-experiments")).findElement(By.partialLinkText(title)).click();
        waitUntil(() -> browser.findElement(By.id("start-form")).isDisplayed());
        // Found by review: a teammate started it meanwhile, and the refusal left the start form, and no other, shown.
        client.command("/api/experiments/" + address.substring(address.lastIndexOf('/') + 1) + "/start",
                client.token("tomos", "Tomos", "PRACTITIONER", "council", "housing-options"), "{}", 200);
        browser.findElement(By.cssSelector("#start-form button")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-facts")).getText().contains("Running"));
        assertThat(browser.findElement(By.id("experiment-status")).getText()).startsWith("Not recorded");
        assertThat(browser.findElement(By.id("adapt-form")).isDisplayed()).isTrue();
        // Found by review: the capture form went on naming it "(proposed)" until the page was loaded again.
        waitUntil(() -> new Select(browser.findElement(By.id("experimentId"))).getOptions().stream()
                .anyMatch(option -> option.getAttribute("textContent").equals(title + " (running)")));

        browser.get(lateAddress);
        waitUntil(() -> browser.findElement(By.id("adapt-form")).isDisplayed());
        browser.findElement(By.id("adapt-change")).sendKeys("Open until eight");
        browser.findElement(By.id("adapt-reason")).sendKeys("Nobody came before seven");
        // Found when tried as a team would: an experiment given longer stayed "due to end" until it was concluded.
        String endsBy = "document.getElementById('adapt-endsBy').value = arguments[0]";
        ((JavascriptExecutor) browser).executeScript(endsBy, today.minusDays(2).toString());
        browser.findElement(By.cssSelector("#adapt-form button")).click();
        waitUntil(() -> browser.findElement(By.id("adapt-endsBy-error")).isDisplayed());
        assertThat(browser.findElement(By.id("adapt-endsBy-error")).getText()).contains("must not be in the past");
        String later = today.plusMonths(2).toString();
        ((JavascriptExecutor) browser).executeScript(endsBy, later);
        browser.findElement(By.cssSelector("#adapt-form button")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-timeline")).getText()
                .contains("What changed: Open until eight"));
        String laterInWords = today.plusMonths(2).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
                java.util.Locale.UK));
        assertThat(browser.findElement(By.id("experiment-timeline")).getText())
                .contains("Why: Nobody came before seven").contains("Now to end by: " + laterInWords);
        assertThat(browser.findElement(By.id("experiment-facts")).getText()).contains(laterInWords);
        browser.findElement(By.linkText("Back to experiments")).click();
        waitUntil(() -> browser.findElement(By.id("my-experiments")).getText().contains(title));
        waitUntil(() -> !browser.findElement(By.id("due-experiments")).getText().contains(late));
        browser.findElement(By.id("my-experiments")).findElement(By.partialLinkText(title)).click();
        waitUntil(() -> browser.findElement(By.id("experiment-learn")).isDisplayed());

        browser.findElement(By.id("experiment-learn")).click();
        waitUntil(() -> browser.findElement(By.id("capture")).isDisplayed());
        waitUntil(() -> browser.findElement(By.id("experimentId")).getAttribute("value").equals(
                address.substring(address.lastIndexOf('/') + 1)));
        browser.findElement(By.id("summary")).sendKeys("Two people came straight from work");
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        browser.findElement(By.id("summary")).sendKeys("Only for me: I was tired by nine");
        new Select(browser.findElement(By.id("experimentId"))).selectByValue(address.substring(
                address.lastIndexOf('/') + 1));
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("PRIVATE");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        browser.get(address);
        waitUntil(() -> {
            browser.navigate().refresh();
            waitUntil(() -> browser.findElement(By.id("experiment-found")).isDisplayed());
            String learning = browser.findElement(By.id("experiment-learning")).getText();
            return learning.contains("Two people came straight from work") && learning.contains("Only for me");
        });

        new Select(browser.findElement(By.id("conclude-outcome"))).selectByValue("AMPLIFY");
        browser.findElement(By.id("conclude-summary")).sendKeys("Evenings reach people the day cannot");
        // Found in review: what was being written in a step went with the page (a reload, the language switch, an
        // expired sign-in), as it no longer did in the capture form.
        browser.navigate().refresh();
        waitUntil(() -> "Evenings reach people the day cannot".equals(
                browser.findElement(By.id("conclude-summary")).getDomProperty("value")));
        assertThat(new Select(browser.findElement(By.id("conclude-outcome"))).getFirstSelectedOption()
                .getDomProperty("value")).isEqualTo("AMPLIFY");
        new Select(browser.findElement(By.id("conclude-ending"))).selectByValue("NOT_YET");
        browser.findElement(By.cssSelector("#conclude-form button")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-facts")).getText().contains("Amplify: do more of it"));
        assertThat(browser.findElement(By.id("experiment-facts")).getText()).contains("Concluded")
                .contains("Not yet");
        assertThat(browser.findElement(By.id("conclude-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("experiment-timeline")).getText())
                .contains("What they learned: Evenings reach people the day cannot");
        // Found when tried as a team would: an ending that had not happened at the conclusion could never be said.
        assertThat(browser.findElement(By.id("ending-form")).isDisplayed()).isTrue();
        new Select(browser.findElement(By.id("ending-ending"))).selectByValue("AS_PLANNED");
        browser.findElement(By.id("ending-endingNote")).sendKeys("Everyone who came was told where to go next");
        browser.findElement(By.cssSelector("#ending-form button")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-facts")).getText().contains("As planned"));
        assertThat(browser.findElement(By.id("experiment-timeline")).getText())
                .contains("How the ending went: As planned").contains("What happened to the people involved: Everyone who came was told where to go next");
        assertThat(browser.findElement(By.id("ending-form")).isDisplayed()).isFalse();
        saveScreenshot("experiment.png");

        switchTo("sian", "Sian", "PRACTITIONER");
        browser.get(address);
        waitUntil(() -> browser.findElement(By.id("experiment-learning")).getText()
                .contains("Two people came straight from work"));
        assertThat(browser.getPageSource()).as("a colleague does not read an entry its author kept private")
                .doesNotContain("Only for me");

        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signInThroughProvider("ffion", "Ffion", "food-bank", "volunteers", "FACILITATOR");
        assertThat(browser.findElement(By.id("welcome")).getText()).contains("experiments due to end");
        browser.get(address);
        waitUntil(() -> browser.findElement(By.id("experiment-missing")).isDisplayed());
        assertThat(browser.findElement(By.id("experiment-missing")).getText())
                .isEqualTo("There is no experiment with this address that you may see.");
        assertThat(browser.getPageSource()).doesNotContain(title).doesNotContain("Open until eight");

        // Found when tried as a team would: what worked could never be shared beyond the team that tried it.
        switchTo("sian", "Sian", "PRACTITIONER");
        browser.get(address);
        waitUntil(() -> browser.findElement(By.id("share-form")).isDisplayed());
        Select audiences = new Select(browser.findElement(By.id("share-visibility")));
        assertThat(audiences.getOptions()).extracting(WebElement::getText)
                .containsExactly("Its organisation", "The whole system");
        audiences.selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#share-form button")).click();
        assertThat(browser.switchTo().alert().getText()).isEqualTo(
                "Share it with “The whole system”? Once shared, it cannot be narrowed again.");
        browser.switchTo().alert().accept();
        waitUntil(() -> browser.findElement(By.id("experiment-timeline")).getText()
                .contains("Shared more widely by Sian"));
        assertThat(browser.findElement(By.id("experiment-timeline")).getText())
                .contains("Now shared with: The whole system");
        assertThat(browser.findElement(By.id("experiment-facts")).getText()).contains("The whole system");
        assertThat(browser.findElement(By.id("share-form")).isDisplayed()).as("nothing wider").isFalse();

        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signInThroughProvider("ffion", "Ffion", "food-bank", "volunteers", "FACILITATOR");
        browser.get(address);
        waitUntil(() -> browser.findElement(By.id("experiment-title")).getText().equals(title));
        assertThat(browser.findElement(By.id("experiment-learning")).getText())
                .contains("Two people came straight from work").doesNotContain("Only for me");
        assertThat(browser.findElement(By.id("share-form")).isDisplayed()).as("another organisation's to change")
                .isFalse();
    }

    @Test
    void aSetHoldsASessionInOrderAndNobodyOutsideItSeesWhatWasSaid() throws Exception {
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String nia = "nia" + suffix;
        String owen = "owen" + suffix;
        signInThroughProvider("femi" + suffix, "Femi", "council", "learning", "FACILITATOR");
        browser.findElement(By.linkText("Action learning")).click();
        waitUntil(() -> browser.findElement(By.id("my-sets")).getText().contains("not in a set"));
        browser.findElement(By.id("set-name")).sendKeys("Front door " + suffix);
        browser.findElement(By.id("set-members")).sendKeys(nia + ", " + owen);
        browser.findElement(By.cssSelector("#form-set-form button")).click();
        waitUntil(() -> browser.findElement(By.id("set-members-error")).isDisplayed());
        assertThat(browser.findElement(By.id("set-members-error")).getText()).contains("3 to 8");
        browser.findElement(By.id("set-members")).sendKeys(", cai" + suffix);
        browser.findElement(By.cssSelector("#form-set-form button")).click();
        waitUntil(() -> browser.findElement(By.id("set-title")).getText().equals("Front door " + suffix));
        String setAddress = browser.getCurrentUrl();
        browser.findElement(By.cssSelector("#open-session-form button")).click();
        waitUntil(() -> browser.findElement(By.id("set-sessions")).getText().contains("Session 1 (open)"));

        switchTo(nia, "Nia", "PRACTITIONER");
        browser.get(setAddress.replace("#set/", "#session/") + "/1");
        waitUntil(() -> browser.findElement(By.id("present-form")).isDisplayed());
        browser.findElement(By.id("present-problem")).sendKeys("Families wait weeks for a first visit");
        browser.findElement(By.cssSelector("#present-form button")).click();
        waitUntil(() -> browser.findElement(By.id("session-problem")).getText()
                .equals(nia + " presents: Families wait weeks for a first visit"));
        assertThat(browser.findElement(By.id("question-form")).isDisplayed()).as("the presenter does not ask")
                .isFalse();
        browser.findElement(By.id("insight-text")).sendKeys("The wait is about trust");
        browser.findElement(By.cssSelector("#insight-form button")).click();
        waitUntil(() -> browser.findElement(By.id("session-insights")).getText()
                .contains("Insight: The wait is about trust"));
        browser.findElement(By.id("action-text")).sendKeys("Ask three families what would help");
        java.time.LocalDate dueBy = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusWeeks(2);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('action-dueBy').value = arguments[0]",
                dueBy.toString());
        browser.findElement(By.cssSelector("#action-form button")).click();
        waitUntil(() -> browser.findElement(By.id("session-actions")).getText()
                .contains("Action: Ask three families what would help"));

        switchTo(owen, "Owen", "PRACTITIONER");
        browser.get(setAddress.replace("#set/", "#session/") + "/1");
        waitUntil(() -> browser.findElement(By.id("question-form")).isDisplayed());
        browser.findElement(By.id("question-text")).sendKeys("Why don't you phone them?");
        waitUntil(() -> browser.findElement(By.id("question-check")).getText().startsWith("Not yet"));
        assertThat(browser.findElement(By.id("question-check")).getText()).contains("not advice")
                .contains("why don't you");
        browser.findElement(By.id("question-text")).clear();
        browser.findElement(By.id("question-text")).sendKeys("What do the families say about the wait?");
        // Found in review: a question being written went with the page (a reload, the language switch, an expired
        // sign-in), as it no longer did in the capture form.
        browser.navigate().refresh();
        waitUntil(() -> "What do the families say about the wait?".equals(
                browser.findElement(By.id("question-text")).getDomProperty("value")));
        browser.findElement(By.id("question-text")).sendKeys(" ");
        waitUntil(() -> browser.findElement(By.id("question-check")).getText()
                .equals("An open question: ready to ask."));
        browser.findElement(By.cssSelector("#question-form button")).click();
        waitUntil(() -> browser.findElement(By.id("session-questions")).getText()
                .contains("What do the families say about the wait? (" + owen + ")"));
        new Select(browser.findElement(By.id("evaluate-score"))).selectByValue("5");
        browser.findElement(By.id("evaluate-comment")).sendKeys("Felt safe to say it");
        browser.findElement(By.cssSelector("#evaluate-form button")).click();
        waitUntil(() -> browser.findElement(By.id("session-evaluations")).getText()
                .contains("5 of 5: Felt safe to say it (" + owen + ")"));
        assertThat(browser.findElement(By.id("evaluate-form")).isDisplayed()).as("one evaluation each").isFalse();
        assertThat(browser.findElement(By.id("question-form")).isDisplayed()).as("he has evaluated it")
                .isFalse();
        saveScreenshot("session.png");

        switchTo("femi" + suffix, "Femi", "FACILITATOR");
        browser.get(setAddress.replace("#set/", "#session/") + "/1");
        waitUntil(() -> browser.findElement(By.id("close-form")).isDisplayed());
        browser.findElement(By.cssSelector("#close-form button")).click();
        waitUntil(() -> browser.findElement(By.id("session-state")).getText().equals("This session is closed."));
        browser.get(setAddress);
        waitUntil(() -> browser.findElement(By.id("open-session-form")).isDisplayed());
        browser.findElement(By.cssSelector("#open-session-form button")).click();
        waitUntil(() -> browser.findElement(By.id("set-sessions")).getText().contains("Session 2 (open)"));

        switchTo(nia, "Nia", "PRACTITIONER");
        browser.findElement(By.linkText("Action learning")).click();
        waitUntil(() -> browser.findElement(By.id("my-actions")).getText()
                .contains("Ask three families what would help"));
        browser.get(setAddress.replace("#set/", "#session/") + "/2");
        waitUntil(() -> browser.findElement(By.id("update-form")).isDisplayed());
        assertThat(browser.findElement(By.id("present-form")).isDisplayed()).as("the updates come first").isFalse();
        new Select(browser.findElement(By.id("update-status"))).selectByValue("PARTLY");
        browser.findElement(By.id("update-note")).sendKeys("Two of three");
        browser.findElement(By.cssSelector("#update-form button")).click();
        waitUntil(() -> browser.findElement(By.id("session-updates")).getText()
                .contains("Ask three families what would help (due by "));
        waitUntil(() -> browser.findElement(By.id("session-updates")).getText().contains("Partly done. Two of three"));
        // Found by the walk-through in Welsh: days were written as the services name them, 2026-12-20.
        assertThat(browser.findElement(By.id("session-updates")).getText())
                .contains("(due by " + dueBy.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
                        java.util.Locale.UK)) + ")")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        waitUntil(() -> browser.findElement(By.id("present-form")).isDisplayed());
        // Found in review: what was typed in one session stayed in the form when another was shown, to be sent there.
        browser.findElement(By.id("present-problem")).sendKeys("Typed while session 2 was shown");
        String sessionTwo = browser.getCurrentUrl();
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]",
                "#" + sessionTwo.substring(sessionTwo.indexOf("#session/") + 1).replaceAll("/2$", "/1"));
        waitUntil(() -> browser.findElement(By.id("session-title")).getText().endsWith("session 1"));
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]",
                sessionTwo.substring(sessionTwo.indexOf("#")));
        waitUntil(() -> browser.findElement(By.id("present-form")).isDisplayed());
        assertThat(browser.findElement(By.id("present-problem")).getDomProperty("value")).isEmpty();
        browser.findElement(By.id("sign-out")).click();
        waitUntil(() -> browser.findElement(By.id("oidc-sign-in")).isDisplayed());
        assertThat(browser.getPageSource()).as("nothing read stays in the page after signing out")
                .doesNotContain("Ask three families what would help");

        switchTo("lena" + suffix, "Lena", "LEADER");
        browser.get(setAddress);
        waitUntil(() -> browser.findElement(By.id("set-missing")).isDisplayed());
        assertThat(browser.findElement(By.id("set-missing")).getText())
                .isEqualTo("Only the members and the facilitator of this set may read it.");
        browser.get(setAddress.replace("#set/", "#session/") + "/1");
        waitUntil(() -> browser.findElement(By.id("session-missing")).isDisplayed());
        assertThat(browser.getPageSource()).doesNotContain("Families wait weeks").doesNotContain("about trust")
                .doesNotContain("Felt safe to say it");
    }

    /**
     * Found by the walk-through as a facilitator with a tablet: the session on the screen never changed while the set's
     * supporters asked their questions from their own phones; nobody saw one until they reloaded.
     */
    @Test
    void anOpenSessionOnTheScreenShowsWhatOthersSendFromTheirOwnDevices() {
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String fiona = "fiona" + suffix;
        String ana = "ana" + suffix;
        String bea = "bea" + suffix;
        String setId = setWithItsFirstSessionOpen(fiona, "Live " + suffix, ana, bea, "cai" + suffix);
        signInThroughProvider(fiona, "Fiona", "council", "housing-options", "FACILITATOR");
        browser.get(platform.settings().queryServiceUrl() + "/#session/" + setId + "/1");
        waitUntil(() -> browser.findElement(By.id("present-form")).isDisplayed());
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        client.command("/api/sets/" + setId + "/sessions/1/presentation",
                client.token(ana, "Ana", "PRACTITIONER", "council", "housing-options"),
                "{\"presenter\":\"" + ana + "\",\"problem\":\"Rent arrears pile up " + suffix + "\"}", 200);
        waitUntil(() -> browser.findElement(By.id("session-problem")).getText().contains("Rent arrears pile up"));
        assertThat(browser.findElement(By.id("present-form")).isDisplayed()).as("presented already").isFalse();
        client.command("/api/sets/" + setId + "/sessions/1/questions",
                client.token(bea, "Bea", "PRACTITIONER", "council", "housing-options"),
                "{\"text\":\"What matters most to the families?\"}", 200);

        waitUntil(() -> browser.findElement(By.id("session-questions")).getText()
                .contains("What matters most to the families?"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage")).isEqualTo(true);
    }

    @Test
    void someoneAddedToASetLaterSeesItsEarlierSessionsListedAndNothingSaidInThem() {
        // Found by review: a member added after session 1 read its problem, questions, actions and scores.
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String fiona = "fiona" + suffix;
        String ana = "ana" + suffix;
        String pat = "pat" + suffix;
        String fionas = client.token(fiona, "Fiona", "FACILITATOR", "council", "housing-options");
        String setId = setWithItsFirstSessionOpen(fiona, "Later " + suffix, ana, "bea" + suffix, "cai" + suffix);
        String anas = client.token(ana, "Ana", "PRACTITIONER", "council", "housing-options");
        String actionId = presentAndCommit(setId, 1, anas, ana, "Rent arrears pile up " + suffix,
                "Call the landlord " + suffix);
        client.command("/api/sets/" + setId + "/sessions/1/close", fionas, "{}", 200);
        client.command("/api/sets/" + setId + "/members", fionas, "{\"memberId\":\"" + pat + "\"}", 200);
        client.command("/api/sets/" + setId + "/sessions", fionas, "{}", 201);
        String pats = client.token(pat, "Pat", "PRACTITIONER", "council", "housing-options");
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> client.read("/api/sets/" + setId, pats).path("sessions").size() == 2);

        signInThroughProvider(pat, "Pat", "council", "housing-options", "PRACTITIONER");
        browser.get(platform.settings().queryServiceUrl() + "/#set/" + setId);
        waitUntil(() -> browser.findElement(By.id("set-sessions")).getText().contains("Session 2 (open)"));
        assertThat(browser.findElement(By.id("set-sessions")).getText())
                .contains("Session 1: held while you were not in the set");
        browser.findElement(By.partialLinkText("Session 1")).click();
        waitUntil(() -> browser.findElement(By.id("session-missing")).isDisplayed());
        assertThat(browser.findElement(By.id("session-missing")).getText()).startsWith(
                "Session 1 was held while you were not in the set");
        assertThat(browser.getPageSource()).doesNotContain("Rent arrears pile up");

        // Found walking through a set over months: session 2 offered Pat to present while Ana's update waited (the
        // service refuses it), and the update, once given in a session Pat was in, was not shown to him.
        browser.get(platform.settings().queryServiceUrl() + "/#session/" + setId + "/2");
        waitUntil(() -> browser.findElement(By.id("session-problem")).getText()
                .equals("The updates come first, then the problem."));
        assertThat(browser.findElement(By.id("present-form")).isDisplayed()).isFalse();
        client.command("/api/sets/" + setId + "/sessions/2/updates", anas, "{\"actionId\":\"" + actionId
                + "\",\"status\":\"DONE\",\"note\":\"They agreed to wait " + suffix + "\"}", 200);
        waitUntil(() -> browser.findElement(By.id("present-form")).isDisplayed()); // the session is read again
        assertThat(browser.findElement(By.id("session-updates")).getText())
                .contains("An action from before you joined: Done. They agreed to wait " + suffix);
        assertThat(browser.getPageSource()).doesNotContain("Call the landlord");
    }

    /** Found walking through a set over months: an action partly done at one session was never followed through. */
    @Test
    void anActionPartlyDoneIsUpdatedAgainAtALaterSessionByWhoCommittedIt() {
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String fiona = "fiona" + suffix;
        String ana = "ana" + suffix;
        String bea = "bea" + suffix;
        String fionas = client.token(fiona, "Fiona", "FACILITATOR", "council", "housing-options");
        String anas = client.token(ana, "Ana", "PRACTITIONER", "council", "housing-options");
        String beas = client.token(bea, "Bea", "PRACTITIONER", "council", "housing-options");
        String setId = setWithItsFirstSessionOpen(fiona, "Going on " + suffix, ana, bea, "cai" + suffix);
        String sessions = "/api/sets/" + setId + "/sessions";
        String actionId = presentAndCommit(setId, 1, anas, ana, "Rent arrears pile up", "Call two landlords " + suffix);
        client.command(sessions + "/1/close", fionas, "{}", 200);
        client.command(sessions, fionas, "{}", 201);
        client.command(sessions + "/2/updates", anas, "{\"actionId\":\"" + actionId
                + "\",\"status\":\"PARTLY\",\"note\":\"One call so far\"}", 200);
        client.command(sessions + "/2/presentation", beas,
                "{\"presenter\":\"" + bea + "\",\"problem\":\"Letters go unread\"}", 200);
        client.command(sessions + "/2/close", fionas, "{}", 200);
        client.command(sessions, fionas, "{}", 201);

        signInThroughProvider(ana, "Ana", "council", "housing-options", "PRACTITIONER");
        browser.get(platform.settings().queryServiceUrl() + "/#session/" + setId + "/3");
        waitUntil(() -> browser.findElement(By.id("update-form")).isDisplayed());
        assertThat(new Select(browser.findElement(By.id("update-actionId"))).getOptions())
                .extracting(WebElement::getText).containsExactly("Call two landlords " + suffix);
        new Select(browser.findElement(By.id("update-status"))).selectByValue("DONE");
        browser.findElement(By.id("update-note")).sendKeys("Both called");
        browser.findElement(By.cssSelector("#update-form button")).click();
        waitUntil(() -> browser.findElement(By.id("session-updates")).getText().contains("Done. Both called"));
        assertThat(browser.findElement(By.id("update-form")).isDisplayed()).as("done: nothing more to update")
                .isFalse();
        browser.findElement(By.linkText("Action learning")).click();
        waitUntil(() -> browser.findElement(By.id("my-actions")).getText().contains("Call two landlords " + suffix));
        assertThat(browser.findElement(By.id("my-actions")).getText()).contains("; done;");
    }

    @Test
    void aFacilitatorWhoseSetFellBelowThreeMembersIsToldWhyNoSessionOpens() {
        // Found by review: the page offered "Open the next session" to a set of two, which the service refuses.
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String fiona = "fiona" + suffix;
        String token = client.token(fiona, "Fiona", "FACILITATOR", "council", "housing-options");
        String setId = Client.json(client.command("/api/sets", token, "{\"name\":\"Small " + suffix
                + "\",\"facilitator\":\"" + fiona + "\",\"members\":[\"ana" + suffix + "\",\"bea" + suffix
                + "\",\"cai" + suffix + "\"]}", 201)).get("id").asText();
        signInThroughProvider(fiona, "Fiona", "council", "housing-options", "FACILITATOR");
        browser.get(platform.settings().queryServiceUrl() + "/#set/" + setId);
        waitUntil(() -> browser.findElement(By.id("open-session-form")).isDisplayed());
        assertThat(browser.findElement(By.id("open-session-hint")).isDisplayed()).isFalse();

        browser.findElement(By.xpath("//button[text()='Remove cai" + suffix + "']")).click();

        waitUntil(() -> browser.findElement(By.id("set-people")).getText().endsWith("2 members."));
        assertThat(browser.findElement(By.id("open-session-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("open-session-hint")).getText())
                .isEqualTo("A session needs at least three members: add someone before the next one opens.");
    }

    @Test
    void aNetworkMemberTakesBackAPostAndItMatchesNobodyAnyMore() {
        // Found by the walk-through as a network member: a post could never be taken back, nor one's own posts seen.
        String theme = "rotas" + System.nanoTime() % 100_000;
        client.command("/api/exchange", client.token("sian", "Sian", "PRACTITIONER", "council", "housing-options"),
                "{\"side\":\"OFFER\",\"text\":\"Fair rotas\",\"themes\":[\"" + theme + "\"],"
                        + "\"visibility\":\"SYSTEM\"}", 201);
        signInThroughProvider("huw", "Huw", "food-bank", "volunteers", "PRACTITIONER");
        browser.get(platform.settings().queryServiceUrl() + "/#exchange");
        waitUntil(() -> browser.findElement(By.id("post-form")).isDisplayed());
        // Found by the walk-through on a phone: with no theme, the error was shown where focus was not, and matches
        // that came were announced by nothing.
        browser.findElement(By.cssSelector("#matches-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("matches-theme-error")).isDisplayed());
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("matches-theme");
        browser.findElement(By.cssSelector("input[name=side][value=WISH]")).click();
        browser.findElement(By.id("post-text")).sendKeys("Rotas people can keep " + theme);
        browser.findElement(By.id("post-themes")).sendKeys(theme);
        browser.findElement(By.cssSelector("#post-form button[type=submit]")).click();
        // Found walking through as a person new to such pages: a post went to the whole system unless changed.
        waitUntil(() -> browser.findElement(By.id("post-visibility-error")).isDisplayed());
        assertThat(browser.findElement(By.id("post-status")).getText()).isEqualTo("Not posted yet: choose who may "
                + "read it.");
        new Select(browser.findElement(By.id("post-visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#post-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("matches")).getText().contains("Rotas people can keep " + theme));
        assertThat(browser.findElement(By.id("matches-status")).getText())
                .isEqualTo("1 theme with people offering and asking, below.");
        waitUntil(() -> browser.findElement(By.id("my-posts")).getText()
                .contains("You would like to learn: Rotas people can keep " + theme + " (" + theme + ")"));

        browser.findElement(By.cssSelector("#my-posts button[aria-label*='" + theme + "']")).click();

        waitUntil(() -> browser.findElement(By.id("my-posts-status")).getText()
                .equals("Taken back: it matches nobody any more."));
        assertThat(browser.findElement(By.id("my-posts")).getText()).doesNotContain(theme);
        // Found in review: the matches beside it went on listing it until they were asked for again.
        assertThat(browser.findElement(By.id("matches")).getText()).doesNotContain("Rotas people can keep");
        assertThat(browser.findElement(By.id("matches-status")).getText()).startsWith("No match yet");
    }

    @Test
    void aMatchWithMorePostsThanShownSaysSo() {
        // Found by the walk-through as a network member: "Good at it (50)" of 60, and no word of the others.
        String theme = "busy" + System.nanoTime() % 100_000;
        for (int offer = 0; offer < 51; offer++) {
            client.command("/api/exchange", client.token("offer" + offer + theme, "O", "PRACTITIONER", "council",
                    "housing-options"), "{\"side\":\"OFFER\",\"text\":\"Offer " + offer + "\",\"themes\":[\""
                    + theme + "\"],\"visibility\":\"SYSTEM\"}", 201);
        }
        client.command("/api/exchange", client.token("wish" + theme, "W", "PRACTITIONER", "council",
                "housing-options"), "{\"side\":\"WISH\",\"text\":\"Wish\",\"themes\":[\"" + theme + "\"],"
                + "\"visibility\":\"SYSTEM\"}", 201);
        signInAs("Lena (leader)");
        browser.get(platform.settings().queryServiceUrl() + "/#exchange");
        waitUntil(() -> browser.findElement(By.id("matches-form")).isDisplayed());

        waitUntil(() -> {
            browser.findElement(By.id("matches-theme")).clear();
            browser.findElement(By.id("matches-theme")).sendKeys(theme);
            browser.findElement(By.cssSelector("#matches-form button[type=submit]")).click();
            return browser.findElement(By.id("matches-status")).getText()
                    .startsWith("Each side shows its newest 50 posts; there are more");
        });
        assertThat(browser.findElement(By.id("matches")).getText()).contains("Good at it (50)");
    }

    @Test
    void theExchangeMatchesWhoIsGoodAtWhatWithWhoWouldLearnItAndWithdrawingConsentErasesTheirWords()
            throws Exception {
        String theme = "evenings" + System.nanoTime() % 100_000;
        signInThroughProvider("rhys", "Rhys", "council", "housing-options", "PRACTITIONER");
        browser.findElement(By.linkText("Learning exchange")).click();
        waitUntil(() -> browser.findElement(By.id("post-form")).isDisplayed());
        browser.findElement(By.id("post-text")).sendKeys("Running a drop-in in the evening");
        new Select(browser.findElement(By.id("post-visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#post-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("post-themes-error")).isDisplayed());
        assertThat(browser.findElement(By.id("post-text")).getAttribute("value"))
                .isEqualTo("Running a drop-in in the evening");
        browser.findElement(By.id("post-themes")).sendKeys(theme);
        browser.findElement(By.cssSelector("#post-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("post-status")).getText().startsWith("Posted"));
        waitUntil(() -> browser.findElement(By.id("matches-status")).getText().startsWith("No match yet"));
        browser.findElement(By.id("post-text")).sendKeys("A rota trick only for my team");
        browser.findElement(By.id("post-themes")).sendKeys(theme);
        new Select(browser.findElement(By.id("post-visibility"))).selectByValue("TEAM");
        browser.findElement(By.cssSelector("#post-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("post-status")).getText().startsWith("Posted"));

        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signInThroughProvider("gwen", "Gwen", "food-bank", "volunteers", "PRACTITIONER");
        browser.get(platform.settings().queryServiceUrl() + "/#exchange");
        waitUntil(() -> browser.findElement(By.id("post-form")).isDisplayed());
        browser.findElement(By.cssSelector("input[name=side][value=WISH]")).click();
        browser.findElement(By.id("post-text")).sendKeys("How to open late and keep everyone safe");
        browser.findElement(By.id("post-themes")).sendKeys(theme);
        new Select(browser.findElement(By.id("post-visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#post-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("matches")).getText()
                .contains("Running a drop-in in the evening (Rhys, council)"));
        assertThat(browser.findElement(By.id("matches")).getText())
                .contains("How to open late and keep everyone safe (Gwen, food-bank)")
                .doesNotContain("A rota trick only for my team");
        saveScreenshot("exchange.png");

        browser.get(platform.settings().queryServiceUrl() + "/#");
        waitUntil(() -> browser.findElement(By.id("summary")).isDisplayed());
        browser.findElement(By.id("summary")).sendKeys("Opening late kept everyone safe");
        new Select(browser.findElement(By.id("perspective"))).selectByValue("VOLUNTEER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("recorded-entries")).getText()
                .contains("Opening late kept everyone safe"));
        String gwen = client.token("gwen", "Gwen", "PRACTITIONER", "food-bank", "volunteers");
        waitUntil(() -> client.read("/api/learning/mine", gwen).toString()
                .contains("Opening late kept everyone safe"));

        browser.findElement(By.linkText("My page")).click();
        waitUntil(() -> browser.findElement(By.id("withdraw-form")).isDisplayed());
        browser.findElement(By.cssSelector("#withdraw-form button")).click();
        waitUntil(() -> browser.findElement(By.id("withdraw-confirm-error")).isDisplayed());
        assertThat(browser.findElement(By.id("withdraw-status")).getText()).isEmpty();
        browser.findElement(By.id("withdraw-confirm")).click();
        browser.findElement(By.cssSelector("#withdraw-form button")).click();
        waitUntil(() -> browser.findElement(By.id("withdraw-status")).getText().startsWith("Your consent is withdrawn"));
        // Found by review: the entries kept on the device to take back still showed her words.
        assertThat(browser.findElement(By.id("recorded-entries")).getAttribute("textContent"))
                .doesNotContain("Opening late kept everyone safe");
        // Still hers to take back, read again from the services: without its words.
        waitUntil(() -> browser.findElement(By.id("recorded-entries")).getAttribute("textContent")
                .contains("[withdrawn]"));
        assertThat(browser.findElement(By.id("recorded-entries")).getAttribute("textContent"))
                .doesNotContain("Opening late kept everyone safe");
        assertThat(browser.findElement(By.id("capture-form")).isDisplayed()).as("nothing new is recorded").isFalse();
        // Found walking through as a person new to such pages: back on the page, it offered the withdrawal again and
        // the capture form, as if nothing had happened.
        browser.get(platform.settings().queryServiceUrl() + "/");
        waitUntil(() -> {
            browser.navigate().refresh();
            waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
            return browser.findElement(By.id("capture-withdrawn")).isDisplayed();
        });
        assertThat(browser.findElement(By.id("capture-form")).isDisplayed()).isFalse();
        browser.findElement(By.linkText("My page")).click();
        waitUntil(() -> browser.findElement(By.id("me-withdrawn")).isDisplayed());
        assertThat(browser.findElement(By.id("withdraw-form")).isDisplayed()).isFalse();
        // Found reading the page as a new user would: every other form asking for her words was still offered, and
        // refused what she typed.
        browser.findElement(By.linkText("Stories")).click();
        waitUntil(() -> browser.findElement(By.id("stories-view")).isDisplayed());
        assertThat(browser.findElement(By.id("story-form")).isDisplayed()).isFalse();
        browser.findElement(By.linkText("Learning exchange")).click();
        waitUntil(() -> browser.findElement(By.id("exchange-view")).isDisplayed());
        assertThat(browser.findElement(By.id("post-form")).isDisplayed()).isFalse();

        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signInThroughProvider("rhys", "Rhys", "council", "housing-options", "PRACTITIONER");
        browser.get(platform.settings().queryServiceUrl() + "/#exchange");
        waitUntil(() -> {
            browser.findElement(By.id("matches-theme")).clear();
            browser.findElement(By.id("matches-theme")).sendKeys(theme);
            browser.findElement(By.cssSelector("#matches-form button")).click();
            // Found by review: her wish still made a match, "[withdrawn] ([withdrawn], food-bank)", nobody could act on.
            return browser.findElement(By.id("matches-status")).getText()
                    .equals("No match yet: nobody both offers and asks on these themes.");
        });
        assertThat(browser.findElement(By.id("matches")).getText()).doesNotContain("keep everyone safe")
                .doesNotContain("[withdrawn]");
    }

    @Test
    void aStoryToldOnceIsReferredToAndNarrowingItsConsentTakesItFromThoseItNoLongerCovers() {
        String story = "I waited nine weeks for a first visit " + System.nanoTime() % 100_000;
        signInThroughProvider("tomos", "Tomos", "council", "housing-options", "PRACTITIONER");
        browser.findElement(By.linkText("Stories")).click();
        waitUntil(() -> browser.findElement(By.id("story-form")).isDisplayed());
        browser.findElement(By.cssSelector("#story-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("story-text-error")).isDisplayed());
        browser.findElement(By.id("story-text")).sendKeys(story);
        new Select(browser.findElement(By.id("story-visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#story-form input[value=RESEARCH]")).click();
        // Found walking through as a person new to such pages: the story vanished and nothing was said for seconds
        // while the list caught up (here, a list read three seconds slow), so it was told again.
        ((JavascriptExecutor) browser).executeScript("""
                const real = window.fetch;
                window.fetch = (url, options) => String(url).includes('/api/stories/mine')
                    ? new Promise(resolve => setTimeout(resolve, 3000)).then(() => real(url, options))
                    : real(url, options);""");
        browser.findElement(By.cssSelector("#story-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("story-status")).getText().startsWith("Told"));
        assertThat(browser.findElement(By.id("my-stories")).getText()).as("told before the slow list caught up")
                .doesNotContain(story);
        waitUntil(() -> browser.findElement(By.id("my-stories")).getText().contains(story));
        assertThat(browser.findElement(By.id("my-stories")).getText())
                .contains("Read by the whole system; used for learning, research.");

        browser.findElement(By.linkText("Experiments")).click();
        waitUntil(() -> browser.findElement(By.id("propose-form")).isDisplayed());
        browser.findElement(By.id("propose-title")).sendKeys("A visit in the first week");
        browser.findElement(By.id("propose-hypothesis")).sendKeys("Fewer people give up waiting");
        browser.findElement(By.id("propose-plannedEnding")).sendKeys("Back to the list, with a call to each");
        new Select(browser.findElement(By.id("propose-storyId"))).selectByVisibleText(story);
        new Select(browser.findElement(By.id("propose-visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#propose-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-title")).getText().equals("A visit in the first week"));
        assertThat(browser.findElement(By.id("experiment-facts")).getText()).contains(story);
        String experiment = browser.getCurrentUrl();

        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signInThroughProvider("ffion", "Ffion", "food-bank", "volunteers", "FACILITATOR");
        browser.get(experiment);
        waitUntil(() -> browser.findElement(By.id("experiment-facts")).getText().contains(story));
        // Found by the walk-through as a person with lived experience: only one's own stories were offered, so a
        // practitioner pasted someone's words into their own entry instead of referring to the story told once.
        waitUntil(() -> browser.findElement(By.id("storyId")).getAttribute("textContent")
                .contains(story + " (told by Tomos)"));

        switchTo("tomos", "Tomos", "PRACTITIONER");
        browser.findElement(By.linkText("Stories")).click();
        waitUntil(() -> browser.findElement(By.id("my-stories")).getText().contains(story));
        WebElement mine = browser.findElement(By.id("my-stories")).findElement(By.tagName("li"));
        mine.findElement(By.tagName("summary")).click();
        mine.findElement(By.cssSelector("input[value=LEARNING]")).click();
        mine.findElement(By.cssSelector("button[type=submit]")).click();
        // Found walking through as a person new to such pages: narrowing is final, and nothing said so first.
        assertThat(browser.switchTo().alert().getText()).endsWith("cannot be widened again: only by telling the "
                + "story anew.");
        browser.switchTo().alert().accept();
        waitUntil(() -> browser.findElement(By.id("my-stories")).getText().contains("used for research."));
        // Found in review: the form went with the list shown again, and nothing said that it was done.
        waitUntil(() -> browser.findElement(By.id("my-stories-status")).getText().startsWith("Consent narrowed"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("my-stories-heading");

        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signInThroughProvider("ffion", "Ffion", "food-bank", "volunteers", "FACILITATOR");
        browser.get(experiment);
        waitUntil(() -> browser.findElement(By.id("experiment-found")).isDisplayed());
        assertThat(browser.findElement(By.id("experiment-title")).getText()).isEqualTo("A visit in the first week");
        assertThat(browser.getPageSource()).doesNotContain(story);
    }

    @Test
    void aFacilitatorFormsACohortPeopleEnrolLeaveAndItsLearningIsItsMembersOwnFeedUntilItEnds() {
        String name = "System stewards " + System.nanoTime() % 100_000;
        String said = "Commissioning for relationships, not transactions " + System.nanoTime() % 100_000;
        signInThroughProvider("ffion", "Ffion", "food-bank", "volunteers", "FACILITATOR");
        browser.findElement(By.linkText("Cohorts")).click();
        waitUntil(() -> browser.findElement(By.id("form-cohort-form")).isDisplayed());
        browser.findElement(By.id("cohort-name")).sendKeys(name);
        browser.findElement(By.id("cohort-themes")).sendKeys("commissioning");
        browser.findElement(By.cssSelector("#form-cohort-form button")).click();
        waitUntil(() -> browser.findElement(By.id("all-cohorts")).getText().contains(name));

        switchTo("tomos", "Tomos", "PRACTITIONER");
        browser.findElement(By.linkText("Cohorts")).click();
        waitUntil(() -> browser.findElement(By.id("all-cohorts")).getText().contains(name));
        assertThat(browser.findElement(By.id("all-cohorts")).getText()).contains("Formed by Ffion (food-bank)");
        assertThat(browser.findElement(By.id("form-cohort")).isDisplayed()).as("only facilitators form").isFalse();
        browser.findElement(By.xpath("//button[text()='Enrol in " + name + "']")).click();
        waitUntil(() -> browser.findElement(By.id("cohorts-status")).getText().equals("Enrolled in " + name + "."));
        // Found by the walk-through as a system steward: the button went with the list, and focus with it.
        assertThat(browser.switchTo().activeElement().getText()).as("focus on the cohort enrolled in").isEqualTo(name);
        browser.findElement(By.linkText(name)).click();
        waitUntil(() -> browser.findElement(By.id("cohort-learn")).isDisplayed());
        String cohort = browser.getCurrentUrl();
        browser.findElement(By.id("cohort-learn")).click();
        waitUntil(() -> !browser.findElement(By.id("cohortId")).getAttribute("value").isEmpty());
        browser.findElement(By.id("summary")).sendKeys(said);
        new Select(browser.findElement(By.id("perspective"))).selectByValue("COMMISSIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        browser.get(cohort);
        waitUntil(() -> {
            browser.navigate().refresh();
            waitUntil(() -> browser.findElement(By.id("cohort-found")).isDisplayed());
            return browser.findElement(By.id("cohort-feed")).getText().contains(said);
        });
        // Found by the walk-through as a system steward: the feed said what was tried, not who tried it.
        assertThat(browser.findElement(By.id("cohort-feed")).getText()).containsPattern(
                java.util.regex.Pattern.quote(said) + " \\(Tomos, [^)]+\\)");

        // Found by review: the feed showed its newest 50 and nothing older, however much more the cohort held.
        String cohortId = cohort.substring(cohort.indexOf("#cohort/") + "#cohort/".length());
        String suffix = Long.toString(System.nanoTime() % 100_000);
        for (String member : List.of("gwil" + suffix, "huw" + suffix, "iolo" + suffix)) {
            String token = client.token(member, "PRACTITIONER");
            client.command("/api/cohorts/" + cohortId + "/enrolments", token, "{}", 200);
            for (int i = 0; i < 17; i++) {
                client.command("/api/learning", token, "{\"kind\":\"REFLECTION\",\"summary\":\"Later " + member + " "
                        + i + "\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"SYSTEM\","
                        + "\"cohortId\":\"" + cohortId + "\"}", 201);
            }
        }
        waitUntil(() -> {
            browser.navigate().refresh();
            waitUntil(() -> browser.findElement(By.id("cohort-found")).isDisplayed());
            return browser.findElement(By.id("cohort-feed")).getText().contains("Later iolo" + suffix + " 16");
        });
        assertThat(browser.findElement(By.id("cohort-feed")).getText()).doesNotContain(said);
        browser.findElement(By.id("cohort-older")).click();
        waitUntil(() -> browser.findElement(By.id("cohort-feed")).getText().contains(said));
        assertThat(browser.findElement(By.id("cohort-older")).isDisplayed()).isFalse();

        // A colleague who is not enrolled: the entry is shared with the whole system, but the cohort's feed is not.
        switchTo("rhys", "Rhys", "PRACTITIONER");
        browser.get(cohort);
        waitUntil(() -> browser.findElement(By.id("cohort-missing")).isDisplayed());
        assertThat(browser.findElement(By.id("cohort-missing")).getText())
                .isEqualTo("Only its members read its feed: enrol first.");
        assertThat(browser.findElement(By.id("cohort-feed")).getAttribute("textContent")).doesNotContain(said);
        // Found reading the page as a new user would: told to enrol first, on a page that offered no way to.
        browser.findElement(By.cssSelector("#enrol-cohort-form button")).click();
        waitUntil(() -> browser.findElement(By.id("cohort-feed")).getText().contains("Later iolo"));
        assertThat(browser.findElement(By.id("cohort-status")).getText()).isEqualTo("Enrolled in " + name + ".");
        // Found with it: left in another window meanwhile, "Record learning in this cohort" recorded it outside it.
        ((JavascriptExecutor) browser).executeAsyncScript("fetchAsPerson(config.commandServiceUrl + '/api/cohorts/"
                + cohortId + "/enrolments', {method: 'DELETE'}).then(() => arguments[0]())");
        String rhys = client.token("rhys", "PRACTITIONER");
        waitUntil(() -> {
            for (JsonNode one : client.read("/api/cohorts", rhys)) {
                if (one.get("cohortId").asText().equals(cohortId)) {
                    return !one.get("enrolled").asBoolean();
                }
            }
            return false;
        });
        browser.findElement(By.id("cohort-learn")).click();
        waitUntil(() -> browser.findElement(By.id("cohort-status")).getText()
                .equals(name + " takes no learning from you now: it has ended, or you are no longer enrolled in it."));
        assertThat(browser.getCurrentUrl()).isEqualTo(cohort);
        // Found in review: enrolled in another window meanwhile, "Enrol" here was refused, and offered again as before.
        ((JavascriptExecutor) browser).executeAsyncScript("fetchAsPerson(config.commandServiceUrl + '/api/cohorts/"
                + cohortId + "/enrolments', {method: 'POST', headers: {'Content-Type': 'application/json'}, "
                + "body: '{}'}).then(() => arguments[0]())");
        waitUntil(() -> {
            for (JsonNode one : client.read("/api/cohorts", rhys)) {
                if (one.get("cohortId").asText().equals(cohortId)) {
                    return one.get("enrolled").asBoolean();
                }
            }
            return false;
        });
        // Its button is held for a moment after the enrolment above (a double tap sends once), as a person sees.
        waitUntil(() -> browser.findElement(By.cssSelector("#enrol-cohort-form button")).isEnabled());
        browser.findElement(By.cssSelector("#enrol-cohort-form button")).click();
        waitUntil(() -> !browser.findElement(By.id("enrol-cohort-form")).isDisplayed());
        assertThat(browser.findElement(By.id("cohort-status")).getText())
                .contains("You are already enrolled in this cohort.");
        assertThat(browser.findElement(By.id("cohort-feed")).getText()).contains("Later iolo");

        // Found when a course was run as a facilitator would: nobody could leave a cohort, nor could one end.
        switchTo("tomos", "Tomos", "PRACTITIONER");
        browser.get(cohort);
        waitUntil(() -> browser.findElement(By.id("leave-cohort-form")).isDisplayed());
        assertThat(browser.findElement(By.id("end-cohort-form")).isDisplayed()).as("the former's to end").isFalse();
        browser.findElement(By.cssSelector("#leave-cohort-form button")).click();
        waitUntil(() -> browser.findElement(By.id("cohort-status")).getText()
                .equals("You left " + name + ": its feed is no longer open to you."));
        assertThat(browser.findElement(By.id("cohort-missing")).getText())
                .isEqualTo("Only its members read its feed: enrol first.");
        assertThat(new Select(browser.findElement(By.id("cohortId"))).getOptions())
                .extracting(option -> option.getAttribute("value")).doesNotContain(cohortId);

        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signInThroughProvider("ffion", "Ffion", "food-bank", "volunteers", "FACILITATOR");
        browser.get(cohort);
        waitUntil(() -> browser.findElement(By.id("end-cohort-form")).isDisplayed());
        browser.findElement(By.cssSelector("#end-cohort-form button")).click();
        assertThat(browser.switchTo().alert().getText()).startsWith("End this cohort for good?");
        browser.switchTo().alert().accept();
        waitUntil(() -> browser.findElement(By.id("cohort-status")).getText().equals(name + " has ended."));
        assertThat(browser.findElement(By.id("cohort-about")).getText()).endsWith("It has ended.");
        assertThat(browser.findElement(By.id("end-cohort-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("cohort-feed")).getText()).as("still read").contains("Later iolo");
        // Found by review: who left an ended cohort was told to enrol first, in one that takes nobody in.
        switchTo("tomos", "Tomos", "PRACTITIONER");
        browser.get(cohort);
        waitUntil(() -> browser.findElement(By.id("cohort-missing")).isDisplayed());
        assertThat(browser.findElement(By.id("cohort-missing")).getText())
                .isEqualTo("Only its members read its feed, and it has ended: nobody enrols in it any more.");
    }

    @Test
    void anEntryRecordedWithoutAConnectionWaitsOnTheDeviceAndIsSentOnceWhenTheConnectionReturns() {
        String summary = "Recorded in a basement with no signal " + System.nanoTime();
        signInThroughProvider("cerys", "Cerys", "council", "housing-options", "PRACTITIONER");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertThat(browser.findElement(By.cssSelector("link[rel=manifest]")).getAttribute("href"))
                .endsWith("/manifest.webmanifest");
        // The service worker keeps the page itself on the device, so that it opens without a connection.
        waitUntil(() -> Boolean.TRUE.equals(page.executeScript("return !!navigator.serviceWorker.controller")));
        waitUntil(() -> Boolean.TRUE.equals(page.executeAsyncScript("""
                Promise.all(['/', '/app.js', '/i18n/en.json', '/i18n/cy.json', '/ui-config']
                    .map(file => caches.match(file))).then(found => arguments[0](found.every(Boolean)))""")));

        // Each time the page tries the dashboard's stream again, and what the connection line says meanwhile.
        page.executeScript("""
                window.streamTries = 0;
                const fetched = window.fetch;
                window.fetch = (address, ...rest) => {
                  if (String(address).includes('/stream')) window.streamTries++;
                  return fetched(address, ...rest);
                };
                window.connectionSaid = 0;
                new MutationObserver(() => window.connectionSaid++)
                    .observe(document.getElementById('connection'), {childList: true, characterData: true,
                        subtree: true});""");
        offline(true);
        waitUntil(() -> Boolean.FALSE.equals(page.executeScript("return navigator.onLine")));
        // Found by the walk-through on a phone: an empty entry was saved to wait, refused only days later, unsaid.
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("summary-error")).isDisplayed());
        assertThat(browser.findElement(By.id("capture-status")).getText())
                .isEqualTo("Not saved: the entry needs what happened.");
        assertThat(browser.findElement(By.id("waiting")).isDisplayed()).isFalse();

        browser.findElement(By.id("summary")).sendKeys(summary);
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("No connection: saved"));
        assertThat(browser.findElement(By.id("waiting-entries")).getText())
                .isEqualTo("Waiting to be sent: " + summary + " Put it back in the form");
        assertThat(browser.findElement(By.id("summary")).getAttribute("value")).isEmpty();
        // Found by the same walk-through: an entry noticed as too widely shared could not be stopped before it went.
        String second = "Named the family by mistake " + System.nanoTime();
        browser.findElement(By.id("summary")).sendKeys(second);
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElements(By.cssSelector("#waiting-entries li")).size() == 2);
        browser.findElement(By.cssSelector("#waiting-entries li:nth-child(2) button")).click();
        waitUntil(() -> second.equals(browser.findElement(By.id("summary")).getDomProperty("value")));
        assertThat(browser.findElement(By.id("capture-status")).getText())
                .isEqualTo("Back in the form, not sent: change it and record it, or clear it.");
        assertThat(browser.findElement(By.id("waiting-entries")).getText()).doesNotContain(second);
        browser.findElement(By.id("summary")).clear();
        // Found by the same walk-through: "Reconnecting" was set again at each try, and a screen reader said it again.
        page.executeScript("follow()"); // the stream open before stays open offline; one opened now cannot
        waitUntil(() -> ((Number) page.executeScript("return window.streamTries")).intValue() >= 4);
        assertThat(((Number) page.executeScript("return window.connectionSaid")).intValue())
                .as("the connection line said once that it reconnects, however often it tries").isLessThanOrEqualTo(1);
        // Found when tried on a home visit without signal: an entry sent later was dated when it came.
        String noted = (String) page.executeScript(
                "return JSON.parse(JSON.parse(localStorage.getItem('waiting:cerys'))[0].body).notedAt");
        assertThat(noted).as("noted on the device").isNotNull();
        waitUntil(() -> java.time.Instant.now().isAfter(java.time.Instant.parse(noted).plusSeconds(1)));

        offline(false);
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText()
                .equals("The connection is back: sent 1 entry that waited on this device."));
        assertThat(browser.findElement(By.id("waiting")).isDisplayed()).isFalse();
        assertThat(page.executeScript("return localStorage.getItem('waiting:cerys')")).as("nothing left on the device")
                .isEqualTo("[]");
        assertThat(browser.findElement(By.id("recorded-entries")).getText()).as("to take back or share more widely")
                .contains(summary);
        String reader = client.token("sam", "PRACTITIONER");
        waitUntil(() -> client.read("/api/learning?size=100", reader).toString().contains(summary));
        assertThat(client.read("/api/learning?size=100", reader).findValuesAsText("summary"))
                .filteredOn(summary::equals).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode sent = java.util.stream.StreamSupport.stream(client.read(
                "/api/learning?size=100", reader).get("items").spliterator(), false)
                .filter(item -> item.get("summary").asText().equals(summary)).findFirst().orElseThrow();
        assertThat(java.time.Instant.parse(sent.get("at").asText())).as("dated when it was noted, not when sent")
                .isEqualTo(java.time.Instant.parse(noted));
    }

    /**
     * Found by the walk-through at a shared computer: signing out in one tab left the person signed in in another; and
     * the sign-out left entries recorded without a connection on the device without a word.
     */
    @Test
    void signingOutAsksAboutEntriesStillWaitingAndSignsOutEveryTabOfThePerson() {
        // A person of this test's own: another test's Gwen withdraws her consent, and then records nothing new.
        String gwen = "gwen-hub" + System.nanoTime() % 100_000;
        signInThroughProvider(gwen, "Gwen", "council", "housing-options", "PRACTITIONER");
        String first = browser.getWindowHandle();
        newTab();
        signInThroughProvider(gwen, "Gwen", "council", "housing-options", "PRACTITIONER");
        String second = browser.getWindowHandle();
        browser.switchTo().window(first);
        JavascriptExecutor page = (JavascriptExecutor) browser;
        // The page itself kept on the device, so that it opens again without a connection once signed out.
        waitUntil(() -> Boolean.TRUE.equals(page.executeScript("return !!navigator.serviceWorker.controller")));
        waitUntil(() -> Boolean.TRUE.equals(page.executeAsyncScript("""
                Promise.all(['/', '/app.js', '/i18n/en.json', '/ui-config'].map(file => caches.match(file)))
                    .then(found => arguments[0](found.every(Boolean)))""")));
        offline(true);
        waitUntil(() -> Boolean.FALSE.equals(page.executeScript("return navigator.onLine")));
        browser.findElement(By.id("summary")).sendKeys("Recorded at the hub without signal " + System.nanoTime());
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("waiting")).isDisplayed());

        browser.findElement(By.id("sign-out")).click();
        org.openqa.selenium.Alert asked = browser.switchTo().alert();
        assertThat(asked.getText()).startsWith("1 entry recorded without a connection has not been sent yet.");
        asked.dismiss();
        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).as("still signed in").isTrue();
        browser.findElement(By.id("sign-out")).click();
        browser.switchTo().alert().accept();
        offline(false);
        waitUntil(() -> browser.findElement(By.id("oidc-sign-in")).isDisplayed());

        browser.switchTo().window(second);
        waitUntil(() -> browser.findElement(By.id("oidc-sign-in")).isDisplayed());
        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
    }

    /**
     * Found by the walk-through at a shared computer: signing out left the provider's sign-in as it was, so that with a
     * provider that remembers it, whoever signed in next there was let in as the person before.
     */
    @Test
    void signingOutEndsTheProvidersSignInToo() throws Exception {
        signInThroughProvider("ifan", "Ifan", "council", "housing-options", "PRACTITIONER");
        String refresh = (String) ((JavascriptExecutor) browser).executeScript(
                "return JSON.parse(sessionStorage.getItem('session')).refreshToken");

        browser.findElement(By.id("sign-out")).click();

        waitUntil(() -> browser.getCurrentUrl().startsWith(platform.settings().queryServiceUrl())
                && browser.findElement(By.id("oidc-sign-in")).isDisplayed());
        java.net.http.HttpResponse<String> renewal = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.settings().issuerUrl() + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "grant_type=refresh_token&client_id=learning-dashboard&refresh_token=" + refresh))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(renewal.statusCode()).as("the provider's sign-in ended: " + renewal.body()).isEqualTo(400);
    }

    /**
     * Found walking through as a person new to such pages: with nothing touched, an entry went to the whole system
     * as a practitioner's (the form had chosen both). The person chooses now, and the next entry keeps the choices.
     */
    @Test
    void whoMayReadAnEntryAndWhoseVoiceItCarriesAreChosenNotAssumed() {
        String priya = client.token("priya", "PRACTITIONER");
        signInAs("Priya (practitioner)");
        String summary = "Chose who reads it " + System.nanoTime();
        browser.findElement(By.id("summary")).sendKeys(summary);

        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();

        waitUntil(() -> browser.findElement(By.id("visibility-error")).isDisplayed());
        assertThat(browser.findElement(By.id("perspective-error")).getText()).endsWith("must be chosen");
        assertThat(browser.findElement(By.id("capture-status")).getText()).startsWith("Not recorded yet");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("perspective");
        new Select(browser.findElement(By.id("perspective"))).selectByValue("VOLUNTEER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("PRIVATE"); // counted on no dashboard
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        assertThat(client.read("/api/learning/mine", priya).toString()).contains(summary);
        waitUntil(() -> "PRIVATE".equals(browser.findElement(By.id("visibility")).getDomProperty("value")));
        assertThat(browser.findElement(By.id("perspective")).getDomProperty("value")).isEqualTo("VOLUNTEER");
        assertThat(browser.findElement(By.id("summary")).getDomProperty("value")).isEmpty();
    }

    /**
     * Found walking through as a person new to such pages: reloading while an entry was on its way said "nothing was
     * sent", and recording it again recorded it twice.
     */
    @Test
    void reloadingWhileAnEntryIsOnItsWaySaysItMayHaveGoneAndRecordingItAgainRecordsItOnce() {
        String priya = client.token("priya", "PRACTITIONER");
        String summary = "Reloaded while sending " + System.nanoTime();

        reloadWhileOnItsWay(priya, summary);

        waitUntil(() -> browser.findElement(By.id("capture-status")).getText()
                .startsWith("What you were writing is back in the form. It may have been sent already"));
        assertThat(browser.findElement(By.id("summary")).getDomProperty("value")).isEqualTo(summary);
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        assertThat(client.read("/api/learning/mine", priya).toString().split(java.util.regex.Pattern.quote(summary),
                -1)).as("recorded once").hasSize(2);
    }

    @Test
    void aDraftBroughtBackKeepsAChoiceItsListDoesNotHoldNow() {
        // Found by review: brought back where the list of experiments could not be read (no connection), the one
        // chosen became none; sent once already, the entry then went again without it, under another key.
        signInAs("Priya (practitioner)");
        browser.findElement(By.id("summary")).sendKeys("Within an experiment not listed now");
        ((JavascriptExecutor) browser).executeScript("""
                const select = document.getElementById('experimentId');
                select.append(new Option('Listed then', 'not-listed-now'));
                select.value = 'not-listed-now';""");

        browser.navigate().refresh();

        waitUntil(() -> "Within an experiment not listed now".equals(
                browser.findElement(By.id("summary")).getDomProperty("value")));
        assertThat(browser.findElement(By.id("experimentId")).getDomProperty("value")).isEqualTo("not-listed-now");
        assertThat(new Select(browser.findElement(By.id("experimentId"))).getFirstSelectedOption().getText())
                .isEqualTo("As chosen before (not listed now)");
    }

    /** Found by review: recorded again without a connection, an entry brought back that way got a new key. */
    @Test
    void anEntryBroughtBackAfterAReloadWhileOnItsWayWaitsOfflineUnderItsFirstKey() {
        String priya = client.token("priya", "PRACTITIONER");
        String summary = "Reloaded while sending, then no signal " + System.nanoTime();
        reloadWhileOnItsWay(priya, summary);
        JavascriptExecutor page = (JavascriptExecutor) browser;
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("What you were writing"));

        offline(true);
        waitUntil(() -> Boolean.FALSE.equals(page.executeScript("return navigator.onLine")));
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("No connection: saved"));
        offline(false);
        page.executeScript("window.dispatchEvent(new Event('online'))");

        waitUntil(() -> !browser.findElement(By.id("waiting")).isDisplayed());
        assertThat(client.read("/api/learning/mine", priya).toString().split(java.util.regex.Pattern.quote(summary),
                -1)).as("recorded once").hasSize(2);
    }

    /**
     * Found walking through as a volunteer new to such pages: a double tap on Record sent it twice, and the second
     * answer ("still being answered", then "must not be blank") said "Not recorded" over "Recorded"; and the thanks
     * said it was on the dashboard whoever it was shared with.
     */
    @Test
    void aDoubleTapOnRecordSendsOnceAndSaysOnlyRecordedAndWhoReadsIt() {
        signInAs("Priya (practitioner)");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("""
                window.sent = 0;
                window.said = [];
                const real = window.fetch;
                window.fetch = (url, options) => {
                  if (String(url).endsWith('/api/learning') && options && options.method === 'POST') window.sent++;
                  return real(url, options);
                };
                const status = document.getElementById('capture-status');
                new MutationObserver(() => window.said.push(status.textContent))
                    .observe(status, {childList: true, characterData: true, subtree: true});""");
        browser.findElement(By.id("summary")).sendKeys("Tapped twice " + System.nanoTime());
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("TEAM");

        new org.openqa.selenium.interactions.Actions(browser)
                .doubleClick(browser.findElement(By.cssSelector("#capture-form button[type=submit]"))).perform();

        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
        assertThat(browser.findElement(By.id("capture-status")).getText()).contains("your team can read it");
        assertThat(page.executeScript("return window.sent")).isEqualTo(1L);
        assertThat((List<Object>) page.executeScript("return window.said")).noneMatch(text -> String.valueOf(text)
                .contains("Not recorded"));
        waitUntil(() -> "submit".equals(browser.switchTo().activeElement().getAttribute("type"))); // focus kept
    }

    /** Found by the walk-through of a set over months: a facilitator who fell ill left the set frozen for good. */
    @Test
    void aMemberTakesUpFacilitationWhenTheFacilitatorCannotGoOn() {
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String nia = "nia" + suffix;
        signInThroughProvider("femi" + suffix, "Femi", "council", "learning", "FACILITATOR");
        String setAddress = formSet("Rent " + suffix, nia + ", owen" + suffix + ", cai" + suffix);

        switchTo(nia, "Nia", "PRACTITIONER");
        browser.get(setAddress);
        waitUntil(() -> browser.findElement(By.id("hand-over-form")).isDisplayed());
        browser.findElement(By.id("member-facilitator")).sendKeys("someone-else" + suffix);
        browser.findElement(By.cssSelector("#hand-over-form button")).click();
        waitUntil(() -> browser.findElement(By.id("member-facilitator-error")).isDisplayed());
        assertThat(browser.findElement(By.id("member-facilitator-error")).getText()).contains("member of this set");
        browser.findElement(By.id("member-facilitator")).clear();
        browser.findElement(By.id("member-facilitator")).sendKeys(nia);
        browser.findElement(By.cssSelector("#hand-over-form button")).click();

        waitUntil(() -> browser.findElement(By.id("set-people")).getText().startsWith("Facilitated by " + nia));
        // Found in review: whoever facilitated before was out of the set, and the two left were too few to meet.
        assertThat(browser.findElement(By.id("set-members-list")).getText()).contains("femi" + suffix);
        assertThat(browser.findElement(By.id("open-session-form")).isDisplayed()).as("femi, owen and cai").isTrue();
        assertThat(browser.findElement(By.id("open-session-hint")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("add-member-form")).isDisplayed()).isTrue();
    }

    /** Found by the walk-through of a set over months: a set that had done its work could never end. */
    @Test
    void aFacilitatorEndsASetThatHasDoneItsWorkAndItsPeopleSeeItEnded() {
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String nia = "nia" + suffix;
        signInThroughProvider("fola" + suffix, "Fola", "council", "learning", "FACILITATOR");
        String setAddress = formSet("Debt " + suffix, nia + ", owen" + suffix + ", cai" + suffix);

        waitUntil(() -> browser.findElement(By.id("end-set-form")).isDisplayed());
        browser.findElement(By.cssSelector("#end-set-form button")).click();
        assertThat(browser.switchTo().alert().getText()).contains("End this set for good?");
        browser.switchTo().alert().accept();

        waitUntil(() -> browser.findElement(By.id("set-ended")).isDisplayed());
        assertThat(browser.findElement(By.id("set-ended")).getText()).startsWith("This set ended on ");
        assertThat(browser.findElement(By.id("open-session-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("end-set-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("add-member-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("hand-over-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("set-members-list")).getText()).as("each keeps what they were there for")
                .doesNotContain("Remove");
        // Found walking through a set over months: its facilitator could never leave it once it had ended.
        browser.findElement(By.cssSelector("#leave-set-form button")).click();
        waitUntil(() -> browser.findElement(By.id("set-missing")).isDisplayed());
        // Found reading the page as a new user would: having left, she was told she might not read it, as if refused.
        waitUntil(() -> browser.findElement(By.id("set-missing")).getText().startsWith("You are no longer in this set"));
        browser.findElement(By.linkText("Action learning")).click();
        waitUntil(() -> browser.findElement(By.id("my-sets")).getText().contains("not in a set"));

        switchTo(nia, "Nia", "PRACTITIONER");
        browser.findElement(By.linkText("Action learning")).click();
        waitUntil(() -> browser.findElement(By.id("my-sets")).getText().contains("Debt " + suffix + " (ended on "));
        browser.get(setAddress);
        waitUntil(() -> browser.findElement(By.id("set-ended")).isDisplayed());
        assertThat(browser.findElement(By.id("end-set-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("set-members-list")).getText()).contains("Leave the set");
    }

    /**
     * Found when tried as a small partner charity without teams: "my team" was offered (and preselected for stories
     * and experiments), though nobody else would ever read it, and a team view led nowhere.
     */
    @Test
    void someoneWhoseSignInNamesNoTeamIsNotOfferedTheirTeam() {
        signInThroughProvider("nadia", "Nadia", "small-charity", "", "PRACTITIONER");

        assertThat(browser.findElements(By.cssSelector("option[value=TEAM], #view option[value=team]"))).isEmpty();
        assertThat(new Select(browser.findElement(By.id("story-visibility"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("PRIVATE");
        assertThat(new Select(browser.findElement(By.id("propose-visibility"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("PRIVATE");

        // Found by review: sharing her private experiment more widely offered "its team", which is refused.
        browser.findElement(By.linkText("Experiments")).click();
        waitUntil(() -> browser.findElement(By.id("propose-title")).isDisplayed());
        String title = "Lunch club " + System.nanoTime();
        browser.findElement(By.id("propose-title")).sendKeys(title);
        browser.findElement(By.id("propose-hypothesis")).sendKeys("People come back for company");
        browser.findElement(By.id("propose-plannedEnding")).sendKeys("Hand it to the volunteers");
        browser.findElement(By.cssSelector("#propose-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("experiment-title")).getText().equals(title));
        // Found with it: with no team, she was offered no step of her own experiment (the page looked for one).
        waitUntil(() -> browser.findElement(By.id("share-form")).isDisplayed());
        assertThat(browser.findElement(By.id("start-form")).isDisplayed()).isTrue();
        assertThat(new Select(browser.findElement(By.id("share-visibility"))).getOptions())
                .extracting(option -> option.getAttribute("value")).containsExactly("ORGANISATION", "SYSTEM");
        // Found reading the page as a new user would: it named her "Nadia (null, small-charity)".
        assertThat(browser.findElement(By.id("experiment-facts")).getText()).contains("Nadia (small-charity)")
                .doesNotContain("null");
    }

    /**
     * Found by the walk-through at a shared computer: a sign-in that could not be renewed stayed on the screen after
     * its token expired, signed in, wherever no live stream was refused for it (here, a past instant read once).
     */
    @Test
    void aSignInThatCannotBeRenewedEndsWhenItsTokenDoesThoughNothingIsAsked() {
        signInThroughProvider("hari", "Hari", "council", "housing-options", "LEADER");
        String said = "Recorded before the sign-in expired " + System.nanoTime();
        recordAReflection(said);
        JavascriptExecutor page = (JavascriptExecutor) browser;
        waitUntil(() -> String.valueOf(page.executeScript("return localStorage.getItem('recorded:hari')"))
                .contains(said));
        browser.get(platform.settings().queryServiceUrl() + "/?asOf=2026-01-01T00:00:00Z");
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("As it was"));

        page.executeScript("""
                const kept = JSON.parse(sessionStorage.getItem('session'));
                sessionStorage.setItem('session', JSON.stringify({...kept, refreshToken: 'spent',
                    expiresAt: Date.now() + 8000}));
                scheduleRenewal();""");

        waitUntil(() -> browser.findElement(By.id("oidc-sign-in")).isDisplayed());
        assertThat(browser.findElement(By.id("connection")).getText())
                .isEqualTo("Your sign-in has expired; sign in again.");
        // Found in review: signed out by the expiry, not by the person, the device kept the words of what they had
        // recorded (private entries too) for whoever uses the browser next.
        assertThat(String.valueOf(page.executeScript("return localStorage.getItem('recorded:hari')")))
                .doesNotContain(said);
    }

    /**
     * Found by the walk-through on a phone: a view opened without a connection stayed blank, with nothing said and
     * focus nowhere, and was not read again when the connection came back.
     */
    @Test
    void aViewOpenedWithoutAConnectionSaysSoAndIsReadOnceTheConnectionIsBack() {
        signInAs("Priya (practitioner)");
        offline(true);
        try {
            waitUntil(() -> Boolean.FALSE.equals(((JavascriptExecutor) browser).executeScript(
                    "return navigator.onLine")));
            browser.findElement(By.linkText("Action learning")).click();

            waitUntil(() -> browser.findElement(By.id("view-status")).isDisplayed());
            assertThat(browser.findElement(By.id("view-status")).getText())
                    .isEqualTo("No connection: this could not be read. It is read again when the connection is back.");
        } finally {
            offline(false);
        }
        waitUntil(() -> browser.findElement(By.id("my-sets")).getText().contains("not in a set"));
        assertThat(browser.findElement(By.id("view-status")).isDisplayed()).isFalse();
    }

    /** A set {@code facilitator} formed (of housing options, at the council) of {@code members}, its session 1 open. */
    private String setWithItsFirstSessionOpen(String facilitator, String name, String... members) {
        String token = client.token(facilitator, "Fiona", "FACILITATOR", "council", "housing-options");
        String setId = Client.json(client.command("/api/sets", token, "{\"name\":\"" + name
                + "\",\"facilitator\":\"" + facilitator + "\",\"members\":[\"" + String.join("\",\"", members)
                + "\"]}", 201)).get("id").asText();
        client.command("/api/sets/" + setId + "/sessions", token, "{}", 201);
        return setId;
    }

    /** {@code presenter} presents {@code problem} at session {@code number} and commits to {@code action}: its id. */
    private String presentAndCommit(String setId, int number, String token, String presenter, String problem,
                                    String action) {
        String session = "/api/sets/" + setId + "/sessions/" + number;
        client.command(session + "/presentation", token,
                "{\"presenter\":\"" + presenter + "\",\"problem\":\"" + problem + "\"}", 200);
        return Client.json(client.command(session + "/actions", token, "{\"text\":\"" + action + "\",\"dueBy\":\""
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusWeeks(2) + "\"}", 201)).get("id").asText();
    }

    /** Takes the page's connection away, or gives it back, as a lost signal does (Chrome's network emulation). */
    private void offline(boolean offline) {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Network.enable", java.util.Map.of());
        chrome.executeCdpCommand("Network.emulateNetworkConditions", java.util.Map.of("offline", offline,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @Test
    void aPersonSignsInAndProposesAnExperimentWithTheKeyboardAlone() {
        browser.get(platform.settings().queryServiceUrl() + "/");
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        tabTo(By.id("person"));
        type("Priya");
        tabTo(By.cssSelector("#sign-in button"));
        type(Keys.ENTER);
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));

        tabTo(By.linkText("Experiments"));
        type(Keys.ENTER);
        waitUntil(() -> browser.findElement(By.id("experiments-view")).isDisplayed());
        tabTo(By.id("propose-title"));
        type("Keys only");
        type(Keys.TAB, "Nobody needs a mouse");
        type(Keys.TAB, "access");
        type(Keys.TAB, "Stop and say what we learned");
        tabTo(By.cssSelector("#propose-form button[type=submit]"));
        type(Keys.ENTER);

        waitUntil(() -> browser.findElement(By.id("experiment-title")).getText().equals("Keys only"));
        assertThat(browser.switchTo().activeElement()).as("focus moves to the new page's heading")
                .isEqualTo(browser.findElement(By.id("experiment-title")));
    }

    /** Presses Tab until {@code target} has the focus, as someone without a mouse moves through the page. */
    private void tabTo(By target) {
        WebElement wanted = browser.findElement(target);
        for (int press = 0; press < 100 && !wanted.equals(browser.switchTo().activeElement()); press++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement()).as("reached by Tab: " + target).isEqualTo(wanted);
    }

    /** Records a practitioner's reflection through the capture form as it stands, and waits until it is recorded. */
    /**
     * Signs Priya ({@code priya}, her token) in and records {@code summary}, whose answer never reaches the page (it
     * reaches the service), then reloads the page.
     */
    private void reloadWhileOnItsWay(String priya, String summary) {
        signInAs("Priya (practitioner)");
        ((JavascriptExecutor) browser).executeScript("""
                const real = window.fetch;
                window.fetch = (url, options) => {
                  if (!String(url).endsWith('/api/learning')) return real(url, options);
                  real(url, options); // it reaches the service; its answer never reaches this page
                  return new Promise(() => {});
                };""");
        browser.findElement(By.id("summary")).sendKeys(summary);
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> client.read("/api/learning/mine", priya).toString().contains(summary));
        browser.navigate().refresh();
    }

    private void recordAReflection(String summary) {
        new Select(browser.findElement(By.id("perspective"))).selectByValue("PRACTITIONER");
        new Select(browser.findElement(By.id("visibility"))).selectByValue("SYSTEM");
        browser.findElement(By.cssSelector("input[name=kind][value=REFLECTION]")).click();
        browser.findElement(By.id("summary")).sendKeys(summary);
        browser.findElement(By.cssSelector("#capture-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("capture-status")).getText().startsWith("Recorded"));
    }

    /**
     * An experiment of {@code proposer}'s team, titled {@code title}, proposed and started a month ago to end two days
     * ago: brought into the event store as a backup's events are (a proposal made today cannot end in the past).
     */
    private void startedAMonthAgoDueToEndTwoDaysAgo(String title, Actor proposer) {
        String experimentId = java.util.UUID.randomUUID().toString();
        java.time.Instant proposed = java.time.Instant.now().minus(Duration.ofDays(30));
        List<DomainEvent> events = List.of(new ExperimentProposed(experimentId, title,
                        "People who work come on Saturdays", List.of("housing"), "Back to weekdays only",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2), null, Visibility.TEAM,
                        proposer, proposed),
                new ExperimentStarted(experimentId, proposer, proposed.plus(Duration.ofDays(1))));
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (DomainEvent event : events) {
            envelopes.add(new EventEnvelope(java.util.UUID.randomUUID().toString(),
                    EventTypes.nameOf(event.getClass()), EventTypes.schemaVersionOf(event.getClass()), experimentId,
                    envelopes.size(), 0, event.occurredAt(), java.time.Instant.now(),
                    EventJson.newMapper().valueToTree(event)));
        }
        assertThat(new HistoryImport(platform.settings().commandServiceUrl(), client.operatorToken())
                .importAll(envelopes.iterator(), done -> { })).isEqualTo(envelopes.size());
    }

    /** The entry saying {@code summary} among those offered to take back or share more widely. */
    private WebElement recordedEntry(String summary) {
        return browser.findElements(By.cssSelector("#recorded-entries > li")).stream()
                .filter(entry -> entry.getText().startsWith(summary)).findFirst().orElseThrow();
    }

    private void type(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** Forms a set named {@code name} of {@code members} (as typed), facilitated by whoever is signed in; its address. */
    private String formSet(String name, String members) {
        browser.findElement(By.linkText("Action learning")).click();
        waitUntil(() -> browser.findElement(By.id("set-name")).isDisplayed());
        browser.findElement(By.id("set-name")).sendKeys(name);
        browser.findElement(By.id("set-members")).sendKeys(members);
        browser.findElement(By.cssSelector("#form-set-form button")).click();
        waitUntil(() -> browser.findElement(By.id("set-title")).getText().equals(name));
        return browser.getCurrentUrl();
    }

    /** Signs out, then in again as someone else of the council's housing team, through the provider. */
    private void switchTo(String sub, String name, String role) {
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signInThroughProvider(sub, name, "council", "housing-options", role);
    }

    /** Signs in through the OpenID Connect provider, as a person with their own organisation's account does. */
    private void signInThroughProvider(String sub, String name, String organisation, String team, String role) {
        browser.get(platform.settings().queryServiceUrl() + "/");
        waitUntil(() -> browser.findElement(By.id("oidc-sign-in")).isDisplayed());
        browser.findElement(By.id("oidc-sign-in")).click();
        waitUntil(() -> browser.getCurrentUrl().startsWith(platform.settings().issuerUrl() + "/authorize?"));
        signInAtTheProvider(sub, name, organisation, team, role);
    }

    private void signInAtTheProvider(String sub, String name, String organisation, String team, String role) {
        submitAtTheProvider(sub, name, organisation, team, role);
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
    }

    /**
     * Fills in the development provider's form (a stand-in for an organisation's own, not the platform's page: filled
     * by script, as typing it key by key took most of a second of each of some seventy sign-ins) and sends it.
     */
    private void submitAtTheProvider(String sub, String name, String organisation, String team, String role) {
        ((JavascriptExecutor) browser).executeScript("""
                const [fields, role] = arguments;
                for (const [id, value] of Object.entries(fields)) document.getElementById(id).value = value;
                document.getElementsByName('role-' + role)[0].checked = true;""",
                Map.of("sub", sub, "name", name, "organisation", organisation, "team", team, "place", "fife"), role);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void signInAs(String person) {
        browser.get(platform.settings().queryServiceUrl() + "/");
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        new Select(browser.findElement(By.id("person"))).selectByVisibleText(person);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        waitUntil(() -> browser.findElement(By.id("connection")).getText().startsWith("Live"));
        waitUntil(() -> !browser.findElements(By.cssSelector("#headline li")).isEmpty());
    }

    /** A headline number, read in one script: the live page replaces these elements as it updates. */
    private long headline(String label) {
        String number = headlineText(label);
        assertThat(number).as("the headline number for " + label).isNotNull();
        return Long.parseLong(number);
    }

    /** What a headline shows for {@code label} (a number, or what small-number control says instead). */
    private String headlineText(String label) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                for (const item of document.querySelectorAll('#headline li')) {
                  if (item.textContent.endsWith(arguments[0])) return item.querySelector('.number').textContent;
                }
                return null;""", label);
    }

    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE, Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private void saveScreenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(shot, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String describe(List<Rule> violations) {
        StringBuilder text = new StringBuilder();
        violations.forEach(rule -> text.append(rule.getId()).append(": ").append(rule.getHelp()).append(' ')
                .append(rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList())
                .append('\n'));
        return text.toString();
    }
}
