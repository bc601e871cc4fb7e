package org.anserv.runtime.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What is deployed: the schema each running module announced, and each module that failed to deploy with the
 * reasons. The schema listing, the dashboard and hard-realtime delivery read it.
 */
public final class ModuleRegistry {

  private final Map<String, JsonObject> modules = new ConcurrentSkipListMap<>();
  private final Map<String, JsonObject> failures = new ConcurrentSkipListMap<>();
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

  /** The names of the running modules, sorted. */
  public List<String> names() {
    return List.copyOf(modules.keySet());
  }

  /**
   * The full listing: {@code {"modules": [...], "failed": [...], "quarantined": [{name, reason, since, restartAt,
   * restarts}]}}.
   */
  public JsonObject schema() {
    return new JsonObject()
        .put("modules", new JsonArray(modules.values().stream().map(JsonObject::copy).toList()))
        .put("failed", new JsonArray(failures.values().stream().map(JsonObject::copy).toList()))
        .put("quarantined", new JsonArray(quarantined.values().stream().map(JsonObject::copy).toList()));
  }
}
