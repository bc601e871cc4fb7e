package org.anserv.gateway.monitoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus on loopback, started from the repository's {@code prometheus.yml} adapted to one test node: a
 * one-second scrape and evaluation interval, the node's port, and the rule files by absolute path. Read through its
 * HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

  private final Process process;
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, int port) {
    this.process = process;
    this.base = "http://127.0.0.1:" + port;
  }

  /** Starts Prometheus scraping the anserv node on {@code nodePort}, keeping its files under {@code work}. */
  static PrometheusServer start(Path work, int nodePort) throws IOException, InterruptedException {
    Path config = work.resolve("prometheus.yml");
    Files.writeString(config, adapted(Files.readString(PrometheusTools.MONITORING.resolve("prometheus/prometheus.yml")),
        nodePort));
    int port = freePort();
    Process process = new ProcessBuilder(PrometheusTools.binary("prometheus").orElseThrow().toString(),
        "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
    PrometheusServer server = new PrometheusServer(process, port);
    server.awaitReady();
    return server;
  }

  // Text replacements on the shipped file, each required: a reshaped file must fail here, not be tested blind.
  static String adapted(String yaml, int nodePort) {
    String rules = PrometheusTools.MONITORING.resolve("prometheus/rules").toString();
    List<String[]> replacements = List.of(new String[] {"scrape_interval: 15s", "scrape_interval: 1s"},
        new String[] {"evaluation_interval: 15s", "evaluation_interval: 1s"},
        new String[] {"\"127.0.0.1:8080\"", "\"127.0.0.1:" + nodePort + "\""},
        new String[] {"- rules/recording.yml", "- " + rules + "/recording.yml"},
        new String[] {"- rules/alerts.yml", "- " + rules + "/alerts.yml"});
    for (String[] replacement : replacements) {
      if (!yaml.contains(replacement[0])) {
        throw new IllegalStateException("monitoring/prometheus/prometheus.yml no longer contains '" + replacement[0]
            + "': adapt PrometheusServer.adapted to its new shape.");
      }
      yaml = yaml.replace(replacement[0], replacement[1]);
    }
    return yaml;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": see its log");
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Prometheus was not ready within 30 s");
  }

  /** The series {@code expr} returns now; fails with Prometheus' message when the expression is invalid. */
  JsonArray query(String expr) throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    JsonObject body = new JsonObject(response.body());
    if (!"success".equals(body.getString("status"))) {
      throw new IllegalArgumentException("Prometheus refused " + expr + ": " + body.getString("error"));
    }
    return body.getJsonObject("data").getJsonArray("result");
  }

  /** Every loaded rule group, with each rule's query, type, state and active alerts. */
  JsonArray ruleGroups() throws IOException, InterruptedException {
    return new JsonObject(get("/api/v1/rules").body()).getJsonObject("data").getJsonArray("groups");
  }

  /** The alerts pending or firing now. */
  JsonArray alerts() throws IOException, InterruptedException {
    return new JsonObject(get("/api/v1/alerts").body()).getJsonObject("data").getJsonArray("alerts");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
