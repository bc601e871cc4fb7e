package org.anserv.gateway.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.anserv.demo.DemoSpec;
import org.anserv.gateway.SqlReplica;
import org.anserv.gateway.demo.DemoLoader;
import org.anserv.gateway.security.DemoCredentials;
import org.anserv.runtime.log.kafka.BrokerProcess;
import org.anserv.runtime.store.EmbeddedMongo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code anserv cluster [N]}: a cluster of N nodes (default 3) on this machine with the demo world, each node a JVM
 * of its own on ports 8080, 8081, ... This process hosts what a real cluster would find on other machines: a Kafka
 * broker (a JVM of its own), the MongoDB of module state and the SQL replica with the demo tables (both embedded),
 * and the demo credentials. It streams the demo world through the first node, prints the addresses and logins, and
 * stops everything on Ctrl-C. Data lives under {@code data/cluster}.
 */
public final class LocalCluster {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.cluster");
  private static final int FIRST_HTTP_PORT = 8080;
  private static final int MONGO_PORT = 27028;

  private final Path dir;
  private final List<Process> nodes = new ArrayList<>();
  private BrokerProcess broker;
  private EmbeddedMongo mongo;
  private SqlReplica replica;
  private Vertx vertx;

  private LocalCluster(Path dir) {
    this.dir = dir;
  }

  /**
   * Runs the cluster until the process is stopped.
   *
   * @param args the number of nodes, optional
   * @throws Exception when a part cannot start (the message says which)
   */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    if (count < 1 || count > 9) {
      throw new IllegalArgumentException("anserv cluster takes 1 to 9 nodes, not " + count);
    }
    LocalCluster cluster = new LocalCluster(Path.of("data", "cluster").toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "anserv-cluster-stop"));
    cluster.start(count, System.err);
    Thread.currentThread().join();
  }

  private void start(int count, PrintStream out) throws Exception {
    Path brokerClasspath = BrokerProcess.classpathFile().orElseThrow(() -> new IllegalStateException(
        "kafka-broker/target/broker.classpath is missing: run ./anserv cluster from the repository after a build"));
    DemoLoader world = DemoLoader.of(DemoSpec.defaults(), dir.resolve("stores"));
    broker = BrokerProcess.start(brokerClasspath, BrokerProcess.freePortPair(), dir.resolve("kafka"),
        Duration.ofSeconds(120));
    LOG.info("Kafka broker ready on {}", broker.bootstrapServers());
    mongo = EmbeddedMongo.onDisk(dir.resolve("stores/mongo"), MONGO_PORT);
    vertx = Vertx.vertx();
    replica = SqlReplica.open(vertx, new JsonObject().put("sql.embedded", true), dir.resolve("stores"), world);
    DemoCredentials credentials = DemoCredentials.write(dir.resolve("stores/demo/credentials.json"),
        world.courseIds().subList(0, 1), world.firstStudent());
    Map<String, String> shared = new TreeMap<>();
    shared.put("cluster.enabled", "true");
    shared.put("cluster.name", "anserv-local");
    shared.put("cluster.members", "127.0.0.1:5701");
    shared.put("log.engine", "kafka");
    shared.put("log.kafka.bootstrap", broker.bootstrapServers());
    shared.put("log.kafka.replication", "1");
    shared.put("log.kafka.min.insync", "1");
    shared.put("mongo.uri", mongo.connectionString());
    shared.put("security.credentials.file", credentials.file().toString());
    shared.put("http.instances", "1");
    replica.connectionSettings().forEach(entry -> shared.put(entry.getKey(), String.valueOf(entry.getValue())));
    for (int node = 1; node <= count; node++) {
      nodes.add(startNode(node, shared));
    }
    for (int node = 1; node <= count; node++) {
      awaitUp(node);
    }
    String first = "http://127.0.0.1:" + FIRST_HTTP_PORT;
    world.streamEvents(URI.create(first + "/events"), credentials.authorization(), out);
    out.println("\nanserv cluster of " + count + " nodes is up:");
    for (int node = 1; node <= count; node++) {
      out.println("  node " + node + ": http://127.0.0.1:" + (FIRST_HTTP_PORT + node - 1) + "  (log: "
          + dir.resolve("node" + node + "/node.log") + ")");
    }
    out.println("Which node runs which module: " + first + "/schema?format=html. Logins (any node):\n"
        + "  operator / " + credentials.operatorPassword() + "\n  instructor / " + credentials.instructorPassword()
        + "\n  " + credentials.student() + " / " + credentials.studentPassword() + "\nCtrl-C stops them all.");
  }

  private Process startNode(int node, Map<String, String> shared) throws IOException {
    Path nodeDir = dir.resolve("node" + node);
    java.nio.file.Files.createDirectories(nodeDir);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    shared.forEach((key, value) -> command.add("-Danserv." + key + "=" + value));
    command.addAll(List.of("-Danserv.http.port=" + (FIRST_HTTP_PORT + node - 1), "-Danserv.data.dir=" + nodeDir,
        "-cp", System.getProperty("java.class.path"), "org.anserv.gateway.Main"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("ANSERV_") && !name.equals("ANSERV_LOG_FORMAT"));
    Process process = builder.start();
    LOG.info("Node {} starting, pid {}, log in {}", node, process.pid(), nodeDir.resolve("node.log"));
    return process;
  }

  private void awaitUp(int node) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI health = URI.create("http://127.0.0.1:" + (FIRST_HTTP_PORT + node - 1) + "/health");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!nodes.get(node - 1).isAlive()) {
        throw new IllegalStateException("Node " + node + " exited; see " + dir.resolve("node" + node + "/node.log"));
      }
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.body().contains("UP")) {
          LOG.info("Node {} is up", node);
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Node " + node + " did not start within 3 minutes; see "
        + dir.resolve("node" + node + "/node.log"));
  }

  // Nodes first (each hands its modules back and saves their state), then what they used.
  private void stop() {
    nodes.forEach(Process::destroy);
    for (Process node : nodes) {
      try {
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
          node.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (broker != null) {
        broker.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (replica != null) {
      replica.close();
    }
    if (vertx != null) {
      vertx.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }
}
