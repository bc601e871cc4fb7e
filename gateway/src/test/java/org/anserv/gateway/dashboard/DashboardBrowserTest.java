package org.anserv.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.anserv.gateway.fixtures.Slow;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real browser: headless Chromium loads the pages from a running node, runs their scripts under
 * the Content-Security-Policy, and the test reads the resulting DOM. Screenshots go to
 * {@code target/screenshots/} for a person to look at. Skipped when {@code /usr/bin/chromium} is not installed
 * (Debian package {@code chromium}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String SKIPPED = "Dashboard browser tests skipped: no headless browser at "
      + HeadlessChromium.BINARY + ". Install the Debian package 'chromium' (apt-get install -y chromium) to run them.";

  @TempDir
  Path profiles;

  private RunningServer server;
  private HeadlessChromium chromium;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    if (!HeadlessChromium.installed()) {
      LoggerFactory.getLogger(DashboardBrowserTest.class).warn(SKIPPED);
      return;
    }
    server = RunningServer.start(dataDir);
    JsonArray events = new JsonArray();
    String[] users = {"ann", "bob", "cid", "dee", "eve"};
    for (int i = 0; i < users.length; i++) {
      for (int n = 0; n <= 2 * (users.length - i); n++) {
        events.add(RunningServer.event(users[i], "play_video"));
      }
    }
    server.feed(events);
  }

  /** Skips each test, so every one is reported as skipped with the reason (Surefire counts none for a class). */
  @BeforeEach
  void needsChromium() {
    Assumptions.assumeTrue(HeadlessChromium.installed(), SKIPPED);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Document rendered(String path) throws Exception {
    return Jsoup.parse(new HeadlessChromium(profiles).dumpDom(server.url(path)), server.url(path));
  }

  @Test
  void navigationListsTheViewsByCategoryAndFramesTheChosenOne() throws Exception {
    Document page = rendered("/modules/counts/views/overview");

    Element global = page.selectFirst(".nav-group[data-category=global]");
    assertThat(global.select("a.active").attr("href")).isEqualTo("/modules/counts/views/overview");
    assertThat(page.select(".nav-group").eachAttr("data-category")).containsSubsequence("global", "student+course");
    Element frame = page.selectFirst("iframe.view-frame");
    assertThat(frame.attr("src")).isEqualTo("/views/counts/overview");
    assertThat(frame.attr("sandbox")).isEqualTo("allow-scripts");
    assertThat(frame.attr("style")).as("the sandboxed view ran view.js and reported its height")
        .matches("height: \\d+px;");
  }

  @Test
  void parameterFormOffersPickListsAndFramesTheViewWithTheValues() throws Exception {
    Document page = rendered("/modules/roster/views/progress?user=bob&course=course-v1%3AOrg%2BB%2B1");

    assertThat(page.select("form[data-view-form] [name]").eachAttr("name"))
        .containsExactly("user", "course", "weeks", "share", "detailed");
    assertThat(page.getElementById("p-user").val()).isEqualTo("bob");
    assertThat(page.select("#pick-students option").eachAttr("value")).contains("ann", "bob");
    assertThat(page.selectFirst("iframe.view-frame").attr("src"))
        .isEqualTo("/views/roster/progress?user=bob&course=course-v1%3AOrg%2BB%2B1");
  }

  @Test
  void aViewsChartIsDrawnByTheVendoredChartLibrary() throws Exception {
    Document view = rendered("/views/counts/overview");

    Element canvas = view.selectFirst("canvas[data-chart]");
    assertThat(canvas.attr("data-chart-error")).isEmpty();
    assertThat(canvas.attr("data-rendered")).isEqualTo("true");
    assertThat(canvas.parent().hasClass("chart-box")).isTrue();
  }

  @Test
  void theOverviewChartIsDrawnUnderTheDashboardsStrictPolicy() throws Exception {
    Document home = rendered("/");

    assertThat(home.selectFirst("canvas[data-chart]").attr("data-rendered")).isEqualTo("true");
  }

  @Test
  void tryItShowsAQueryResultPrettyPrinted() throws Exception {
    Document page = rendered("/modules/counts#query-top");

    Element output = page.selectFirst("#query-top [data-try-output]");
    assertThat(output.attr("data-status")).isEqualTo("200");
    assertThat(output.text()).startsWith("200 OK").contains("\"user\": \"ann\"");
    assertThat(output.wholeText()).contains("[\n  {\n    \"user\": \"ann\",\n    \"events\": 11\n  }");
  }

  @Test
  void aSlowViewShowsProgressAtOnceThenFillsIn() throws Exception {
    Slow.hold();
    try (DevTools browser = DevTools.launch(profiles.resolve("devtools-slow"))) {
      DevTools.Tab tab = browser.open(server.url("/modules/slow/views/report"));

      Object progress = tab.await(() -> tab.evaluateInFrame("document.querySelector('[data-pending] progress')"
          + " ? document.body.innerText : null"), 30, "the progress page in the view's frame");
      assertThat(progress.toString()).contains("Preparing slow / report");
      tab.await(() -> "complete".equals(tab.evaluate("document.readyState")) ? true : null, 5,
          "the dashboard page loaded while the view is still running");
      assertThat(tab.evaluateInFrame("document.querySelector('[data-pending]') !== null")).isEqualTo(true);
      tab.screenshot(SCREENSHOTS.resolve("async-view-pending.png"), 1280, 600);

      Slow.release("Report ready");
      Object report = tab.await(() -> tab.evaluateInFrame("document.querySelector('h2.slow-report')"
          + " ? document.querySelector('h2.slow-report').textContent : null"), 30, "the finished view");
      assertThat(report).isEqualTo("Report ready");
      assertThat(tab.evaluateInFrame("document.querySelector('[data-pending]') === null")).isEqualTo(true);
      tab.screenshot(SCREENSHOTS.resolve("async-view-ready.png"), 1280, 600);
    } finally {
      Slow.release("released");
    }
  }

  @Test
  void aBrokenTemplateShowsAnErrorPageInItsFrameWhileOtherViewsWork() throws Exception {
    try (DevTools browser = DevTools.launch(profiles.resolve("devtools-broken"))) {
      DevTools.Tab broken = browser.open(server.url("/modules/broken-views/views/syntax"));
      Object error = broken.await(() -> broken.evaluateInFrame("document.querySelector('.view-error pre')"
          + " ? document.querySelector('.view-error pre').textContent : null"), 30, "the template error page");
      assertThat(error).isEqualTo("Template error in module 'broken-views', view 'syntax':"
          + " templates/broken-views/syntax.hbs:3:14: found: '}'");
      broken.screenshot(SCREENSHOTS.resolve("view-template-error.png"), 1280, 700);

      DevTools.Tab fine = browser.open(server.url("/modules/broken-views/views/fine"));
      assertThat(fine.await(() -> fine.evaluateInFrame("document.querySelector('p.fine')"
          + " ? document.querySelector('p.fine').textContent : null"), 30, "the working view")).isEqualTo("All fine.");
      DevTools.Tab chart = browser.open(server.url("/modules/counts/views/overview"));
      assertThat(chart.await(() -> chart.evaluateInFrame("document.querySelector('canvas[data-rendered=true]')"
          + " ? 'drawn' : null"), 30, "the counts chart")).isEqualTo("drawn");
    }
  }

  @Test
  void aViewWithSampleDataOffersItAndRendersIt() throws Exception {
    Document page = rendered("/modules/counts/views/overview");
    assertThat(page.selectFirst("a[data-sample]").attr("href")).isEqualTo("/views/counts/overview?sample=true");

    Document sample = rendered("/views/counts/overview?sample=true");
    assertThat(sample.select(".total strong").text()).isEqualTo("1362");
    assertThat(sample.selectFirst("canvas[data-chart]").attr("data-rendered")).isEqualTo("true");
  }

  @Test
  void screenshotsForAReviewer() throws Exception {
    HeadlessChromium browser = new HeadlessChromium(profiles);
    browser.screenshot(server.url("/modules/counts/views/overview"), SCREENSHOTS.resolve("dashboard-view.png"),
        1280, 900);
    browser.screenshot(server.url("/"), SCREENSHOTS.resolve("dashboard-home.png"), 1280, 1100);
    browser.screenshot(server.url("/modules/counts"), SCREENSHOTS.resolve("dashboard-module.png"), 1280, 1400);
    browser.screenshot(server.url("/modules/roster/views/progress?user=ann&course=course-v1%3AOrg%2BA%2B1"),
        SCREENSHOTS.resolve("dashboard-form.png"), 1280, 700);

    for (String png : new String[] {"dashboard-view.png", "dashboard-home.png", "dashboard-module.png",
        "dashboard-form.png"}) {
      assertThat(Files.size(SCREENSHOTS.resolve(png))).as(png).isGreaterThan(10_000);
    }
  }
}
