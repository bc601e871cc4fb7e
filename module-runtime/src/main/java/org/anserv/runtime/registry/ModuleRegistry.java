package org.anserv.runtime.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What is deployed: the schema each running module announced, and each module that failed to deploy with the
 * reasons. The schema listing, the dashboard and hard-realtime delivery read it.
 *
 * <p>In a cluster it also holds the modules other nodes run, as they announce them ({@link RegistryVerticle}); such
 * a remote entry is forgotten when its node stops announcing it, so a dead node's modules leave the listing
 * within seconds and reappear when another node takes them over.
 */
public final class ModuleRegistry {

  private record Remote(String node, JsonObject schema, long seenAtMillis) {
  }

  private final Map<String, JsonObject> modules = new ConcurrentSkipListMap<>();
  private final Map<String, JsonObject> failures = new ConcurrentSkipListMap<>();
  private final Map<String, Remote> remote = new ConcurrentSkipListMap<>();
  private final Map<String, JsonObject> quarantined = new ConcurrentSkipListMap<>();

  /** Records the schema of a running module. */
  public void register(JsonObject schema) {
    String name = schema.getString("name");
    modules.put(name, schema.copy());
    failures.remove(name);
    quarantined.remove(name);
  }

  /** Forgets a module that stopped. */
  public void unregister(String name) {
    modules.remove(name);
  }

  /** Records a module that could not be deployed: {@code source} is its class or jar, {@code problems} why. */
  public void failed(String name, String source, List<String> problems) {
    failures.put(name, new JsonObject().put("name", name).put("source", source)
        .put("problems", new JsonArray(List.copyOf(problems))));
  }

  /**
   * Records a module another node runs, as that node announced it; a module running here takes precedence.
   *
   * @param node the announcing node's id
   * @param schema the module's schema
   * @param nowMillis when the announcement arrived
   */
  public void registerRemote(String node, JsonObject schema, long nowMillis) {
    remote.put(schema.getString("name"), new Remote(node, schema.copy(), nowMillis));
  }

  /**
   * Forgets remote modules not announced since {@code oldestMillis}.
   *
   * @param oldestMillis the oldest announcement time still trusted
   * @return the names forgotten
   */
  public List<String> expireRemote(long oldestMillis) {
    List<String> expired = remote.entrySet().stream().filter(e -> e.getValue().seenAtMillis() < oldestMillis)
        .map(Map.Entry::getKey).toList();
    expired.forEach(remote::remove);
    return expired;
  }

  /** The schemas of the modules running on this node, to announce to the others. */
  public List<JsonObject> localSchemas() {
    return modules.values().stream().map(JsonObject::copy).toList();
  }

  /** The names of the running modules, here and (in a cluster) on other nodes, sorted. */
  public List<String> names() {
    if (remote.isEmpty()) {
      return List.copyOf(modules.keySet());
    }
    TreeSet<String> all = new TreeSet<>(modules.keySet());
    all.addAll(remote.keySet());
    return List.copyOf(all);
  }

  /**
   * Records a module put in quarantine for {@code reason}, to be restarted at {@code restartAt}, after
   * {@code restarts} restarts so far.
   */
  public void quarantined(String name, String reason, Instant restartAt, double restarts) {
    quarantined.put(name, new JsonObject().put("name", name).put("reason", reason)
        .put("since", quarantined.containsKey(name) ? quarantined.get(name).getString("since")
            : Instant.now().toString())
        .put("restartAt", restartAt.toString()).put("restarts", (long) restarts));
  }

  /** Forgets the quarantine of a module that was restarted. */
  public void released(String name) {
    quarantined.remove(name);
  }

  /**
   * The full listing: {@code {"modules": [...], "failed": [...], "quarantined": [{name, reason, since, restartAt,
   * restarts}]}}, with the modules of other nodes (each with its {@code node}).
   */
  public JsonObject schema() {
    Map<String, JsonObject> all = new TreeMap<>();
    remote.forEach((name, entry) -> all.put(name, entry.schema().copy().put("node", entry.node())));
    modules.forEach((name, schema) -> all.put(name, schema.copy()));
    return new JsonObject()
        .put("modules", new JsonArray(List.copyOf(all.values())))
        .put("failed", new JsonArray(failures.values().stream().map(JsonObject::copy).toList()))
        .put("quarantined", new JsonArray(quarantined.values().stream().map(JsonObject::copy).toList()));
  }
}
