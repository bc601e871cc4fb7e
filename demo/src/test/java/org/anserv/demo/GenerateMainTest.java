package org.anserv.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMainTest {

  private static final String[] SMALL = {"--seed", "5", "--courses", "1", "--students", "30", "--days", "7"};

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void writesEventsGzipSqlAndTruth(@TempDir Path dir) throws Exception {
    GenerateMain.run(GenerateMain.parse(args("--out", dir.toString(), "--gzip")), err);

    byte[] plain = Files.readAllBytes(dir.resolve("events.ndjson"));
    byte[] unzipped;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("events.ndjson.gz")))) {
      unzipped = in.readAllBytes();
    }
    JsonObject truth = new JsonObject(Files.readString(dir.resolve("truth.json")));
    assertThat(unzipped).isEqualTo(plain);
    assertThat(Files.readAllLines(dir.resolve("events.ndjson"))).hasSize(truth.getInteger("events"));
    assertThat(Files.readString(dir.resolve("lms.sql"))).startsWith("-- anserv demo LMS tables: seed 5,");
    assertThat(truth.getJsonObject("spec").getInteger("students")).isEqualTo(30);
  }

  @Test
  void postsEveryEventAsNdjsonBatchesWithTheCredential() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> headers = new CopyOnWriteArrayList<>();
    int port = serve(202, bodies, headers);

    GenerateMain.run(GenerateMain.parse(args("--post", "http://127.0.0.1:" + port + "/events", "--batch", "100",
        "--auth", "Bearer demo-token")), err);

    long expected = DemoWorld.generate(new DemoSpec(5, 1, 30, 7, DemoSpec.DEFAULT_START)).outcome().tally().events();
    assertThat(bodies.stream().mapToLong(body -> body.lines().count()).sum()).isEqualTo(expected);
    assertThat(bodies).allSatisfy(body -> assertThat(body.lines().count()).isBetween(1L, 100L));
    assertThat(bodies.get(0).lines().findFirst().map(JsonObject::new).orElseThrow().getString("event_type"))
        .isEqualTo("edx.course.enrollment.activated");
    assertThat(headers).allSatisfy(h -> assertThat(h).isEqualTo("application/x-ndjson|Bearer demo-token"));
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("100%")
        .contains(String.format(Locale.ROOT, "Posted %,d events", expected));
  }

  @Test
  void stopsAtTheFirstRefusedBatch() throws Exception {
    int port = serve(401, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());

    assertThatThrownBy(() -> GenerateMain.run(
        GenerateMain.parse(args("--post", "http://127.0.0.1:" + port + "/events")), err))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("answered 401");
  }

  @Test
  void rejectsUnknownAndIncompleteOptions() {
    assertThatThrownBy(() -> GenerateMain.parse(new String[] {"--colour", "blue"}))
        .hasMessage("Unknown or incomplete option: --colour");
    assertThatThrownBy(() -> GenerateMain.parse(new String[] {"--seed"}))
        .hasMessage("Unknown or incomplete option: --seed");
    assertThatThrownBy(() -> GenerateMain.run(GenerateMain.parse(new String[] {"--days", "x", "--out", "d"}), err))
        .hasMessage("--days needs a whole number, got 'x'");
    assertThatThrownBy(() -> GenerateMain.run(GenerateMain.parse(SMALL), err))
        .hasMessage("Nothing to do: give --out DIR, --post URL or both.");
  }

  private int serve(int status, List<String> bodies, List<String> headers) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/events", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      headers.add(exchange.getRequestHeaders().getFirst("Content-Type") + "|"
          + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] answer = (status == 202 ? "{\"accepted\":true}" : "{\"error\":\"bad credential\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    return server.getAddress().getPort();
  }

  private static String[] args(String... more) {
    String[] all = new String[SMALL.length + more.length];
    System.arraycopy(SMALL, 0, all, 0, SMALL.length);
    System.arraycopy(more, 0, all, SMALL.length, more.length);
    return all;
  }
}
