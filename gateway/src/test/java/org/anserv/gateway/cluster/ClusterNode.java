package org.anserv.gateway.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One anserv node of a test cluster, in its own JVM, started with {@code -Danserv.*} settings. */
final class ClusterNode {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path dir;
  private final Map<String, String> settings;
  private Process process;

  ClusterNode(String name, int port, Path dir, Map<String, String> settings) {
    this.name = name;
    this.port = port;
    this.dir = dir;
    this.settings = settings;
  }

  ClusterNode start() throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Xmx384m", "-Danserv.http.port=" + port,
        "-Danserv.data.dir=" + dir, "-Danserv.http.instances=1", "-Danserv.modules.dir="));
    settings.forEach((key, value) -> command.add("-Danserv." + key + "=" + value));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.anserv.gateway.Main"));
    Files.createDirectories(dir);
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile())).start();
    return this;
  }

  void awaitUp(Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited:\n" + tail());
      }
      try {
        if (get("/health").contains("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not start within " + within + ":\n" + tail());
  }

  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      // a test may have frozen it with SIGSTOP
      try {
        new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor();
      } catch (IOException ignored) {
        // kill below
      }
      process.destroy();
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  long pid() {
    return process.pid();
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  String get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  int getStatus(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  boolean post(String ndjson) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
          .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  Path log() {
    return dir.resolve("node.log");
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("node.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
