package org.anserv.gateway.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.anserv.gateway.security.SchemaFilter;
import org.anserv.runtime.access.Caller;
import org.anserv.runtime.bus.Addresses;

/**
 * One snapshot of the module registry's schema: the running modules (name, description, handlers, views, queries,
 * crons) and the modules that failed to deploy. Every dashboard page is rendered from one snapshot.
 *
 * @param modules the schema of each running module, sorted by name
 * @param failed each module that failed to deploy: {@code name}, {@code source}, {@code problems}
 */
record Catalog(List<JsonObject> modules, List<JsonObject> failed) {

  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(5_000);

  /** Asks the registry for the current schema, keeping what {@code caller} may see. */
  static Future<Catalog> fetch(Vertx vertx, Caller caller) {
    return vertx.eventBus().<JsonObject>request(Addresses.SCHEMA, null, OPTIONS)
        .map(reply -> of(SchemaFilter.visibleTo(reply.body(), caller)));
  }

  /** The catalog of a schema as {@code GET /schema} shows it. */
  static Catalog of(JsonObject schema) {
    return new Catalog(objects(schema.getJsonArray("modules")), objects(schema.getJsonArray("failed")));
  }

  /** The running module called {@code name}. */
  Optional<JsonObject> module(String name) {
    return modules.stream().filter(m -> name.equals(m.getString("name"))).findFirst();
  }

  /** The failure of the module called {@code name}, when it failed to deploy. */
  Optional<JsonObject> failure(String name) {
    return failed.stream().filter(m -> name.equals(m.getString("name"))).findFirst();
  }

  /** View {@code view} of module {@code module}. */
  Optional<JsonObject> view(String module, String view) {
    return module(module).flatMap(m -> objects(m.getJsonArray("views")).stream()
        .filter(v -> view.equals(v.getString("name"))).findFirst());
  }

  static List<JsonObject> objects(JsonArray array) {
    return array == null ? List.of() : array.stream().map(JsonObject.class::cast).toList();
  }
}
