package org.anserv.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** The whole node over real HTTP, on the embedded MongoDB wire protocol. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayTest {

  private Vertx vertx;
  private AnservServer server;
  private WebClient client;
  private PrometheusMeterRegistry meters;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    vertx = Vertx.vertx();
    meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JsonObject config = new JsonObject().put("http.port", 0).put("http.instances", 2)
        .put("mongo.embedded.storage", "memory")
        .put("data.dir", dataDir.toString()).put("log.durability", "process").put("intake.max.body.bytes", 64 * 1024)
        .put("intake.max.event.bytes", 8 * 1024).put("intake.max.events", 500).put("modules.timeout.ms", 5_000)
        .put("security.enabled", false);
    server = await(AnservServer.start(vertx, config, meters));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.port()));
  }

  @AfterAll
  void stop() {
    await(server.close().eventually(vertx::close));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  private HttpResponse<Buffer> post(String path, String contentType, String body) {
    var request = client.post(path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return await(request.sendBuffer(Buffer.buffer(body)));
  }

  private HttpResponse<Buffer> get(String path) {
    return await(client.get(path).send());
  }

  private static String event(String user, String type) {
    return new JsonObject().put("username", user).put("event_type", type).put("event_source", "server")
        .put("time", "2024-03-01T10:00:00.000000+00:00").encode();
  }

  private static java.util.List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }

  private long userCount(String user) {
    return Long.parseLong(get("/queries/counts/user?user=" + user).bodyAsString());
  }

  @Nested
  class Intake {

    @Test
    void acceptsOneJsonObject() {
      HttpResponse<Buffer> response = post("/events?sync=true", "application/json", event("json-one", "a"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(userCount("json-one")).isEqualTo(1);
    }

    @Test
    void acceptsAJsonArray() {
      HttpResponse<Buffer> response = post("/events?sync=true", "application/json; charset=utf-8",
          "[" + event("json-array", "a") + "," + event("json-array", "b") + "]");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getInteger("accepted")).isEqualTo(2);
      assertThat(userCount("json-array")).isEqualTo(2);
    }

    @Test
    void acceptsNdjsonSkippingBlankLinesAndCuttingLoggingPrefixes() {
      String body = event("nd", "a") + "\n\n# a comment\n"
          + "2023-05-23 13:53:13,461 INFO 20 [tracking] [user None] [ip None] logger.py:41 - " + event("nd", "b")
          + "\n" + event("nd", "c") + "\n";
      HttpResponse<Buffer> response = post("/events", "application/x-ndjson", body);
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(response.bodyAsJsonObject().getInteger("accepted")).isEqualTo(3);
      eventuallyCount("nd", 3);
    }

    @Test
    void acceptsTheFormBodyOfPythonsHttpHandlerInMsgOrMessage() {
      String form = "name=tracking&levelname=INFO&msg=" + URLEncoder.encode(event("form", "a"), StandardCharsets.UTF_8)
          + "&args=%28%29";
      assertThat(post("/events?sync=true", "application/x-www-form-urlencoded", form).statusCode()).isEqualTo(200);
      String withMessage = "message=" + URLEncoder.encode(event("form", "b"), StandardCharsets.UTF_8);
      assertThat(post("/events?sync=true", "application/x-www-form-urlencoded", withMessage).statusCode())
          .isEqualTo(200);
      assertThat(userCount("form")).isEqualTo(2);
    }

    @Test
    void acceptsTheGetModeOfPythonsHttpHandler() {
      HttpResponse<Buffer> response = await(client.get("/events").addQueryParam("name", "tracking")
          .addQueryParam("msg", event("get", "a")).addQueryParam("sync", "true").send());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(userCount("get")).isEqualTo(1);
    }

    @Test
    void keepsGoodLinesAndReportsBadOnesWithTheirPosition() {
      HttpResponse<Buffer> response = post("/events?sync=true", "application/x-ndjson",
          event("mixed", "a") + "\n{\"username\": \"cut\n42\n" + event("mixed", "b"));
      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getInteger("accepted")).isEqualTo(2);
      JsonArray rejected = body.getJsonArray("rejected");
      assertThat(rejected.getJsonObject(0).getString("at")).isEqualTo("line 2");
      assertThat(rejected.getJsonObject(0).getString("error")).startsWith("is not valid JSON: ");
      assertThat(rejected.getJsonObject(1).encode()).isEqualTo("{\"at\":\"line 3\",\"error\":\"is a number, not an"
          + " event object\"}");
      assertThat(userCount("mixed")).isEqualTo(2);
    }

    private void eventuallyCount(String user, long expected) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (userCount(user) != expected && System.nanoTime() < deadline) {
        await(vertx.timer(20));
      }
      assertThat(userCount(user)).isEqualTo(expected);
    }
  }

  @Nested
  class BadInput {

    private JsonObject error(HttpResponse<Buffer> response, int status) {
      assertThat(response.statusCode()).isEqualTo(status);
      assertThat(response.getHeader("Content-Type")).startsWith("application/json");
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getInteger("status")).isEqualTo(status);
      return body;
    }

    @Test
    void malformedJsonIs400NamingThePosition() {
      assertThat(error(post("/events", "application/json", "{\"username\": "), 400).getString("message"))
          .startsWith("The body is not valid JSON: ").contains("line 1, column 14");
    }

    @Test
    void aNonObjectEventIs400() {
      assertThat(error(post("/events", "application/json", "\"play_video\""), 400).getString("message"))
          .isEqualTo("The body is a string: send one event object or an array of them.");
    }

    @Test
    void anArrayWithNoObjectIs400ListingEachElement() {
      JsonObject body = error(post("/events", "application/json", "[1, true]"), 400);
      assertThat(body.getJsonArray("rejected")).hasSize(2);
    }

    @Test
    void anEmptyBodyIs400() {
      assertThat(error(post("/events", "application/json", ""), 400).getString("message"))
          .startsWith("The body has no events");
      assertThat(error(post("/events", "application/x-ndjson", "\n\n"), 400).getString("message"))
          .startsWith("The body has no events");
    }

    @Test
    void aWrongContentTypeIs415() {
      assertThat(error(post("/events", "text/csv", "a,b"), 415).getString("message"))
          .startsWith("Content-Type text/csv is not an event format");
      assertThat(error(post("/events", null, event("x", "a")), 415).getString("message"))
          .startsWith("The request has no Content-Type");
    }

    @Test
    void aFormWithoutMsgIs400() {
      assertThat(error(post("/events", "application/x-www-form-urlencoded", "{\"a\":1}"), 400).getString("message"))
          .startsWith("The form has no field 'msg'");
    }

    @Test
    void anOversizedBodyIs413() {
      assertThat(error(post("/events", "application/json", "[" + "1,".repeat(40_000) + "1]"), 413)
          .getString("message")).contains("larger than 65536 bytes");
    }

    @Test
    void tooManyEventsAre413AndAnOversizedEventIsRejected() {
      String many = (event("many", "a") + "\n").repeat(501);
      assertThat(error(post("/events", "application/x-ndjson", many), 413).getString("message"))
          .contains("more than 500 events");
      String big = new JsonObject().put("username", "big").put("event_type", "x").put("pad", "p".repeat(9_000))
          .encode();
      JsonObject body = post("/events?sync=true", "application/x-ndjson", big + "\n" + event("big", "y"))
          .bodyAsJsonObject();
      assertThat(body.getInteger("accepted")).isEqualTo(1);
      assertThat(body.getJsonArray("rejected").getJsonObject(0).getString("error")).contains("over the limit of 8192");
    }

    @Test
    void unknownModuleViewQueryAndMissingParameterAreExplained() {
      assertThat(error(get("/queries/nope/total"), 404).getString("message"))
          .startsWith("No module serves Query 'nope/total'");
      assertThat(error(get("/queries/counts/nope"), 404).getString("message"))
          .isEqualTo("Module 'counts' has no query named 'nope'. Its queries: [top, total, user]. GET /schema lists"
              + " everything.");
      assertThat(error(get("/views/counts/nope"), 404).getString("message")).contains("has no view named 'nope'");
      assertThat(error(get("/queries/counts/user"), 400).getString("message"))
          .isEqualTo("Missing required parameter 'user': add ?user=... to the request.");
      assertThat(error(get("/queries/counts/top?limit=many"), 400).getString("message"))
          .isEqualTo("Parameter 'limit' must be a whole number, not \"many\".");
      assertThat(error(get("/nowhere"), 404).getString("message")).startsWith("No such endpoint: GET /nowhere");
      assertThat(error(await(client.delete("/events").send()), 405).getString("error"))
          .isEqualTo("method_not_allowed");
    }
  }

  @Nested
  class Delivery {

    @Test
    void hardRealtimeReportsEachHandlerAndAFailingModuleHurtsNoOther() {
      JsonObject report = post("/events?sync=true", "application/json", "[" + event("rt", "problem_check") + ","
          + event("rt", "seq_goto") + "]").bodyAsJsonObject();

      assertThat(report.getInteger("accepted")).isEqualTo(2);
      assertThat(report.getInteger("failed")).isEqualTo(1);
      JsonObject failing = handler(report, "failing");
      assertThat(failing.getInteger("events")).isEqualTo(1);
      assertThat(failing.getJsonArray("errors").getJsonObject(0).getString("error"))
          .isEqualTo("Module 'failing' failed in Failing.onProblem(Event): IllegalStateException: cannot grade"
              + " problem_check");
      assertThat(handler(report, "counts").getInteger("failed")).isZero();
      assertThat(userCount("rt")).isEqualTo(2);
    }

    @Test
    void theSyncHeaderAsksForHardRealtimeToo() {
      HttpResponse<Buffer> response = await(client.post("/events").putHeader("Content-Type", "application/json")
          .putHeader("Anserv-Sync", "true").sendBuffer(Buffer.buffer(event("header", "a"))));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getJsonArray("handlers")).isNotEmpty();
    }

    @Test
    void aVideoOnlyHandlerNeverSeesProblemEvents() {
      String video = new JsonObject().put("username", "v").put("event_type", "play_video").put("event_source",
          "browser").put("event", "{\"id\": \"vid-1\", \"currentTime\": 3}").encode();
      String serverVideo = new JsonObject().put("username", "v").put("event_type", "play_video")
          .put("event_source", "server").encode();
      String problem = new JsonObject().put("username", "v").put("event_type", "problem_check")
          .put("event_source", "browser").encode();
      String newName = new JsonObject().put("username", "v").put("event_type", "edx.video.paused")
          .put("event_source", "browser").put("event", "{\"id\": \"vid-2\"}").encode();
      post("/events?sync=true", "application/x-ndjson", String.join("\n", video, problem, serverVideo, newName));

      assertThat(strings(get("/queries/video-watcher/seen").bodyAsJsonArray()))
          .containsExactly("play_video@vid-1", "edx.video.paused@vid-2");
    }

    private JsonObject handler(JsonObject report, String module) {
      return report.getJsonArray("handlers").stream().map(JsonObject.class::cast)
          .filter(h -> h.getString("module").equals(module)).findFirst().orElseThrow();
    }
  }

  @Nested
  class ViewsQueriesAndSchema {

    @Test
    void routesQueriesAndViewsToTheirModule() {
      // enough events to be among the overview's ten most active users whatever the other tests posted
      StringBuilder batch = new StringBuilder();
      for (int minute = 10; minute < 50; minute++) {
        batch.append(new JsonObject().put("username", "routed<b>").put("event_type", "a")
            .put("event_source", "server").put("time", "2024-03-01T10:" + minute + ":00.000000+00:00").encode())
            .append('\n');
      }
      post("/events?sync=true", "application/x-ndjson", batch.toString());
      assertThat(get("/queries/counts/user?user=routed%3Cb%3E").bodyAsString()).isEqualTo("40");
      HttpResponse<Buffer> view = get("/views/counts/overview");
      assertThat(view.statusCode()).isEqualTo(200);
      assertThat(view.getHeader("Content-Type")).startsWith("text/html");
      assertThat(view.bodyAsString()).contains("routed&lt;b&gt;").doesNotContain("routed<b>");
    }

    @Test
    void aThrowingQueryOrBrokenTemplateIs500ForThatCallOnly() {
      assertThat(get("/queries/failing/broken").bodyAsJsonObject().getString("message"))
          .isEqualTo("Module 'failing' failed in Failing.broken(): UnsupportedOperationException: not today");
      HttpResponse<Buffer> view = get("/views/failing/missing-template");
      assertThat(view.statusCode()).isEqualTo(500);
      assertThat(view.bodyAsJsonObject().getString("message")).contains("templates/failing/none.hbs")
          .contains("module 'failing'").contains("view 'missing-template'");
      assertThat(get("/queries/counts/total").statusCode()).isEqualTo(200);
    }

    @Test
    void listsEveryModuleWithGuessesFiltersAndFailures() {
      JsonObject schema = get("/schema").bodyAsJsonObject();
      JsonObject counts = module(schema, "counts");
      JsonObject user = counts.getJsonArray("queries").stream().map(JsonObject.class::cast)
          .filter(q -> q.getString("name").equals("user")).findFirst().orElseThrow();
      assertThat(user.getString("category")).isEqualTo("student");
      assertThat(user.getBoolean("categoryGuessed")).isTrue();
      assertThat(user.getString("description")).isEqualTo("Events received from one user; 0 for a user never seen.");
      JsonObject top = counts.getJsonArray("queries").stream().map(JsonObject.class::cast)
          .filter(q -> q.getString("name").equals("top")).findFirst().orElseThrow();
      assertThat(top.getLong("memoizeSeconds")).isEqualTo(10);
      assertThat(top.getString("description")).startsWith("The most active users");
      assertThat(module(schema, "video-watcher").getJsonArray("handlers").getJsonObject(0)
          .getJsonObject("filters").encode()).isEqualTo("{\"types\":[\"pause_video\",\"play_video\",\"edx.video.*\"],"
          + "\"sources\":[\"browser\"],\"courses\":[]}");
      JsonArray failed = schema.getJsonArray("failed");
      assertThat(failed.stream().map(f -> ((JsonObject) f).getString("name")).toList())
          .containsExactlyInAnyOrder("broken", "org.anserv.gateway.fixtures.DoesNotExist");
      assertThat(get("/schema?format=html").bodyAsString()).contains("<h2>counts</h2>")
          .contains("href=\"/queries/counts/top\"").contains("Modules that failed to deploy");
    }

    @Test
    void aQueryNeedingTheSqlReplicaSaysHowToConfigureIt() {
      HttpResponse<Buffer> response = get("/queries/sql-probe/users");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("unavailable");
      assertThat(response.bodyAsJsonObject().getString("message")).contains("No SQL read-replica is configured",
          "sql.host");
    }

    @Test
    void healthListsRunningAndFailedModules() {
      JsonObject health = get("/health").bodyAsJsonObject();
      assertThat(health.getString("status")).isEqualTo("UP");
      assertThat(strings(health.getJsonObject("modules").getJsonArray("running"))).contains("counts", "failing");
      assertThat(strings(health.getJsonObject("modules").getJsonArray("failed"))).contains("broken");
    }

    @Test
    void metricsExposePerModuleSeries() {
      post("/events?sync=true", "application/json", event("metrics", "problem_check"));
      post("/events?sync=true", "application/json", "{\"username\": \"quirky\"}");
      get("/queries/counts/total");
      String metrics = get("/metrics").bodyAsString();
      assertThat(metrics)
          .contains("anserv_module_events_total{handler=\"count\",module=\"counts\",outcome=\"ok\"}")
          .contains("anserv_module_events_total{handler=\"on-problem\",module=\"failing\",outcome=\"failed\"}")
          .contains("anserv_module_handler_seconds_bucket{handler=\"count\",module=\"counts\"")
          .contains("anserv_module_calls_total{kind=\"query\",module=\"counts\",name=\"total\",outcome=\"ok\"}")
          .contains("anserv_module_queue_depth{module=\"counts\"}")
          .contains("anserv_intake_events_total{format=\"json\",outcome=\"accepted\"}")
          .contains("anserv_intake_quirks_total{format=\"json\",quirk=\"no_type\"}")
          .contains("anserv_intake_quirks_total{format=\"json\",quirk=\"no_time\"}");
    }

    private JsonObject module(JsonObject schema, String name) {
      return schema.getJsonArray("modules").stream().map(JsonObject.class::cast)
          .filter(m -> m.getString("name").equals(name)).findFirst().orElseThrow();
    }
  }

  @Nested
  class Operations {

    @Test
    void rebuildRecomputesAModuleFromTheLogToTheSameFigures() {
      post("/events?sync=true", "application/json", "[" + event("rebuilt", "a") + "," + event("rebuilt", "b") + "]");
      long total = Long.parseLong(get("/queries/counts/total").bodyAsString());

      HttpResponse<Buffer> response = await(client.post("/admin/modules/counts/rebuild").send());

      assertThat(response.statusCode()).isEqualTo(202);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!get("/queries/counts/total").bodyAsString().equals(String.valueOf(total))
          && System.nanoTime() < deadline) {
        await(vertx.timer(50));
      }
      assertThat(get("/queries/counts/total").bodyAsString()).isEqualTo(String.valueOf(total));
      assertThat(userCount("rebuilt")).isEqualTo(2);
    }

    @Test
    void rebuildOfAnUnknownModuleIs404() {
      HttpResponse<Buffer> response = await(client.post("/admin/modules/nope/rebuild").send());
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("No module named 'nope' is deployed.");
    }

    @Test
    void aRetriedPostIsStoredOnce() {
      String body = "[" + event("retried", "a") + "]";
      JsonObject first = post("/events?sync=true", "application/json", body).bodyAsJsonObject();
      JsonObject retry = post("/events?sync=true", "application/json", body).bodyAsJsonObject();
      assertThat(first.getInteger("duplicates")).isZero();
      assertThat(retry.getInteger("duplicates")).isEqualTo(1);
      assertThat(userCount("retried")).isEqualTo(1);
    }
  }
}
