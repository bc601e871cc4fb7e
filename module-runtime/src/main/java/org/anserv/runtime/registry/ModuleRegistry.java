package org.anserv.runtime.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

  /** Records the schema of a running module. */
  public void register(JsonObject schema) {
    String name = schema.getString("name");
    modules.put(name, schema.copy());
    failures.remove(name);
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

  /** The names of the running modules, sorted. */
  public List<String> names() {
    return List.copyOf(modules.keySet());
  }

  /** The full listing: {@code {"modules": [...], "failed": [...]}}. */
  public JsonObject schema() {
    return new JsonObject()
        .put("modules", new JsonArray(modules.values().stream().map(JsonObject::copy).toList()))
        .put("failed", new JsonArray(failures.values().stream().map(JsonObject::copy).toList()));
  }
}
