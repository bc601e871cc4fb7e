package org.anserv.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.Zstd;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.anserv.gateway.IntakeOnlyServer;
import org.anserv.gateway.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Vector {@code http} sink sends, over real HTTP: NDJSON or a JSON array of log events whose {@code message}
 * holds the edX event as JSON text, compressed with gzip, deflate or zstd. The events are ERB's eventtracking-shape
 * fixtures ({@code ../shared/data/xapi/erb-input-events.ndjson}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogShipperIntakeTest {

  private IntakeOnlyServer server;
  private WebClient client;
  private List<JsonObject> events;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Path input = SharedData.find("xapi/erb-input-events.ndjson").orElse(null);
    assumeTrue(input != null, "SKIPPED: ../shared/data/xapi is absent; the log shipper tests need it");
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

  // Vector's log event from Aspects' tracking transform: the raw event as a string, the time beside it.
  private String vectorNdjson() {
    return events.stream().map(e -> new JsonObject().put("message", e.encode())
        .put("time", "2024-03-01T10:00:00Z").encode()).collect(Collectors.joining("\n"));
  }

  private HttpResponse<Buffer> post(String contentType, String encoding, byte[] body) throws Exception {
    var request = client.post("/events?sync=true").putHeader("Content-Type", contentType);
    if (encoding != null) {
      request.putHeader("Content-Encoding", encoding);
    }
    return request.sendBuffer(Buffer.buffer(body)).await(30, TimeUnit.SECONDS);
  }

  @Test
  void takesGzippedNdjsonOfVectorEnvelopes() throws Exception {
    HttpResponse<Buffer> response = post("application/x-ndjson", "gzip", gzip(vectorNdjson()));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getInteger("accepted")).isEqualTo(34);
    assertThat(response.bodyAsJsonObject().containsKey("rejected")).isFalse();
  }

  @Test
  void takesZstdAndDeflateAndStoresTheUnwrappedEventsOnce() throws Exception {
    byte[] ndjson = vectorNdjson().getBytes(StandardCharsets.UTF_8);

    HttpResponse<Buffer> zstd = post("application/x-ndjson", "zstd", Zstd.compress(ndjson));
    HttpResponse<Buffer> deflate = post("application/x-ndjson", "deflate", deflate(vectorNdjson()));
    HttpResponse<Buffer> plain = post("application/x-ndjson", null,
        events.stream().map(JsonObject::encode).collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8));

    assertThat(zstd.statusCode()).as(zstd.bodyAsString()).isEqualTo(200);
    assertThat(zstd.bodyAsJsonObject().getInteger("accepted")).isEqualTo(34);
    // The envelope is gone: the same events sent bare, or again, are duplicates of the first ones.
    assertThat(deflate.bodyAsJsonObject().getInteger("duplicates")).isEqualTo(34);
    assertThat(plain.bodyAsJsonObject().getInteger("duplicates")).isEqualTo(34);
  }

  @Test
  void takesAJsonArrayOfEnvelopesWithParsedMessagesAndMsg() throws Exception {
    JsonArray array = new JsonArray();
    for (int i = 0; i < events.size(); i++) {
      array.add(i % 2 == 0 ? new JsonObject().put("message", events.get(i)) : new JsonObject()
          .put("msg", events.get(i).encode()));
    }

    HttpResponse<Buffer> response = post("application/json", "gzip", gzip(array.encode()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getInteger("accepted")).isEqualTo(34);
  }

  @Test
  void refusesAnEncodingItCannotReadWith415AndABatchOfNothingWith400() throws Exception {
    HttpResponse<Buffer> brotli = post("application/x-ndjson", "br", new byte[] {1, 2, 3});
    HttpResponse<Buffer> nothing = post("application/x-ndjson", "gzip", gzip("{\"message\": \"{not json\"}"));

    assertThat(brotli.statusCode()).isEqualTo(415);
    assertThat(brotli.bodyAsJsonObject().getString("message")).contains("gzip, deflate or zstd");
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(nothing.bodyAsJsonObject().getJsonArray("rejected").getJsonObject(0).getString("error"))
        .contains("envelope");
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static byte[] deflate(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
