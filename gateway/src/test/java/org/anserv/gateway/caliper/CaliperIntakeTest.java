package org.anserv.gateway.caliper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anserv.gateway.IntakeOnlyServer;
import org.anserv.gateway.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /caliper} over real HTTP with ERB's Caliper fixtures wrapped as ERB wraps them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CaliperIntakeTest {

  private static final String V1P2 = "http://purl.imsglobal.org/ctx/caliper/v1p2";

  private IntakeOnlyServer server;
  private WebClient client;
  private List<JsonObject> events;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Path input = SharedData.find("xapi/erb-caliper-expected-events.ndjson").orElse(null);
    assumeTrue(input != null, "SKIPPED: ../shared/data/xapi is absent; the Caliper tests need it");
    events = Files.readAllLines(input).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    server = IntakeOnlyServer.start(dir);
    client = server.client();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static JsonObject envelope(JsonObject event, String version) {
    return new JsonObject().put("sensor", "http://localhost:18000").put("sendTime", "2024-03-01T10:00:00.000Z")
        .put("data", new JsonArray().add(event)).put("dataVersion", version);
  }

  private HttpResponse<Buffer> post(String contentType, String body) throws Exception {
    return client.post("/caliper").putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body))
        .await(30, TimeUnit.SECONDS);
  }

  @Test
  void takesOneEnvelopeOrAnArrayOfThemWith200AndAnEmptyBody() throws Exception {
    HttpResponse<Buffer> one = post("application/json", envelope(events.get(0), V1P2).encode());
    JsonArray batch = new JsonArray();
    events.forEach(e -> batch.add(envelope(e, V1P2)));
    HttpResponse<Buffer> many = post("application/json; charset=utf-8", batch.encode());

    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).isNull();
    assertThat(many.statusCode()).isEqualTo(200);
    assertThat(many.body()).isNull();
  }

  @Test
  void refusesWrongContentTypeBadEnvelopeAndUnknownVersion() throws Exception {
    HttpResponse<Buffer> form = post("application/x-www-form-urlencoded", "a=b");
    HttpResponse<Buffer> noSensor = post("application/json", envelope(events.get(0), V1P2).put("sensor", 3)
        .encode());
    HttpResponse<Buffer> notJson = post("application/json", "{\"sensor\":");
    HttpResponse<Buffer> oldVersion = post("application/json", envelope(events.get(0),
        "http://purl.imsglobal.org/ctx/caliper/v1p0").encode());

    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(noSensor.statusCode()).isEqualTo(400);
    assertThat(noSensor.bodyAsJsonObject().getString("message")).contains("sensor");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(oldVersion.statusCode()).isEqualTo(422);
    assertThat(oldVersion.bodyAsJsonObject().getString("message")).contains("v1p2");
  }
}
