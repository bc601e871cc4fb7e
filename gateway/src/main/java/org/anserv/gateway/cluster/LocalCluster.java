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
 * A cluster of N nodes on this machine, each node a JVM of its own on consecutive HTTP ports. This process hosts
 * what a real cluster would find on other machines: a Kafka broker (a JVM of its own), the MongoDB of module state
 * (embedded) and, with the demo world, the SQL replica with its tables and the demo credentials.
 *
 * <p>{@code anserv cluster [N]} ({@link #main}) runs 3 nodes (or N) on ports 8080... with the demo world under
 * {@code data/cluster}: it streams the world through the first node, prints the addresses and logins, and stops
 * everything on Ctrl-C. The benchmark harness starts clusters of 1, 2 and 3 nodes with {@link #start}.
 */
public final class LocalCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.cluster");

  /**
   * What to start.
   *
   * @param nodes how many nodes
   * @param dir where the nodes, the broker and the stores keep their data
   * @param firstHttpPort node 1's HTTP port; node k listens on {@code firstHttpPort + k - 1}
   * @param firstClusterPort node 1's Hazelcast port (the others take the next free ones)
   * @param mongoPort the embedded MongoDB's port
   * @param demo the demo world whose tables the SQL replica holds, with demo credentials; null for neither
   * @param settings more {@code anserv.*} settings for every node
   */
  public record Options(int nodes, Path dir, int firstHttpPort, int firstClusterPort, int mongoPort, DemoLoader demo,
      Map<String, String> settings) {
  }

  private final Options options;
  private final List<Process> nodes = new ArrayList<>();
  private BrokerProcess broker;
  private EmbeddedMongo mongo;
  private SqlReplica replica;
  private Vertx vertx;
  private DemoCredentials credentials;

  private LocalCluster(Options options) {
    this.options = options;
  }

  /**
   * Starts the broker, the stores and the nodes, and waits until every node answers {@code /health}.
   *
   * @param options what to start
   * @return the running cluster; {@link #close()} stops it
   * @throws Exception when a part cannot start (the message says which and where its log is)
   */
  public static LocalCluster start(Options options) throws Exception {
    LocalCluster cluster = new LocalCluster(options);
    try {
      cluster.startParts();
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  /** The HTTP port of node {@code node} (1-based). */
  public int httpPort(int node) {
    return options.firstHttpPort() + node - 1;
  }

  /** The demo credentials all nodes accept, or null without the demo world. */
  public DemoCredentials credentials() {
    return credentials;
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
    Path dir = Path.of("data", "cluster").toAbsolutePath();
    DemoLoader world = DemoLoader.of(DemoSpec.defaults(), dir.resolve("stores"));
    LocalCluster cluster = start(new Options(count, dir, 8080, 5701, 27028, world, Map.of()));
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "anserv-cluster-stop"));
    cluster.streamDemo(world, System.err);
    Thread.currentThread().join();
  }

  private void startParts() throws Exception {
    Path dir = options.dir();
    Path brokerClasspath = BrokerProcess.classpathFile().orElseThrow(() -> new IllegalStateException(
        "kafka-broker/target/broker.classpath is missing: run ./anserv cluster from the repository after a build"));
    broker = BrokerProcess.start(brokerClasspath, BrokerProcess.freePortPair(), dir.resolve("kafka"),
        Duration.ofSeconds(120));
    LOG.info("Kafka broker ready on {}", broker.bootstrapServers());
    mongo = EmbeddedMongo.onDisk(dir.resolve("stores/mongo"), options.mongoPort());
    Map<String, String> shared = new TreeMap<>();
    if (options.demo() != null) {
      vertx = Vertx.vertx();
      replica = SqlReplica.open(vertx, new JsonObject().put("sql.embedded", true), dir.resolve("stores"),
          options.demo());
      credentials = DemoCredentials.write(dir.resolve("stores/demo/credentials.json"),
          options.demo().courseIds().subList(0, 1), options.demo().firstStudent());
      shared.put("security.credentials.file", credentials.file().toString());
      replica.connectionSettings().forEach(entry -> shared.put(entry.getKey(), String.valueOf(entry.getValue())));
    }
    shared.put("cluster.enabled", "true");
    shared.put("cluster.name", "anserv-local-" + options.firstClusterPort());
    shared.put("cluster.port", Integer.toString(options.firstClusterPort()));
    shared.put("cluster.members", "127.0.0.1:" + options.firstClusterPort());
    shared.put("log.engine", "kafka");
    shared.put("log.kafka.bootstrap", broker.bootstrapServers());
    shared.put("log.kafka.replication", "1");
    shared.put("log.kafka.min.insync", "1");
    shared.put("mongo.uri", mongo.connectionString());
    shared.put("http.instances", "1");
    shared.putAll(options.settings());
    for (int node = 1; node <= options.nodes(); node++) {
      nodes.add(startNode(node, shared));
    }
    for (int node = 1; node <= options.nodes(); node++) {
      awaitUp(node);
    }
  }

  private void streamDemo(DemoLoader world, PrintStream out) throws Exception {
    String first = "http://127.0.0.1:" + httpPort(1);
    world.streamEvents(URI.create(first + "/events"), credentials.authorization(), out);
    out.println("\nanserv cluster of " + options.nodes() + " nodes is up:");
    for (int node = 1; node <= options.nodes(); node++) {
      out.println("  node " + node + ": http://127.0.0.1:" + httpPort(node) + "  (log: "
          + options.dir().resolve("node" + node + "/node.log") + ")");
    }
    out.println("Which node runs which module: " + first + "/schema?format=html. Logins (any node):\n"
        + "  operator / " + credentials.operatorPassword() + "\n  instructor / " + credentials.instructorPassword()
        + "\n  " + credentials.student() + " / " + credentials.studentPassword() + "\nCtrl-C stops them all.");
  }

  private Process startNode(int node, Map<String, String> shared) throws IOException {
    Path nodeDir = options.dir().resolve("node" + node);
    java.nio.file.Files.createDirectories(nodeDir);
    List<String> settings = new ArrayList<>();
    shared.forEach((key, value) -> settings.add("-Danserv." + key + "=" + value));
    settings.addAll(List.of("-Danserv.http.port=" + httpPort(node), "-Danserv.data.dir=" + nodeDir));
    ProcessBuilder builder = new ProcessBuilder(NodeCommand.of(512, settings)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("ANSERV_") && !name.equals("ANSERV_LOG_FORMAT"));
    Process process = builder.start();
    LOG.info("Node {} starting, pid {}, log in {}", node, process.pid(), nodeDir.resolve("node.log"));
    return process;
  }

  private void awaitUp(int node) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI health = URI.create("http://127.0.0.1:" + httpPort(node) + "/health");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!nodes.get(node - 1).isAlive()) {
        throw new IllegalStateException("Node " + node + " exited; see " + options.dir().resolve("node" + node
            + "/node.log"));
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
        + options.dir().resolve("node" + node + "/node.log"));
  }

  /** Stops the nodes first (each hands its modules back and saves their state), then what they used. */
  @Override
  public void close() {
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
