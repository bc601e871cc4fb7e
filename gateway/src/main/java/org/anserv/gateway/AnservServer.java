package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.anserv.api.Sql;
import org.anserv.gateway.cluster.ClusterSettings;
import org.anserv.gateway.cluster.ModulePlacement;
import org.anserv.gateway.cluster.NodeScope;
import org.anserv.gateway.isolation.ModuleProcesses;
import org.anserv.gateway.isolation.ParentLink;
import org.anserv.gateway.isolation.ProcessIsolation;
import org.anserv.gateway.routes.Readiness;
import org.anserv.gateway.security.GatewaySecurity;
import org.anserv.gateway.security.SecuritySettings;
import org.anserv.gateway.xapi.XapiSettings;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.call.ModuleCalls;
import org.anserv.runtime.deploy.MissingSql;
import org.anserv.runtime.deploy.ModuleDiscovery.Candidate;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.store.EmbeddedMongo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole anserv node on one Vert.x instance: module databases (an embedded MongoDB unless {@code mongo.uri} is
 * set), the module runtime with every discovered module, the HTTP gateway, and the processes of the modules
 * isolated in JVMs of their own.
 */
public final class AnservServer {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.server");

  private final ModuleRuntime runtime;
  private final EventLog log;
  private final EmbeddedMongo embeddedMongo;
  private final RunMarker marker;
  private final Readiness readiness;
  private final int port;
  private final ModulePlacement placement;
  private ModuleProcesses processes;

  private AnservServer(ModuleRuntime runtime, EventLog log, EmbeddedMongo embeddedMongo, RunMarker marker,
      Readiness readiness, int port, ModulePlacement placement) {
    this.runtime = runtime;
    this.log = log;
    this.embeddedMongo = embeddedMongo;
    this.marker = marker;
    this.readiness = readiness;
    this.port = port;
    this.placement = placement;
  }

  /** Starts everything {@code config} describes on {@code vertx}, without a SQL replica. */
  public static Future<AnservServer> start(Vertx vertx, JsonObject config, PrometheusMeterRegistry meters) {
    return start(vertx, config, meters, new MissingSql());
  }

  /** Starts everything {@code config} describes on {@code vertx}; metrics go to {@code meters}. */
  public static Future<AnservServer> start(Vertx vertx, JsonObject config, PrometheusMeterRegistry meters,
      Sql sql) {
    return start(vertx, config, meters, sql, new JsonObject());
  }

  /**
   * Starts everything {@code config} describes on {@code vertx}; metrics go to {@code meters}.
   *
   * @param sql the SQL read-replica handle modules get
   * @param sqlReach the {@code sql.*} settings with which the processes of isolated modules reach that replica
   *     (see {@link SqlReplica#connectionSettings()})
   */
  public static Future<AnservServer> start(Vertx vertx, JsonObject config, PrometheusMeterRegistry meters,
      Sql sql, JsonObject sqlReach) {
    RuntimeSettings settings;
    GatewaySettings gateway;
    GatewaySecurity security;
    ProcessIsolation isolation;
    NodeScope scope;
    try {
      settings = RuntimeSettings.fromConfig(config);
      gateway = GatewaySettings.fromConfig(config);
      isolation = ProcessIsolation.fromConfig(config);
      scope = NodeScope.fromConfig(config, isolation.heapMegabytes().keySet());
      security = GatewaySecurity.start(vertx, SecuritySettings.fromConfig(config));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (isolation.any() && (!vertx.isClustered() || LogEngine.of(config) != LogEngine.KAFKA)) {
      return Future.failedFuture(new IllegalArgumentException("Modules " + isolation.heapMegabytes().keySet()
          + " are set to run in processes of their own (modules.<name>.isolation=process): those processes join"
          + " this node's cluster and read the shared log, so the node needs log.engine=kafka with"
          + " log.kafka.bootstrap" + (vertx.isClustered() ? "" : ", and a clustered Vert.x (Main makes one)")
          + ". Set modules.<name>.isolation=in-process to run them in this JVM instead."));
    }
    AtomicReference<ModulePlacement> placed = new AtomicReference<>();
    ParentLink.connect(vertx, config, () -> placed.get() == null ? List.of() : placed.get().running());
    warnAbout(security);
    EmbeddedMongo mongo = settings.mongoConnectionString().isBlank() ? embeddedMongo(config) : null;
    if (mongo != null) {
      settings = settings.withMongo(mongo.connectionString());
      LOG.atInfo().addKeyValue("mongo", mongo.connectionString()).log("Embedded MongoDB listening on {}",
          mongo.connectionString());
    }
    RuntimeSettings runtimeSettings = settings;
    Path dataDir = Path.of(config.getString("data.dir", "data"));
    EventLog log;
    RunMarker marker;
    try {
      log = LogEngine.of(config).open(config, dataDir, vertx, meters);
      marker = RunMarker.place(dataDir);
    } catch (IOException | RuntimeException e) {
      if (mongo != null) {
        mongo.close();
      }
      return Future.failedFuture(new IllegalStateException("Cannot open the event log (log.engine="
          + config.getString("log.engine", "local") + ", data.dir=" + dataDir + "): " + e.getMessage(), e));
    }
    AtomicInteger port = new AtomicInteger();
    Readiness readiness = new Readiness(vertx, log, LogEngine.of(config).directory(config, dataDir).orElse(null),
        runtimeSettings.mongoConnectionString(), sql instanceof MissingSql ? null : sql);
    return ModuleRuntime.start(vertx, runtimeSettings, log, sql, meters)
        .compose(runtime -> placeModules(vertx, runtime, runtimeSettings, marker, config, isolation, scope, meters)
            .onSuccess(placed::set)
            .compose(placement -> deployGateway(vertx, gateway, security, meters, readiness, config, port,
                runtime.calls())
                .map(v -> new AnservServer(runtime, log, mongo, marker, readiness, port.get(), placement))))
        .map(server -> {
          if (isolation.any()) {
            JsonObject reach = sqlReach.copy().put("mongo.uri", runtimeSettings.mongoConnectionString());
            server.processes = ModuleProcesses.start(vertx, isolation, config, reach, dataDir,
                server.runtime.registry(), meters);
          }
          return server;
        })
        .onFailure(cause -> {
          readiness.close();
          log.close();
          if (mongo != null) {
            mongo.close();
          }
        });
  }

  // Clustered, each module runs on one node, placed and moved by the cluster; alone, this node runs them all.
  private static Future<ModulePlacement> placeModules(Vertx vertx, ModuleRuntime runtime, RuntimeSettings settings,
      RunMarker marker, JsonObject config, ProcessIsolation isolation, NodeScope scope,
      PrometheusMeterRegistry meters) {
    if (scope.limited() && !vertx.isClustered()) {
      return Future.failedFuture(new IllegalArgumentException("node.role=gateway and node.modules leave modules to"
          + " other nodes, which only a clustered node has: set cluster.enabled=true, or remove them to run every"
          + " module here."));
    }
    if (!vertx.isClustered() || !config.getValue("modules.discover", true).toString().equals("true")) {
      return deployModules(runtime, settings, marker, config).map(deployed -> null);
    }
    if (LogEngine.of(config) != LogEngine.KAFKA) {
      // each node would have its own log: a module moved to another node would miss what this one received
      return Future.failedFuture(new IllegalArgumentException("A clustered node needs the shared event log: set"
          + " log.engine=kafka and log.kafka.bootstrap (cluster.enabled=true with log.engine=local)."));
    }
    List<Candidate> discovered = ModuleRuntime.discover(settings.modulesDirectory());
    Set<String> names = discovered.stream().map(Candidate::moduleName).collect(Collectors.toCollection(TreeSet::new));
    Set<String> unknown = new TreeSet<>(isolation.heapMegabytes().keySet());
    unknown.removeAll(names);
    if (!unknown.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("modules.<name>.isolation=process names modules"
          + " that are not deployed here: " + unknown + ". The modules found are " + names + "."));
    }
    List<Candidate> candidates = discovered.stream().filter(candidate -> scope.runs(candidate.moduleName()))
        .toList();
    ModulePlacement placement = ModulePlacement.inCluster(vertx, runtime, candidates, scope.limited(), meters,
        marker.previousRunEndedUncleanly(), ClusterSettings.fromConfig(config).leaseMillis());
    return placement.start().map(placement);
  }

  // After an unclean stop, module states and their feed positions may disagree: rebuild every projection.
  private static Future<?> deployModules(ModuleRuntime runtime, RuntimeSettings settings, RunMarker marker,
      JsonObject config) {
    if (!config.getValue("modules.discover", true).toString().equals("true")) {
      LOG.info("Module discovery is off (modules.discover=false): no module is deployed.");
      return Future.succeededFuture();
    }
    if (marker.previousRunEndedUncleanly()) {
      LOG.warn("The previous run did not stop cleanly: rebuilding every module's state from the event log.");
      return runtime.rebuildDiscovered(settings.modulesDirectory());
    }
    return runtime.deployDiscovered(settings.modulesDirectory());
  }

  private static void warnAbout(GatewaySecurity security) {
    if (!security.settings().enabled()) {
      LOG.warn("security.enabled=false: anyone may post events and read everything. For development only.");
    } else if (security.store().current().producers().isEmpty()) {
      LOG.warn("No producer credentials in {}: every event post is refused (401). The README's Security section"
          + " says how to add one.", security.settings().credentialsFile());
    }
  }

  private static Future<Void> deployGateway(Vertx vertx, GatewaySettings settings, GatewaySecurity security,
      PrometheusMeterRegistry meters, Readiness readiness, JsonObject config, AtomicInteger port, ModuleCalls calls) {
    int instances = GatewaySettings.number(config, "http.instances", Runtime.getRuntime().availableProcessors())
        .intValue();
    // Vert.x shares one random port among servers that ask for the same negative port.
    GatewaySettings shared = settings.port() == 0 ? settings.withPort(-1) : settings;
    List<GatewayVerticle> created = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      GatewayVerticle verticle = new GatewayVerticle(shared, security, meters, readiness.checks(),
          XapiSettings.fromConfig(config), calls);
      created.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(instances)).onSuccess(id -> port.set(created.getFirst().actualPort()))
        .mapEmpty();
  }

  private static EmbeddedMongo embeddedMongo(JsonObject config) {
    int port = GatewaySettings.number(config, "mongo.embedded.port", 0).intValue();
    if ("memory".equals(config.getString("mongo.embedded.storage", "disk"))) {
      return EmbeddedMongo.inMemory(port);
    }
    Path dir = Path.of(config.getString("data.dir", "data")).resolve("mongo");
    return EmbeddedMongo.onDisk(dir, port);
  }

  /** The HTTP port the gateway listens on. */
  public int port() {
    return port;
  }

  /** The processes of the modules isolated in JVMs of their own; null when there are none. */
  public ModuleProcesses processes() {
    return processes;
  }

  /** The module runtime. */
  public ModuleRuntime runtime() {
    return runtime;
  }

  /**
   * Stops the modules (each saves its position in the log), closes the log and the embedded MongoDB, and records a
   * clean stop; close Vert.x after.
   */
  public Future<Void> close() {
    // the isolated modules' processes and this node's modules stop side by side, each saving its state
    Future<Void> handedBack = Future.join(processes == null ? Future.succeededFuture() : processes.stop(),
        placement == null ? Future.succeededFuture() : placement.stop()).mapEmpty();
    return handedBack.eventually(runtime::close).eventually(readiness::close).eventually(log::close)
        .onComplete(v -> {
      if (embeddedMongo != null) {
        embeddedMongo.close();
      }
      marker.remove();
    });
  }
}
