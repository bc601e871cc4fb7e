package org.anserv.runtime;

import io.vertx.core.json.JsonObject;
import org.anserv.api.Scope;
import org.anserv.runtime.invoke.ModuleLimits;

/**
 * Settings of the module runtime, read from flat configuration keys.
 *
 * @param mongoConnectionString the MongoDB holding module databases; empty to start the embedded one
 * @param databasePrefix prefix of every module database's name
 * @param callTimeoutMillis how long a view, query or hard-realtime delivery may take before the caller gets 504
 * @param queueCapacity how many calls may wait per module before more are refused
 * @param maxHops how deep chains of emitted events may go before they are refused
 * @param modulesDirectory a directory of module jars to deploy besides the classpath's modules; empty for none
 * @param config every configuration key, for the per-module limits ({@link #limits(String)})
 */
public record RuntimeSettings(String mongoConnectionString, String databasePrefix, long callTimeoutMillis,
    int queueCapacity, int maxHops, String modulesDirectory, JsonObject config) {

  /**
   * Set in the JVM of an isolated module only: a quarantined module whose abandoned call still runs on the CPU ends
   * the whole process (with {@link #CPU_LOOP_EXIT_STATUS}), which its supervisor then starts again; in a shared JVM
   * the runtime can only leave such a module in quarantine.
   */
  public static final String HALT_ON_CPU_LOOP = "modules.process.halt.on.cpu.loop";

  /** The exit status of a process ended for {@link #HALT_ON_CPU_LOOP}. */
  public static final int CPU_LOOP_EXIT_STATUS = 4;

  /** Settings without per-module keys: every module gets the default limits, calls time out after the call timeout. */
  public RuntimeSettings(String mongoConnectionString, String databasePrefix, long callTimeoutMillis,
      int queueCapacity, int maxHops, String modulesDirectory) {
    this(mongoConnectionString, databasePrefix, callTimeoutMillis, queueCapacity, maxHops, modulesDirectory,
        new JsonObject().put("modules.timeout.ms", callTimeoutMillis));
  }

  /** The defaults: embedded MongoDB, 30 s calls, 10,000 waiting calls, chains of 8. */
  public static RuntimeSettings defaults() {
    return fromConfig(new JsonObject());
  }

  /** Settings from {@code mongo.uri}, {@code mongo.prefix}, {@code modules.timeout.ms}, ... keys. */
  public static RuntimeSettings fromConfig(JsonObject config) {
    return new RuntimeSettings(
        config.getString("mongo.uri", ""),
        config.getString("mongo.prefix", "anserv_"),
        longValue(config, "modules.timeout.ms", 30_000),
        (int) longValue(config, "modules.queue.capacity", 10_000),
        (int) longValue(config, "events.max.hops", 8),
        config.getString("modules.dir", ""),
        config.copy());
  }

  /**
   * The limits of module {@code module}: {@code modules.<module>.<key>} when set, else {@code modules.<key>}, else
   * the default (see {@link ModuleLimits}).
   */
  public ModuleLimits limits(String module) {
    return ModuleLimits.of(key -> {
      Object own = config.getValue("modules." + module + "." + key);
      return own != null ? own : config.getValue("modules." + key);
    });
  }

  private static long longValue(JsonObject config, String key, long fallback) {
    return number(key, config.getValue(key), fallback);
  }

  /** {@code value} of setting {@code key} as a whole number (a number or a string of one); {@code fallback} if absent. */
  public static long number(String key, Object value, long fallback) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Setting '" + key + "' must be a whole number, not \"" + s + "\".");
      }
    }
    return fallback;
  }

  /**
   * How many shards a module of student or resource scope is split into ({@code modules.shards}): 1 on a single node
   * (the module runs whole, under its own name), 8 in a cluster ({@code cluster.enabled}). Every node of a cluster
   * must use the same number; changing it starts the shards on fresh databases, rebuilt from the event log.
   */
  public int shards() {
    boolean clustered = Boolean.parseBoolean(String.valueOf(config.getValue("cluster.enabled", false)));
    long shards = longValue(config, "modules.shards", clustered ? 8 : 1);
    if (shards < 1 || shards > 1024) {
      throw new IllegalArgumentException("Setting 'modules.shards' must be between 1 and 1024, not " + shards + ".");
    }
    return (int) shards;
  }

  /** How many shards a module of {@code scope} is split into: 1 for a global module, else {@link #shards()}. */
  public int shardsOf(Scope scope) {
    return scope == Scope.GLOBAL ? 1 : shards();
  }

  /** Whether this process ends itself when a quarantined module's call loops on the CPU ({@link #HALT_ON_CPU_LOOP}). */
  public boolean haltsOnCpuLoop() {
    return Boolean.parseBoolean(String.valueOf(config.getValue(HALT_ON_CPU_LOOP, false)));
  }

  /** A copy with another MongoDB connection string. */
  public RuntimeSettings withMongo(String connectionString) {
    return new RuntimeSettings(connectionString, databasePrefix, callTimeoutMillis, queueCapacity, maxHops,
        modulesDirectory, config);
  }
}
