package org.anserv.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anserv.api.Sql;
import org.anserv.runtime.bus.BusGuard;
import org.anserv.runtime.call.ModuleCalls;
import org.anserv.runtime.define.ModuleInspector;
import org.anserv.runtime.shard.Shard;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.bus.EventBatchCodec;
import org.anserv.runtime.bus.LiveBatch;
import org.anserv.runtime.bus.LiveBatchCodec;
import org.anserv.runtime.deploy.ModuleDeployer;
import org.anserv.runtime.deploy.ModuleDiscovery;
import org.anserv.runtime.deploy.ModuleServices;
import org.anserv.runtime.deploy.RebuildVerticle;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.registry.ModuleRegistry;
import org.anserv.runtime.registry.RegistryVerticle;
import org.anserv.runtime.route.RouterVerticle;
import org.anserv.runtime.store.Databases;

/**
 * The module runtime on one Vert.x instance: the registry, the event router and the deployer, over the module
 * databases. The gateway and the test kit both start it this way.
 */
public final class ModuleRuntime {

  private final Vertx vertx;
  private final ModuleRegistry registry;
  private final ModuleDeployer deployer;
  private final Databases databases;
  private final ModuleCalls calls;
  private final RuntimeSettings settings;

  private ModuleRuntime(Vertx vertx, RuntimeSettings settings, ModuleRegistry registry, ModuleDeployer deployer,
      Databases databases, ModuleCalls calls) {
    this.vertx = vertx;
    this.settings = settings;
    this.registry = registry;
    this.deployer = deployer;
    this.databases = databases;
    this.calls = calls;
  }

  /**
   * Starts the runtime's own verticles with module databases on {@code settings.mongoConnectionString()}, which must
   * be set (the launcher or test kit starts an embedded MongoDB when the configuration has none).
   */
  public static Future<ModuleRuntime> start(Vertx vertx, RuntimeSettings settings, EventLog log, Sql sql,
      MeterRegistry meters) {
    if (settings.mongoConnectionString().isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("No MongoDB connection string: set mongo.uri."));
    }
    vertx.eventBus().registerDefaultCodec(EventBatch.class, new EventBatchCodec());
    vertx.eventBus().registerDefaultCodec(LiveBatch.class, new LiveBatchCodec());
    BusGuard.install(vertx);
    ModuleRegistry registry = new ModuleRegistry();
    Databases databases = new Databases(vertx, settings.mongoConnectionString(), settings.databasePrefix());
    ModuleCalls calls = new ModuleCalls(vertx, registry);
    ModuleServices services = new ModuleServices(settings, log, databases, sql, meters, calls);
    ModuleDeployer deployer = new ModuleDeployer(vertx, services, registry);
    return vertx.deployVerticle(new RegistryVerticle(registry))
        .compose(id -> vertx.deployVerticle(new RouterVerticle(log, registry, settings.maxHops(),
            settings.callTimeoutMillis(), meters)))
        .compose(id -> vertx.deployVerticle(new RebuildVerticle(deployer)))
        .map(id -> new ModuleRuntime(vertx, settings, registry, deployer, databases, calls));
  }

  /**
   * Deploys every module found on the classpath and in the modules directory. Modules that fail are recorded in the
   * registry; the future holds the names of those deployed.
   */
  public Future<List<String>> deployDiscovered(String modulesDirectory) {
    return deployer.deployAll(discover(modulesDirectory), false);
  }

  /**
   * Like {@link #deployDiscovered(String)}, but first drops every module's database so that each rebuilds its state
   * from the whole event log: what the server does after an unclean stop, when states and cursors may disagree.
   */
  public Future<List<String>> rebuildDiscovered(String modulesDirectory) {
    return deployer.deployAll(discover(modulesDirectory), true);
  }

  /**
   * Recomputes module {@code name} from the event log: stops it, drops its database (state and cursors), and deploys
   * it again, which replays the log from the start with progress in the log and the lag metrics.
   */
  public Future<Void> rebuild(String name) {
    return deployer.rebuild(name);
  }

  /**
   * Deploys the given modules, each whole or as all its shards, after dropping their databases when {@code fresh}
   * (their state is then rebuilt from the event log).
   *
   * @param candidates modules found by {@link #discover(String)}
   * @param fresh whether to rebuild their state from the log
   * @return the instance names deployed; the others are recorded in the registry as failed
   */
  public Future<List<String>> deploy(List<ModuleDiscovery.Candidate> candidates, boolean fresh) {
    return deployer.deployAll(candidates, fresh);
  }

  /**
   * Deploys one shard of a module ({@link Shard#WHOLE} for a module that is not split), after dropping its database
   * when {@code fresh} (its state is then rebuilt from the event log): how a cluster node takes over modules and
   * shards one by one.
   *
   * @param candidate a module found by {@link #discover(String)}
   * @param shard which shard of it
   * @param fresh whether to rebuild its state from the log
   * @return the instance name deployed; fails when the module is invalid or does not start (recorded in the
   *     registry as failed)
   */
  public Future<String> deploy(ModuleDiscovery.Candidate candidate, Shard shard, boolean fresh) {
    return deployer.deploy(candidate, shard, fresh);
  }

  /** How many shards a module of student or resource scope is split into on this runtime ({@code modules.shards}). */
  public int shards() {
    return settings.shards();
  }

  /**
   * How many shards module {@code candidate} is split into on this runtime: 1 for a global module, and for a class
   * that cannot be loaded (its deployment then reports why).
   */
  public int shardsOf(ModuleDiscovery.Candidate candidate) {
    try {
      Class<?> type = Class.forName(candidate.className(), false, candidate.loader());
      return settings.shardsOf(ModuleInspector.scopeOf(type));
    } catch (ClassNotFoundException | LinkageError e) {
      return 1;
    }
  }

  /** Sends view and query calls to modules, wherever they (or their shards) run. */
  public ModuleCalls calls() {
    return calls;
  }

  /**
   * Finds the modules on the classpath and in {@code modulesDirectory} without deploying them.
   *
   * @param modulesDirectory a directory of module jars, or blank for none
   * @return the modules found, each with the class loader to load it with
   */
  public static List<ModuleDiscovery.Candidate> discover(String modulesDirectory) {
    ClassLoader loader = ModuleRuntime.class.getClassLoader();
    List<ModuleDiscovery.Candidate> candidates = new ArrayList<>(ModuleDiscovery.onClasspath(loader));
    if (!modulesDirectory.isBlank()) {
      candidates.addAll(ModuleDiscovery.inDirectory(Path.of(modulesDirectory), loader));
    }
    return candidates;
  }

  /** Validates and deploys one module class; fails with its definition problems. */
  public Future<String> deploy(Class<?> moduleClass) {
    return deployer.deploy(moduleClass);
  }

  /** Stops module instance {@code name} (a module's name, or a shard's instance name); its database stays. */
  public Future<Void> undeploy(String name) {
    return deployer.undeploy(name);
  }

  /** What is deployed and what failed. */
  public ModuleRegistry registry() {
    return registry;
  }

  /** The module databases. */
  public Databases databases() {
    return databases;
  }

  /** The Vert.x instance the runtime runs on. */
  public Vertx vertx() {
    return vertx;
  }

  /** Stops every module (each saves its feed positions), then closes the database connections. */
  public Future<Void> close() {
    return deployer.undeployAll().eventually(databases::close);
  }
}
