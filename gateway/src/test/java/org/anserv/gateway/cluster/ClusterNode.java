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

/**
 * One anserv node of a test cluster, in its own JVM, started with {@code -Danserv.*} settings on the command line
 * {@link NodeCommand} builds (as {@link LocalCluster}'s nodes are), and killed or frozen only by its own pid.
 */
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

  /** Launches the JVM and returns at once; {@link #awaitUp} waits for it. */
  ClusterNode start() throws IOException {
    // C1 only and the serial collector: four JVMs start on two cores, and what they run is short; Hazelcast's wait
    // before joining cut from 5 s to 1 s (what the product gives a node joining a formed cluster): neither changes
    // how the cluster fails over, which is what the tests look at
    List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dhazelcast.wait.seconds.before.join=1", "--sun-misc-unsafe-memory-access=allow",
        "-Danserv.http.port=" + port, "-Danserv.data.dir=" + dir, "-Danserv.http.instances=1",
        "-Danserv.modules.dir="));
    settings.forEach((key, value) -> options.add("-Danserv." + key + "=" + value));
    Files.createDirectories(dir);
    ProcessBuilder builder = new ProcessBuilder(NodeCommand.of(384, options)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()));
    // the settings above are the whole configuration: none inherited from the environment running the build
    builder.environment().keySet().removeIf(key -> key.startsWith("ANSERV_"));
    process = builder.start();
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
      Thread.sleep(100);
    }
    throw new AssertionError(name + " did not start within " + within + ":\n" + tail());
  }

  /** {@code kill -9} of this node's JVM. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.toHandle().destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** {@code kill -STOP} of this node's JVM: it stays a process, silent, holding what it held. */
  void freeze() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  String get(String path) throws IOException, InterruptedException {
    return get(path, Duration.ofSeconds(10));
  }

  String get(String path, Duration timeout) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout).build(),
        HttpResponse.BodyHandlers.ofString()).body();
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
    if (!Files.exists(log())) {
      return "(no log: never started)";
    }
    List<String> lines = Files.readAllLines(dir.resolve("node.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
