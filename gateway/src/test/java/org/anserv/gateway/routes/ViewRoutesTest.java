package org.anserv.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.anserv.gateway.dashboard.RunningServer;
import org.anserv.gateway.fixtures.Slow;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Views as a browser gets them: progress pages for slow views, HTML error pages, sample data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ViewRoutesTest {

  private RunningServer server;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server = RunningServer.start(dataDir);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static Document html(HttpResponse<Buffer> response) {
    assertThat(response.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    return Jsoup.parse(response.bodyAsString());
  }

  /** The address a progress page refreshes to. */
  private static String refresh(Document pending) {
    String content = pending.selectFirst("meta[http-equiv=refresh]").attr("content");
    assertThat(content).startsWith("0;url=");
    return content.substring("0;url=".length());
  }

  @Nested
  class Asynchronous {

    @AfterEach
    void letGo() {
      Slow.release("released");
    }

    @Test
    void aSlowViewGivesABrowserAProgressPageThatFillsInWhenReady() {
      Slow.hold();

      HttpResponse<Buffer> first = server.getHtml("/views/slow/report");

      assertThat(first.statusCode()).isEqualTo(202);
      Document pending = html(first);
      assertThat(pending.select("[data-pending] progress")).hasSize(1);
      assertThat(pending.select("[data-pending]").text()).contains("Preparing slow / report");
      assertThat(pending.select(".slow-report")).isEmpty();
      String result = refresh(pending);
      assertThat(result).matches("/views/slow/report/result/[0-9a-f-]{36}\\?since=\\d+");

      Slow.release("Report ready");
      HttpResponse<Buffer> done = server.getHtml(result);
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(html(done).select("h2.slow-report").text()).isEqualTo("Report ready");
      assertThat(server.getHtml(result).statusCode()).as("kept for a reload").isEqualTo(200);
    }

    @Test
    void whileTheViewRunsTheResultAddressAnswersTheProgressPageAgain() {
      Slow.hold();
      String result = refresh(html(server.getHtml("/views/slow/report")));

      HttpResponse<Buffer> still = server.getHtml(result);

      assertThat(still.statusCode()).isEqualTo(202);
      assertThat(refresh(html(still))).isEqualTo(result);
    }

    @Test
    void aProgramWaitsForTheViewInstead() {
      Slow.hold();
      server.vertx().setTimer(1_500, id -> Slow.release("waited for"));

      HttpResponse<Buffer> response = server.get("/views/slow/report");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Jsoup.parse(response.bodyAsString()).select(".slow-report").text()).isEqualTo("waited for");
    }

    @Test
    void aMemoizedViewIsAnsweredAtOnceOnceComputed() {
      Slow.hold();
      String result = refresh(html(server.getHtml("/views/slow/remembered")));
      Slow.release("computed once");
      assertThat(server.getHtml(result).statusCode()).isEqualTo(200);

      Slow.hold();
      HttpResponse<Buffer> again = server.getHtml("/views/slow/remembered");

      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(html(again).select(".slow-remembered").text()).isEqualTo("computed once");
    }

    @Test
    void anUnknownResultTokenIsExplained() {
      HttpResponse<Buffer> response = server.getHtml("/views/slow/report/result/not-a-token");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(html(response).select(".view-error pre").text()).isEqualTo("The result of view 'slow/report' is no"
          + " longer kept: results are kept 60 s after they are ready. Open the view again.");
    }
  }

  @Nested
  class Errors {

    @Test
    void aTemplateSyntaxErrorIsAnHtmlPageNamingModuleViewFileLineAndColumn() {
      HttpResponse<Buffer> response = server.getHtml("/views/broken-views/syntax");

      assertThat(response.statusCode()).isEqualTo(500);
      Document page = html(response);
      assertThat(page.select(".view-error h2").text()).isEqualTo("broken-views / syntax could not be shown");
      assertThat(page.select(".view-error .status").text()).isEqualTo("500 module_failed");
      assertThat(page.select(".view-error pre").text())
          .isEqualTo("Template error in module 'broken-views', view 'syntax': templates/broken-views/syntax.hbs:3:14:"
              + " found: '}'");
    }

    @Test
    void aMissingTemplateIsAnHtmlPageNamingTheFile() {
      Document page = html(server.getHtml("/views/broken-views/missing"));

      assertThat(page.select(".view-error pre").text()).startsWith("Template 'templates/broken-views/missing.hbs' of"
          + " module 'broken-views', view 'missing' cannot be read");
    }

    @Test
    void aProgramStillGetsJson() {
      HttpResponse<Buffer> response = server.get("/views/broken-views/syntax");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.bodyAsJsonObject().getString("message")).contains("syntax.hbs:3:");
    }

    @Test
    void theOtherViewsOfTheModuleKeepWorking() {
      server.getHtml("/views/broken-views/syntax");

      HttpResponse<Buffer> fine = server.getHtml("/views/broken-views/fine");

      assertThat(fine.statusCode()).isEqualTo(200);
      assertThat(html(fine).select("p.fine").text()).isEqualTo("All fine.");
    }
  }

  @Nested
  class Samples {

    @Test
    void rendersAViewWithTheSampleDataItsModuleShips() {
      HttpResponse<Buffer> response = server.getHtml("/views/counts/overview?sample=true");

      assertThat(response.statusCode()).isEqualTo(200);
      Document page = html(response);
      assertThat(page.select(".total strong").text()).isEqualTo("1362");
      assertThat(page.select("tbody td").eachText()).startsWith("ann", "412", "bob", "377");
      assertThat(new JsonObject(page.selectFirst("canvas").attr("data-chart")).getString("type")).isEqualTo("bar");
    }

    @Test
    void aViewWithoutSampleDataSaysWhereToPutIt() {
      HttpResponse<Buffer> response = server.get("/views/broken-views/fine?sample=true");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("View 'broken-views/fine' has no sample"
          + " data: put what its template shows in src/main/resources/samples/broken-views/fine.json as"
          + " {\"template\": \"templates/broken-views/fine.hbs\", \"data\": {...}}.");
    }

    @Test
    void theSchemaSaysWhichViewsHaveSampleData() {
      JsonArray modules = server.get("/schema").bodyAsJsonObject().getJsonArray("modules");
      JsonObject counts = modules.stream().map(JsonObject.class::cast)
          .filter(m -> m.getString("name").equals("counts")).findFirst().orElseThrow();

      assertThat(counts.getJsonArray("views").getJsonObject(0).getBoolean("sample")).isTrue();
    }
  }
}
