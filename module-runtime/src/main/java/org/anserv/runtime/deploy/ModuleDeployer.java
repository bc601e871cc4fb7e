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
  private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
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
   * Deploys every candidate that loads and validates, after dropping its database when {@code fresh}; the future
   * holds the names deployed.
   */
  public Future<List<String>> deployAll(List<ModuleDiscovery.Candidate> candidates, boolean fresh) {
    List<Future<String>> deployments = new ArrayList<>();
    for (ModuleDiscovery.Candidate candidate : candidates) {
      try {
        Class<?> type = Class.forName(candidate.className(), true, candidate.loader());
        deployments.add((fresh ? deployFresh(type) : deploy(type)).otherwise(cause -> null));
      } catch (ClassNotFoundException | LinkageError e) {
        String name = candidate.className();
        registry.failed(name, candidate.source(), List.of("Class " + name + " listed in " + candidate.source()
            + " cannot be loaded: " + e + ". Check the name in " + ModuleDiscovery.INDEX + " and the jar."));
        LOG.atError().addKeyValue("module", name).log("Module class cannot be loaded: {}", e.toString());
      }
    }
    return Future.join(deployments).map(v -> deployments.stream()
        .map(Future::result).filter(java.util.Objects::nonNull).toList());
  }

  /** Validates and deploys one module class; fails with the {@link DefinitionException} when it is invalid. */
  public Future<String> deploy(Class<?> type) {
    ModuleDefinition module;
    try {
      module = ModuleInspector.inspect(type);
    } catch (DefinitionException e) {
      return invalid(type, e);
    }
    return start(module, type);
  }

  private Future<String> deployFresh(Class<?> type) {
    ModuleDefinition module;
    try {
      module = ModuleInspector.inspect(type);
    } catch (DefinitionException e) {
      return invalid(type, e);
    }
    return services.databases().drop(module.name()).compose(v -> start(module, type));
  }

  /** Stops every deployed module; quarantined ones are not restarted any more. */
  public Future<Void> undeployAll() {
    supervisor.close();
    return Future.join(List.copyOf(deployments.keySet()).stream().map(this::undeploy).toList()).mapEmpty();
  }

  /** Stops module {@code name}, drops its database and deploys it again from the start of the log. */
  public Future<Void> rebuild(String name) {
    Class<?> type = classes.get(name);
    if (type == null) {
      return Future.failedFuture(new IllegalArgumentException("No module named '" + name + "' is deployed."));
    }
    LOG.atInfo().addKeyValue("module", name).log("Rebuilding the module's state from the event log");
    return undeploy(name).compose(v -> deployFresh(type)).mapEmpty();
  }

  private Future<String> invalid(Class<?> type, DefinitionException e) {
    registry.failed(e.module(), type.getName(), e.problems());
    LOG.atError().addKeyValue("module", e.module()).log(e.getMessage());
    return Future.failedFuture(e);
  }

  private Future<String> start(ModuleDefinition module, Class<?> type) {
    DeploymentOptions options = new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD);
    ModuleVerticle.Quarantine quarantine = (reason, abandoned) -> supervisor.quarantine(module.name(), reason,
        abandoned, this::stop, name -> start(module, type));
    Future<String> deployment = vertx.deployVerticle(new ModuleVerticle(module, services, quarantine), options);
    starting.put(module.name(), deployment);
    return deployment
        .map(id -> {
          deployments.put(module.name(), id);
          classes.put(module.name(), type);
          supervisor.running(module.name());
          LOG.atInfo().addKeyValue("module", module.name()).log("Module deployed: {} handlers, {} views, {} queries,"
              + " {} crons", count(module, "HANDLER"), count(module, "VIEW"), count(module, "QUERY"),
              count(module, "CRON"));
          return module.name();
        })
        .onFailure(cause -> {
          registry.failed(module.name(), type.getName(), List.of("Start-up failed: " + cause.getMessage()));
          LOG.atError().addKeyValue("module", module.name()).setCause(cause).log("Module failed to start");
        })
        .andThen(done -> starting.remove(module.name(), deployment));
  }

  /** Stops module {@code name} and withdraws it from the registry; a module in quarantine is not restarted. */
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
