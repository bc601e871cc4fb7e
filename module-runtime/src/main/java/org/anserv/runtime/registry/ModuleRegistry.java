package org.anserv.runtime.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>Entries are kept per running instance: a module split into shards ({@link org.anserv.runtime.shard.Shard}) runs
 * as several, here and on other nodes, and is listed once, with its shards.
 */
public final class ModuleRegistry {

  private record Remote(String node, JsonObject schema, long seenAtMillis) {
  }

  private final Map<String, JsonObject> modules = new ConcurrentSkipListMap<>();
  private final Map<String, JsonObject> failures = new ConcurrentSkipListMap<>();
  private final Map<String, Remote> remote = new ConcurrentSkipListMap<>();
  private final Map<String, JsonObject> quarantined = new ConcurrentSkipListMap<>();
  // the latest schema seen of each module, by module name, here or announced: how calls find a module's shards
  private final Map<String, JsonObject> shapes = new ConcurrentSkipListMap<>();

  /** Records the schema of a running module instance (its {@code instance} field; the module's name without one). */
  public void register(JsonObject schema) {
    String name = schema.getString("name");
    modules.put(instanceOf(schema), schema.copy());
    shapes.put(name, schema.copy());
    failures.remove(name);
    quarantined.remove(instanceOf(schema));
  }

  /** Forgets a module instance that stopped. */
  public void unregister(String instance) {
    modules.remove(instance);
  }

  /**
   * The schema of module {@code name} as its instances last announced it, here or on another node, whether or not
   * one runs now; empty for a module never seen.
   */
  public Optional<JsonObject> shape(String name) {
    return Optional.ofNullable(shapes.get(name));
  }

  private static String instanceOf(JsonObject schema) {
    return schema.getString("instance", schema.getString("name"));
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
    remote.put(instanceOf(schema), new Remote(node, schema.copy(), nowMillis));
    shapes.putIfAbsent(schema.getString("name"), schema.copy());
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

  /**
   * The running module instances, here and (in a cluster) on other nodes, sorted: module names, and the instance
   * names of shards.
   */
  public List<String> instances() {
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

  // One entry per module: a local instance's schema wins over a remote one's; shards are gathered under "shards".
  private static void add(Map<String, JsonObject> all, JsonObject schema, String node) {
    String name = schema.getString("name");
    JsonObject entry = all.get(name);
    if (entry == null || (node == null && entry.containsKey("node"))) {
      JsonObject shards = entry == null ? null : entry.getJsonObject("shards");
      entry = schema.copy();
      entry.remove("instance");
      entry.remove("shard");
      entry.remove("shards");
      if (node != null) {
        entry.put("node", node);
      }
      if (shards != null) {
        entry.put("shards", shards);
      }
      all.put(name, entry);
    }
    int count = schema.getInteger("shards", 1);
    if (count > 1) {
      JsonObject shards = entry.getJsonObject("shards");
      if (shards == null) {
        entry.put("shards", shards = new JsonObject().put("count", count).put("running", new JsonArray())
            .put("nodes", new JsonObject()));
      }
      int index = schema.getInteger("shard", 0);
      JsonArray running = shards.getJsonArray("running");
      if (!running.contains(index)) {
        running.add(index);
      }
      shards.getJsonObject("nodes").put(String.valueOf(index), node == null ? "local" : node);
    }
  }

  /** Forgets the quarantine of a module that was restarted. */
  public void released(String name) {
    quarantined.remove(name);
  }

  /**
   * The full listing: {@code {"modules": [...], "failed": [...], "quarantined": [{name, reason, since, restartAt,
   * restarts}]}}, with the modules of other nodes (each with its {@code node}). A sharded module is listed once, with
   * {@code "shards": {"count", "running": [indices], "nodes": {index: node}}}: a shard of this node has node
   * {@code "local"}.
   */
  public JsonObject schema() {
    Map<String, JsonObject> all = new TreeMap<>();
    remote.forEach((instance, entry) -> add(all, entry.schema(), entry.node()));
    modules.forEach((instance, schema) -> add(all, schema, null));
    return new JsonObject()
        .put("modules", new JsonArray(List.copyOf(all.values())))
        .put("failed", new JsonArray(failures.values().stream().map(JsonObject::copy).toList()))
        .put("quarantined", new JsonArray(quarantined.values().stream().map(JsonObject::copy).toList()));
  }
}
