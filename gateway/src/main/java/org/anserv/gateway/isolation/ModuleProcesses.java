package org.anserv.gateway.isolation;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.anserv.gateway.cluster.ClusteredVertx;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.registry.ModuleRegistry;

/**
 * The processes of the modules this node runs in JVMs of their own, one {@link ModuleProcess} each, under
 * {@code <data.dir>/processes/<module>/}.
 */
public final class ModuleProcesses {

  private final Map<String, ModuleProcess> processes;

  private ModuleProcesses(Map<String, ModuleProcess> processes) {
    this.processes = processes;
  }

  /**
   * Starts a process for every isolated module.
   *
   * @param vertx this node's clustered Vert.x, which the processes join
   * @param settings which modules and how they are watched
   * @param config this node's configuration, the base of each process's
   * @param shared how the processes reach what this node uses ({@code mongo.uri}, {@code sql.*})
   * @param dataDir this node's data directory
   * @param registry where a process that is down shows as a quarantined module
   * @param meters where the process gauges and counters go
   * @return the started processes
   */
  public static ModuleProcesses start(Vertx vertx, ProcessIsolation settings, JsonObject config, JsonObject shared,
      Path dataDir, ModuleRegistry registry, MeterRegistry meters) {
    Map<String, ModuleProcess> processes = new TreeMap<>();
    for (String module : settings.heapMegabytes().keySet()) {
      Path dir = dataDir.resolve("processes").resolve(module).toAbsolutePath();
      ModuleProcess process = new ModuleProcess(vertx, module, settings,
          processConfig(vertx, module, config, shared, dir), dir, registry, meters);
      processes.put(module, process);
      process.start();
    }
    return new ModuleProcesses(processes);
  }

  // This node's settings, limited to one module, joined to this node's cluster, reaching this node's stores.
  private static JsonObject processConfig(Vertx vertx, String module, JsonObject config, JsonObject shared,
      Path dir) {
    JsonObject child = config.copy();
    child.fieldNames().removeIf(key -> key.matches("modules\\.[a-z][a-z0-9-]*\\.isolation")
        || key.startsWith("sql.") || key.startsWith("node."));
    String members = String.join(",", config.getString("cluster.members", ""), ClusteredVertx.memberAddress(vertx))
        .replaceFirst("^,", "");
    return child.mergeIn(shared)
        .put("node.modules", module)
        .put("data.dir", dir.resolve("data").toString())
        .put("cluster.enabled", true)
        // the node's own shard count: cluster.enabled alone would make the process split modules otherwise
        .put("modules.shards", RuntimeSettings.fromConfig(config).shards())
        .put("cluster.members", members)
        .put("http.port", config.getValue("modules." + module + ".process.http.port", 0))
        .put("http.instances", 1)
        .put(RuntimeSettings.HALT_ON_CPU_LOOP, true);
  }

  /** The pid of module {@code module}'s process now, or -1 when it is not running. */
  public long pid(String module) {
    ModuleProcess process = processes.get(module);
    return process == null ? -1 : process.pid();
  }

  /** Stops every process cleanly (each module saves its state), killing those that do not stop in time. */
  public Future<Void> stop() {
    return Future.join(processes.values().stream().map(ModuleProcess::stop).toList()).mapEmpty();
  }
}
