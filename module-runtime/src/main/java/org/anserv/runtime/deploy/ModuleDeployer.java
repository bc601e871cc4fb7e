package org.anserv.runtime.deploy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.anserv.api.DefinitionException;
import org.anserv.runtime.define.ModuleDefinition;
import org.anserv.runtime.define.ModuleInspector;
import org.anserv.runtime.registry.ModuleRegistry;
import org.anserv.runtime.shard.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and deploys modules, each as its own verticle on virtual threads. A module that fails validation or
 * start-up is logged with every reason and recorded in the registry; the others deploy regardless.
 */
public final class ModuleDeployer {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.runtime");

  private final Vertx vertx;
  private final ModuleServices services;
  private final ModuleRegistry registry;
  private final Map<String, String> deployments = new ConcurrentHashMap<>();
  // what each deployed instance is, so it can be rebuilt
  private record Placed(Class<?> type, Shard shard) {
  }

  private final Map<String, Placed> placed = new ConcurrentHashMap<>();
  // Deployments still starting (catching up with the log): a quarantine may need to stop one before it is up.
  private final Map<String, Future<String>> starting = new ConcurrentHashMap<>();
  private final ModuleSupervisor supervisor;

  public ModuleDeployer(Vertx vertx, ModuleServices services, ModuleRegistry registry) {
    this.vertx = vertx;
    this.services = services;
    this.registry = registry;
    this.supervisor = new ModuleSupervisor(vertx, services.settings(), services.meters(), registry);
  }

  /**
   * Deploys every candidate that loads and validates, each whole or as all its shards, after dropping their databases
   * when {@code fresh}; the future holds the instance names deployed.
   */
  public Future<List<String>> deployAll(List<ModuleDiscovery.Candidate> candidates, boolean fresh) {
    List<Future<List<String>>> deployments = new ArrayList<>();
    for (ModuleDiscovery.Candidate candidate : candidates) {
      Class<?> type = load(candidate);
      if (type != null) {
        int count = services.settings().shardsOf(ModuleInspector.scopeOf(type));
        List<Future<String>> shards = new ArrayList<>();
        for (int index = 0; index < count; index++) {
          shards.add(deploy(type, new Shard(index, count), fresh).otherwise(cause -> null));
        }
        deployments.add(Future.join(shards).map(v -> shards.stream().map(Future::result)
            .filter(java.util.Objects::nonNull).toList()));
      }
    }
    return Future.join(deployments).map(v -> deployments.stream().flatMap(f -> f.result().stream()).toList());
  }

  /**
   * Deploys one shard of a candidate (the whole module for {@link Shard#WHOLE}), after dropping its database when
   * {@code fresh}: how a cluster node takes over modules and shards one by one. The future holds the instance name,
   * or fails when the class cannot be loaded or is invalid (recorded in the registry).
   */
  public Future<String> deploy(ModuleDiscovery.Candidate candidate, Shard shard, boolean fresh) {
    Class<?> type = load(candidate);
    return type == null ? Future.failedFuture("Class " + candidate.className() + " cannot be loaded")
        : deploy(type, shard, fresh);
  }

  private Class<?> load(ModuleDiscovery.Candidate candidate) {
    try {
      return Class.forName(candidate.className(), true, candidate.loader());
    } catch (ClassNotFoundException | LinkageError e) {
      String name = candidate.className();
      registry.failed(name, candidate.source(), List.of("Class " + name + " listed in " + candidate.source()
          + " cannot be loaded: " + e + ". Check the name in " + ModuleDiscovery.INDEX + " and the jar."));
      LOG.atError().addKeyValue("module", name).log("Module class cannot be loaded: {}", e.toString());
      return null;
    }
  }

  /** Validates and deploys one module class whole; fails with the {@link DefinitionException} when it is invalid. */
  public Future<String> deploy(Class<?> type) {
    return deploy(type, Shard.WHOLE, false);
  }

  private Future<String> deploy(Class<?> type, Shard shard, boolean fresh) {
    ModuleDefinition module;
    try {
      module = ModuleInspector.inspect(type);
    } catch (DefinitionException e) {
      return invalid(type, e);
    }
    Shard placed = module.sharded() ? shard : Shard.WHOLE;
    return fresh ? services.databases().drop(placed.instance(module.name())).compose(v -> start(module, placed, type))
        : start(module, placed, type);
  }

  /** Stops every deployed module; quarantined ones are not restarted any more. */
  public Future<Void> undeployAll() {
    supervisor.close();
    return Future.join(List.copyOf(deployments.keySet()).stream().map(this::undeploy).toList()).mapEmpty();
  }

  /**
   * Stops module {@code name} (every shard of it on this node, or the one instance so named), drops its database and
   * deploys it again from the start of the log.
   */
  public Future<Void> rebuild(String name) {
    List<Map.Entry<String, Placed>> instances = placed.entrySet().stream()
        .filter(e -> e.getKey().equals(name) || Shard.moduleOf(e.getKey()).equals(name)).toList();
    if (instances.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("No module named '" + name + "' is deployed."));
    }
    LOG.atInfo().addKeyValue("module", name).log("Rebuilding the module's state from the event log");
    return Future.all(instances.stream().map(e -> undeploy(e.getKey())
        .compose(v -> deploy(e.getValue().type(), e.getValue().shard(), true))).toList()).mapEmpty();
  }

  private Future<String> invalid(Class<?> type, DefinitionException e) {
    registry.failed(e.module(), type.getName(), e.problems());
    LOG.atError().addKeyValue("module", e.module()).log(e.getMessage());
    return Future.failedFuture(e);
  }

  private Future<String> start(ModuleDefinition module, Shard shard, Class<?> type) {
    String instance = shard.instance(module.name());
    DeploymentOptions options = new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD);
    ModuleVerticle.Quarantine quarantine = (reason, abandoned) -> supervisor.quarantine(instance, reason,
        abandoned, this::stop, name -> start(module, shard, type));
    Future<String> deployment = vertx.deployVerticle(new ModuleVerticle(module, shard, services, quarantine),
        options);
    starting.put(instance, deployment);
    return deployment
        .map(id -> {
          deployments.put(instance, id);
          placed.put(instance, new Placed(type, shard));
          supervisor.running(instance);
          LOG.atInfo().addKeyValue("module", instance).log("Module deployed: {} handlers, {} views, {} queries,"
              + " {} crons", count(module, "HANDLER"), count(module, "VIEW"), count(module, "QUERY"),
              count(module, "CRON"));
          return instance;
        })
        .onFailure(cause -> {
          registry.failed(module.name(), type.getName(), List.of("Start-up failed" + (shard.count() > 1
              ? " (shard " + instance + ")" : "") + ": " + cause.getMessage()));
          LOG.atError().addKeyValue("module", instance).setCause(cause).log("Module failed to start");
        })
        .andThen(done -> starting.remove(instance, deployment));
  }

  /**
   * Stops module instance {@code name} (a module's name, or a shard's instance name) and withdraws it from the
   * registry; a module in quarantine is not restarted.
   */
  public Future<Void> undeploy(String name) {
    if (!deployments.containsKey(name) && supervisor.forget(name)) {
      return Future.succeededFuture();
    }
    return stop(name);
  }

  // Stops a deployed module; unlike undeploy, leaves a quarantined module's restart where it is.
  private Future<Void> stop(String name) {
    Future<String> pending = starting.get(name);
    if (pending != null && !deployments.containsKey(name)) {
      // quarantined while catching up: stop it once it is up
      return pending.transform(started -> stop(name));
    }
    String id = deployments.remove(name);
    placed.remove(name);
    if (id == null) {
      return Future.failedFuture(new IllegalArgumentException("No module named '" + name + "' is deployed."));
    }
    registry.unregister(name);
    return vertx.undeploy(id);
  }

  private static long count(ModuleDefinition module, String kind) {
    return module.methods().stream().filter(m -> m.kind().name().equals(kind)).count();
  }
}
