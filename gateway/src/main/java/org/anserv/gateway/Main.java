package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.anserv.demo.DemoSpec;
import org.anserv.gateway.cluster.ClusterSettings;
import org.anserv.gateway.cluster.ClusteredVertx;
import org.anserv.gateway.cluster.LocalCluster;
import org.anserv.gateway.cluster.NodeScope;
import org.anserv.gateway.isolation.ProcessIsolation;
import org.anserv.gateway.demo.DemoLoader;
import org.anserv.gateway.security.DemoCredentials;
import org.anserv.gateway.security.SecretCommand;
import org.anserv.gateway.security.SecuritySettings;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an anserv node: {@code java -jar anserv.jar [--config FILE]}. Settings come from the file (default
 * {@code conf/anserv.json}), {@code ANSERV_*} environment variables and {@code -Danserv.*} properties.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.server");

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("hash-secret")) {
      System.exit(SecretCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    if (args.length > 0 && args[0].equals("cluster")) {
      LocalCluster.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    String configFile = null;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> configFile = i + 1 < args.length ? args[++i] : usage("--config needs a file name");
        case "--demo" -> demo = true;
        case "--help", "-h" -> {
          usage(null);
          return;
        }
        default -> usage("Unknown argument: " + args[i]);
      }
    }
    checkLogFormat();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JsonObject config = loadConfiguration(configFile);
    Vertx vertx;
    try {
      vertx = vertx(config, meters);
    } catch (IllegalArgumentException e) {
      LOG.error("anserv could not start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    SqlReplica replica = null;
    try {
      DemoLoader demoWorld = demo ? DemoLoader.of(DemoSpec.defaults(), dataDir(config)) : null;
      DemoCredentials demoCredentials = demoWorld == null ? null : demoCredentials(config, demoWorld);
      replica = SqlReplica.open(vertx, config, dataDir(config), demoWorld);
      AnservServer server = AnservServer.start(vertx, config, meters, replica.sql(), replica.connectionSettings())
          .await(120, TimeUnit.SECONDS);
      onShutdown(server, replica, vertx);
      String url = "http://" + GatewaySettings.fromConfig(config).host() + ":" + server.port();
      LOG.atInfo().addKeyValue("url", url).log("anserv is up: {} (schema at {}/schema?format=html)", url, url);
      if (demoWorld != null) {
        demoWorld.streamEvents(URI.create(url + "/events"),
            demoCredentials == null ? null : demoCredentials.authorization(), System.err);
        LOG.atInfo().addKeyValue("url", url).log("Demo ready: open {}", url);
        if (demoCredentials != null) {
          printLogins(demoCredentials, url, demoWorld.courseIds().getFirst());
        }
      }
    } catch (Exception e) {
      LOG.error("anserv could not start: {}", e.getMessage(), e);
      if (replica != null) {
        replica.close();
      }
      vertx.close();
      System.exit(1);
    }
  }

  // The configuration decides whether Vert.x is clustered, so it is read with a Vert.x of its own first.
  private static JsonObject loadConfiguration(String configFile) throws Exception {
    Vertx reader = Vertx.vertx();
    try {
      return Configuration.load(reader, configFile).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("anserv could not read its configuration: {}", e.getMessage());
      System.exit(1);
      throw e;
    } finally {
      reader.close();
    }
  }

  // Modules isolated in processes of their own join this node's cluster: such a node is clustered even when alone.
  private static Vertx vertx(JsonObject config, PrometheusMeterRegistry meters) throws Exception {
    ClusterSettings cluster = ClusterSettings.fromConfig(config);
    ProcessIsolation isolation = ProcessIsolation.fromConfig(config);
    if (!cluster.enabled() && !isolation.any()) {
      return MeteredVertx.create(meters);
    }
    if (!cluster.enabled()) {
      // a cluster of this node and its modules' processes only: a name of its own, so no other server joins it
      config.put("cluster.name", "anserv-" + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID());
      cluster = ClusterSettings.fromConfig(config);
    }
    boolean limited = NodeScope.fromConfig(config, Set.of()).limited();
    Vertx vertx = ClusteredVertx.join(cluster, MeteredVertx.builder(meters), MeteredVertx.options(), limited)
        .await(120, TimeUnit.SECONDS);
    LOG.atInfo().addKeyValue("cluster", cluster.name()).log("Joined cluster {} as {}{}", cluster.name(),
        ClusteredVertx.memberAddress(vertx), cluster.enabled() ? ""
            : " (cluster.enabled=false, but modules " + isolation.heapMegabytes().keySet()
                + " run in processes of their own, which join it)");
    return vertx;
  }

  // Stop in dependency order: modules and the log, then the SQL pool, then Vert.x, then the embedded servers.
  private static void onShutdown(AnservServer server, SqlReplica replica, Vertx vertx) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close().await(20, TimeUnit.SECONDS);
        replica.close();
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Shutdown did not finish cleanly: {}", e.toString());
      }
    }, "anserv-shutdown"));
  }

  // logback.xml picks its appender by this name; an unknown one would silently log nothing at all.
  private static void checkLogFormat() {
    String format = System.getProperty("anserv.log.format", System.getenv().getOrDefault("ANSERV_LOG_FORMAT", "text"));
    if (!format.equals("text") && !format.equals("json")) {
      System.err.println("The log format must be text or json, not '" + format + "' (ANSERV_LOG_FORMAT or"
          + " -Danserv.log.format).");
      System.exit(2);
    }
  }

  // The demo must show real numbers with no set-up, yet the server still requires credentials: it makes its own.
  private static DemoCredentials demoCredentials(JsonObject config, DemoLoader world) throws java.io.IOException {
    SecuritySettings security = SecuritySettings.fromConfig(config);
    if (!security.enabled() || Files.exists(security.credentialsFile())) {
      return null;
    }
    DemoCredentials demo = DemoCredentials.write(dataDir(config).resolve("demo/credentials.json"),
        world.courseIds().subList(0, 1), world.firstStudent());
    config.put("security.credentials.file", demo.file().toString());
    return demo;
  }

  private static void printLogins(DemoCredentials demo, String url, String course) {
    System.err.println("Demo logins at " + url + "/login (new passwords at every start; credentials in "
        + demo.file() + "):\n"
        + "  operator / " + demo.operatorPassword() + "   (staff: everything)\n"
        + "  instructor / " + demo.instructorPassword() + "   (course " + course + ")\n"
        + "  " + demo.student() + " / " + demo.studentPassword() + "   (a student: their own data)");
  }

  private static Path dataDir(JsonObject config) {
    return Path.of(config.getString("data.dir", "data"));
  }

  private static String usage(String error) {
    if (error != null) {
      System.err.println(error);
    }
    System.err.println("Usage: java -jar anserv.jar [--demo] [--config FILE]");
    System.err.println("       java -jar anserv.jar hash-secret [--iterations N] [--hmac] [SECRET]");
    System.err.println("       java -jar anserv.jar cluster [N]   (a local cluster of N nodes with the demo world)");
    System.err.println("  --demo  load a generated demo course world (events through HTTP intake) on first start");
    if (error != null) {
      System.exit(2);
    }
    return null;
  }
}
