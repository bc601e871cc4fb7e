package org.anserv.gateway.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.anserv.api.Event;
import org.anserv.gateway.AnservServer;
import org.anserv.gateway.SharedData;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.route.LogCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements endpoint over real HTTP, fed event-routing-backends' own statements ({@code ../shared/data/xapi},
 * read in place), with the event log read back afterwards to see what was stored.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XapiStatementsTest {

  private static Path xapi;

  private Vertx vertx;
  private AnservServer server;
  private WebClient client;
  private Path dataDir;

  @BeforeAll
  static void findData() {
    xapi = sharedXapi();
    assumeTrue(xapi != null, "SKIPPED: ../shared/data/xapi is absent; the xAPI endpoint tests need it");
  }

  void start(Path dir, boolean strict) throws Exception {
    dataDir = dir;
    vertx = Vertx.vertx();
    server = AnservServer.start(vertx, new JsonObject().put("http.port", 0).put("http.instances", 1).put("security.enabled", false)
        .put("mongo.embedded.storage", "memory").put("data.dir", dir.toString()).put("log.durability", "process")
        .put("modules.discover", false).put("xapi.strict", strict)
        // -Danserv.test.xapi.chunk=20000 parses a backfill whole, to compare heap with the default chunks.
        .put("xapi.chunk.statements", Integer.getInteger("anserv.test.xapi.chunk", 500)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await(60, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.port())
        .setDefaultHost("127.0.0.1"));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close().eventually(vertx::close).await(30, TimeUnit.SECONDS);
      server = null;
    }
  }

  /** Stops the server and reads back every event the log holds. */
  List<Event> stored() throws Exception {
    stop();
    Vertx reader = Vertx.vertx();
    try {
      LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(dataDir.resolve("log")), reader,
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      List<Event> events = new ArrayList<>();
      for (long offset = 0; offset < log.endOffset(); ) {
        List<LogRecord> records = log.read(offset, 1000).await(10, TimeUnit.SECONDS);
        records.forEach(r -> events.add(LogCodec.event(r).event()));
        offset = records.getLast().offset() + 1;
      }
      log.close().await(10, TimeUnit.SECONDS);
      return events;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      reader.close().await(10, TimeUnit.SECONDS);
    }
  }

  HttpResponse<Buffer> send(HttpMethod method, String uri, String body) throws Exception {
    return client.request(method, uri).putHeader("Content-Type", "application/json")
        .putHeader("X-Experience-API-Version", "1.0.3").sendBuffer(Buffer.buffer(body)).await(60, TimeUnit.SECONDS);
  }

  static JsonArray lines(String file) {
    try {
      JsonArray array = new JsonArray();
      Files.readAllLines(xapi.resolve(file)).stream().filter(l -> !l.isBlank()).map(JsonObject::new)
          .forEach(array::add);
      return array;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Nested
  class EveryRealStatement {

    @Test
    void isAcceptedInOnePostAndStoredAsTheEventItCameFrom(@TempDir Path dir) throws Exception {
      start(dir, false);
      JsonArray statements = lines("erb-expected-statements.ndjson");

      HttpResponse<Buffer> response = send(HttpMethod.POST, "/xAPI/statements?", statements.encode());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("X-Experience-API-Version")).isEqualTo("1.0.3");
      assertThat(response.bodyAsJsonArray()).isEqualTo(new JsonArray(statements.stream()
          .map(s -> ((JsonObject) s).getString("id")).toList()));
      List<Event> stored = stored();
      List<Event> inputs = lines("erb-input-events.ndjson").stream().map(o -> Event.of((JsonObject) o)).toList();
      assertThat(stored).hasSize(37).allSatisfy(e -> assertThat(e.isStatement()).isTrue());
      for (int line = 1; line <= 37; line++) {
        if (line >= 14 && line <= 16) {
          continue; // children of the multi-question check on line 13
        }
        Event statement = stored.get(line - 1);
        Event input = inputs.get(line <= 13 ? line - 1 : line - 4);
        assertThat(statement.json()).isEqualTo(statements.getJsonObject(line - 1));
        assertThat(statement.kind()).as("line " + line).isEqualTo(input.kind());
        if (line != 12) { // ERB's "required data only" statement names no course
          assertThat(statement.courseId()).as("line " + line).isEqualTo(input.courseId());
        }
        if (input.time().isPresent()) {
          assertThat(statement.time()).as("line " + line).isEqualTo(input.time());
        }
        if (input.blockKey().isPresent() && statement.blockKey().isPresent()) {
          assertThat(statement.blockKey()).as("line " + line).isEqualTo(input.blockKey());
        }
      }
    }

    @Test
    void isAcceptedOneByOneWithPutUnderEverySpellingAndWithoutTheVersionHeader(@TempDir Path dir) throws Exception {
      start(dir, false);
      JsonArray statements = lines("erb-expected-statements.ndjson");
      String[] bases = {"/xAPI/statements", "/xAPI/statements/", "/xapi/statements", "/xapi/statements/"};

      for (int i = 0; i < statements.size(); i++) {
        JsonObject statement = statements.getJsonObject(i);
        HttpResponse<Buffer> response = client.put(bases[i % bases.length] + "?statementId=" + statement
            .getString("id")).putHeader("Content-Type", "application/json")
            .sendBuffer(statement.toBuffer()).await(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(bases[i % bases.length]).isEqualTo(204);
        assertThat(response.getHeader("X-Experience-API-Version")).isEqualTo("1.0.3");
      }

      assertThat(stored()).hasSize(37);
    }
  }

  @Nested
  class Duplicates {

    @Test
    void anIdenticalResendSucceedsAndIsStoredOnce(@TempDir Path dir) throws Exception {
      start(dir, false);
      send(HttpMethod.POST, "/xAPI/statements", lines("erb-expected-statements.ndjson").encode());

      HttpResponse<Buffer> again = send(HttpMethod.POST, "/xAPI/statements",
          lines("erb-duplicate-equivalent.ndjson").encode());

      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.bodyAsJsonArray()).hasSize(2);
      assertThat(stored()).hasSize(37);
    }

    @Test
    void aConflictingResendKeepsTheFirstAndStillSucceedsByDefault(@TempDir Path dir) throws Exception {
      start(dir, false);
      JsonArray first = lines("erb-expected-statements.ndjson");
      send(HttpMethod.POST, "/xAPI/statements", first.encode());
      JsonArray conflicting = lines("erb-duplicate-conflicting.ndjson");
      JsonObject fresh = first.getJsonObject(1).copy().put("id", UUID.randomUUID().toString());
      conflicting.add(fresh);

      HttpResponse<Buffer> again = send(HttpMethod.POST, "/xAPI/statements", conflicting.encode());
      String metrics = client.get("/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();

      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(metrics).contains("anserv_xapi_conflicts_total 4.0");
      List<Event> stored = stored();
      assertThat(stored).hasSize(38);
      assertThat(stored.get(9).json()).isEqualTo(first.getJsonObject(9));
      assertThat(stored.get(37).json()).isEqualTo(fresh);
    }

    @Test
    void aConflictingResendAnswers409InStrictModeAndStoresTheRestOfTheBatch(@TempDir Path dir) throws Exception {
      start(dir, true);
      JsonArray first = lines("erb-expected-statements.ndjson");
      send(HttpMethod.POST, "/xAPI/statements", first.encode());
      JsonArray conflicting = lines("erb-duplicate-conflicting.ndjson");
      conflicting.add(first.getJsonObject(1).copy().put("id", UUID.randomUUID().toString()));

      HttpResponse<Buffer> again = send(HttpMethod.POST, "/xAPI/statements", conflicting.encode());
      HttpResponse<Buffer> equivalent = send(HttpMethod.POST, "/xAPI/statements",
          lines("erb-duplicate-equivalent.ndjson").encode());

      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.getHeader("X-Experience-API-Version")).isEqualTo("1.0.3");
      assertThat(again.bodyAsJsonObject().getJsonArray("conflicts")).containsExactlyInAnyOrderElementsOf(
          conflicting.stream().limit(4).map(s -> ((JsonObject) s).getString("id")).toList());
      assertThat(equivalent.statusCode()).isEqualTo(200);
      assertThat(stored()).hasSize(38);
    }
  }

  @Nested
  class Refusals {

    @Test
    void explainsWhatIsWrongAndKeepsTheVersionHeader(@TempDir Path dir) throws Exception {
      start(dir, false);

      HttpResponse<Buffer> noVerb = send(HttpMethod.POST, "/xAPI/statements", "[{\"actor\": {}, \"object\": {}}]");
      HttpResponse<Buffer> notJson = send(HttpMethod.POST, "/xAPI/statements", "[{\"actor\": ");
      HttpResponse<Buffer> putWithoutId = send(HttpMethod.PUT, "/xAPI/statements", "{}");
      HttpResponse<Buffer> get = send(HttpMethod.GET, "/xAPI/statements", "");
      HttpResponse<Buffer> about = client.get("/xAPI/about").send().await(10, TimeUnit.SECONDS);

      assertThat(noVerb.statusCode()).isEqualTo(400);
      assertThat(noVerb.bodyAsJsonObject().getString("message")).contains("verb");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(putWithoutId.statusCode()).isEqualTo(400);
      assertThat(putWithoutId.bodyAsJsonObject().getString("message")).contains("statementId");
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(List.of(noVerb, notJson, putWithoutId, get, about))
          .allSatisfy(r -> assertThat(r.getHeader("X-Experience-API-Version")).isEqualTo("1.0.3"));
      assertThat(about.bodyAsJsonObject()).isEqualTo(new JsonObject().put("version", new JsonArray().add("1.0.3")));
    }
  }

  @Test
  void takesABackfillBatchOfTenThousandStatements(@TempDir Path dir) throws Exception {
    start(dir, false);
    Buffer batch = XapiBackfill.batch(lines("erb-expected-statements.ndjson"), 10_000);
    System.out.printf("backfill batch: 10000 statements, %.1f MB%n", batch.length() / 1e6);

    long start = System.nanoTime();
    HttpResponse<Buffer> response = client.post("/xAPI/statements").putHeader("Content-Type", "application/json")
        .sendBuffer(batch).await(120, TimeUnit.SECONDS);
    System.out.printf("backfill batch answered in %d ms%n", (System.nanoTime() - start) / 1_000_000);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonArray()).hasSize(10_000);
    assertThat(stored()).hasSize(10_000);
  }

  static Path sharedXapi() {
    return SharedData.find("xapi").orElse(null);
  }

}
