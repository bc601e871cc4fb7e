package org.anserv.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's pages, statistics and headers over plain HTTP, on a whole node with the test fixture modules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardTest {

  private RunningServer server;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server = RunningServer.start(dataDir);
    server.feed(new JsonArray().add(RunningServer.event("ann", "a")).add(RunningServer.event("ann", "b"))
        .add(RunningServer.event("bob", "problem_check")));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Document page(String path) {
    HttpResponse<Buffer> response = server.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return Jsoup.parse(response.bodyAsString(), server.url(path));
  }

  @Nested
  class Headers {

    @Test
    void everyDashboardPageCarriesTheStrictPolicy() {
      for (String path : new String[] {"/", "/modules/counts", "/modules/counts/views/overview", "/modules/broken",
          "/modules/nope"}) {
        HttpResponse<Buffer> response = server.get(path);
        assertThat(response.getHeader("Content-Security-Policy")).as(path).isEqualTo("default-src 'none';"
            + " script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self';"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(response.getHeader("Content-Type")).as(path).isEqualTo("text/html; charset=utf-8");
      }
    }

    @Test
    void dashboardPagesHaveNoInlineScriptOrStyle() {
      for (String path : new String[] {"/", "/modules/counts", "/modules/roster/views/progress?user=ann"}) {
        Document page = page(path);
        assertThat(page.select("script:not([src])")).as(path).isEmpty();
        assertThat(page.select("style, [style]")).as(path).isEmpty();
        assertThat(page.select("script[src]").eachAttr("src")).as(path).allMatch(src -> src.startsWith("/assets/"));
      }
    }

    @Test
    void viewPagesForbidInlineScriptAndLoadChartsOnlyWhenDeclared() {
      Document overview = page("/views/counts/overview");
      assertThat(overview.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
          .contains("script-src 'self'").doesNotContain("unsafe-eval");
      assertThat(overview.select("script").eachAttr("src")).containsExactly("/assets/view.js",
          "/assets/vendor/chart.umd.js", "/assets/charts.js");
      Document progress = page("/views/roster/progress?user=ann&course=c");
      assertThat(progress.select("script").eachAttr("src")).containsExactly("/assets/view.js");
    }

    @Test
    void servesTheVendoredChartLibraryFromTheJar() {
      HttpResponse<Buffer> chart = server.get("/assets/vendor/chart.umd.js");
      assertThat(chart.statusCode()).isEqualTo(200);
      assertThat(chart.getHeader("Content-Type")).startsWith("text/javascript");
      assertThat(chart.bodyAsString()).startsWith("/*!\n * Chart.js v4.4.9");
    }
  }

  @Nested
  class Stats {

    @Test
    void countsEventsHandledPerHandler() {
      JsonObject stats = server.get("/modules/counts/stats").bodyAsJsonObject();
      assertThat(stats.getString("status")).isEqualTo("running");
      assertThat(stats.getJsonObject("events").getLong("handled")).isGreaterThanOrEqualTo(3);
      assertThat(stats.getJsonObject("events").getLong("failed")).isZero();
      assertThat(stats.getJsonArray("handlers").getJsonObject(0).getString("name")).isEqualTo("count");
      assertThat(stats.getLong("queueDepth")).isZero();
    }

    @Test
    void countsFailuresOfAHandlerThatThrows() {
      JsonObject stats = server.get("/modules/failing/stats").bodyAsJsonObject();
      assertThat(stats.getJsonObject("events").getLong("failed")).isGreaterThanOrEqualTo(1);
      assertThat(stats.getJsonArray("handlers").getJsonObject(0).encode())
          .contains("\"name\":\"on-problem\"").contains("\"failed\":");
    }

    @Test
    void countsCallsPerEndpointWithOutcomes() {
      server.get("/queries/counts/total");
      server.get("/queries/counts/user");
      JsonArray endpoints = server.get("/modules/counts/stats").bodyAsJsonObject().getJsonArray("endpoints");
      JsonObject user = endpoints.stream().map(JsonObject.class::cast)
          .filter(e -> "user".equals(e.getString("name"))).findFirst().orElseThrow();
      assertThat(user.getString("kind")).isEqualTo("query");
      assertThat(user.getJsonObject("outcomes").getLong("bad_request")).isGreaterThanOrEqualTo(1);
      assertThat(user.getLong("failed")).as("a caller's mistake is not the module's failure").isZero();
    }

    @Test
    void reportsAModuleThatFailedToDeploy() {
      JsonObject stats = server.get("/modules/broken/stats").bodyAsJsonObject();
      assertThat(stats.getString("status")).isEqualTo("failed");
      assertThat(stats.getJsonObject("events").getLong("handled")).isZero();
    }

    @Test
    void answers404ForAnUnknownModule() {
      HttpResponse<Buffer> response = server.get("/modules/nope/stats");
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getString("message"))
          .isEqualTo("No module called 'nope' is deployed. GET /schema lists the modules.");
    }
  }

  @Nested
  class Pages {

    @Test
    void navigationGroupsViewsByCategoryInOrder() {
      Document home = page("/");
      assertThat(home.select(".nav-group").eachAttr("data-category")).containsSubsequence("global", "student+course");
      assertThat(home.select(".nav-group[data-category=global] a").eachAttr("href"))
          .contains("/modules/counts/views/overview", "/modules/failing/views/missing-template");
      assertThat(home.select(".nav-group[data-category=student+course] h3").text()).isEqualTo("Student + course");
      assertThat(home.select(".nav-modules li.failed a").eachAttr("href")).contains("/modules/broken");
    }

    @Test
    void homeShowsModuleCardsAChartAndDeployFailures() {
      Document home = page("/");
      assertThat(home.select(".card h2 a").eachText()).contains("counts", "roster", "failing", "video-watcher");
      JsonObject chart = new JsonObject(home.select("canvas[data-chart]").attr("data-chart"));
      assertThat(chart.getString("type")).isEqualTo("bar");
      assertThat(chart.getJsonObject("data").getJsonArray("labels").getList()).contains("counts");
      assertThat(home.select("#failed .failure h3 a").eachText()).contains("broken");
      assertThat(home.select("#failed .problems").text()).contains("must not be static");
    }

    @Test
    void viewPageWithoutRequiredParametersShowsTheFormAndNoFrame() {
      Document page = page("/modules/roster/views/progress");
      assertThat(page.select("form[data-view-form] input, form[data-view-form] select").eachAttr("name"))
          .containsExactly("user", "course", "weeks", "share", "detailed");
      assertThat(page.select("iframe")).isEmpty();
      assertThat(page.select(".notice code").eachText()).containsExactly("user", "course");
    }

    @Test
    void formInputsFollowTheDeclaredTypesDefaultsAndRequiredness() {
      Document page = page("/modules/roster/views/progress");
      Element user = page.getElementById("p-user");
      assertThat(user.attr("type")).isEqualTo("text");
      assertThat(user.hasAttr("required")).isTrue();
      assertThat(page.select("label[for=p-user] .required")).hasSize(1);
      Element weeks = page.getElementById("p-weeks");
      assertThat(weeks.attr("type")).isEqualTo("number");
      assertThat(weeks.attr("step")).isEqualTo("1");
      assertThat(weeks.val()).isEqualTo("4");
      assertThat(weeks.hasAttr("required")).isFalse();
      assertThat(page.getElementById("p-share").attr("step")).isEqualTo("any");
      assertThat(page.select("#p-detailed option[selected]").val()).isEqualTo("false");
      assertThat(page.select("label[for=p-weeks] + input + small").text()).isEqualTo("Weeks to show");
    }

    @Test
    void pickListsComeFromTheModulesThatListStudentsAndCourses() {
      Document page = page("/modules/roster/views/progress");
      assertThat(page.getElementById("p-user").attr("list")).isEqualTo("pick-students");
      assertThat(page.select("#pick-students option").eachAttr("value")).containsExactly("ann", "bob");
      assertThat(page.select("#pick-students option").eachText()).containsExactly("Ann Lee", "bob");
      assertThat(page.select("#pick-courses option").eachAttr("value"))
          .containsExactly("course-v1:Org+A+1", "course-v1:Org+B+1");
      assertThat(page.getElementById("p-weeks").hasAttr("list")).isFalse();
    }

    @Test
    void viewPageWithItsParametersFramesTheViewSandboxed() {
      Document page = page("/modules/roster/views/progress?user=ann&course=course-v1:Org%2BA%2B1&weeks=&detailed=true");
      Element frame = page.selectFirst("iframe.view-frame");
      assertThat(frame.attr("src")).isEqualTo("/views/roster/progress?user=ann&course=course-v1%3AOrg%2BA%2B1"
          + "&detailed=true");
      assertThat(frame.attr("sandbox")).isEqualTo("allow-scripts");
      assertThat(page.getElementById("p-user").val()).isEqualTo("ann");
      assertThat(page.getElementById("p-weeks").val()).as("a blank value falls back to the default").isEqualTo("4");
      assertThat(page.select("#p-detailed option[selected]").val()).isEqualTo("true");
      assertThat(server.get(frame.attr("src")).bodyAsString()).contains("ann in course-v1:Org+A+1");
    }

    @Test
    void escapesParameterValuesEverywhere() {
      HttpResponse<Buffer> response = server.get("/modules/roster/views/progress"
          + "?user=%22%3E%3Cscript%3Ex()%3C/script%3E");
      assertThat(response.bodyAsString()).doesNotContain("<script>x()").contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    void modulePageListsViewsQueriesToTryHandlersAndStats() {
      Document page = page("/modules/counts");
      assertThat(page.select("h1").text()).startsWith("counts");
      assertThat(page.select("[data-stats-url]").attr("data-stats-url")).isEqualTo("/modules/counts/stats");
      assertThat(Long.parseLong(page.select("[data-stat=events.handled]").text())).isGreaterThanOrEqualTo(3);
      assertThat(page.select("form[data-try]").eachAttr("action"))
          .containsExactly("/queries/counts/top", "/queries/counts/total", "/queries/counts/user");
      assertThat(page.select("#query-top input[name=limit]").val()).isEqualTo("10");
      assertThat(page.select("#query-top .badge.subtle").text()).isEqualTo("memoized 10 s");
      assertThat(page.select("table.handlers tbody tr").first().select("td").eachText())
          .startsWith("count Counts.count(Event, Db)", "any", "any", "any");
    }

    @Test
    void modulePageShowsHandlerFilters() {
      Document page = page("/modules/video-watcher");
      assertThat(page.select("table.handlers tbody td").eachText())
          .contains("pause_video, play_video, edx.video.*", "browser");
    }

    @Test
    void failedModulePageShowsItsProblems() {
      Document page = page("/modules/broken");
      assertThat(page.select("h1 .badge").text()).isEqualTo("failed to deploy");
      assertThat(page.select(".problems pre").text()).contains("must not be static");
    }

    @Test
    void unknownModuleOrViewAnswers404WithADashboardPage() {
      HttpResponse<Buffer> module = server.get("/modules/nope");
      assertThat(module.statusCode()).isEqualTo(404);
      assertThat(Jsoup.parse(module.bodyAsString()).select(".notice").text())
          .startsWith("No module called 'nope' is deployed.");
      HttpResponse<Buffer> view = server.get("/modules/counts/views/nope");
      assertThat(view.statusCode()).isEqualTo(404);
      assertThat(Jsoup.parse(view.bodyAsString()).select("h1").text()).isEqualTo("No view 'counts/nope'");
    }
  }
}
