package org.anserv.gateway.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.anserv.runtime.access.AccessPolicy;
import org.anserv.runtime.access.Caller;
import org.anserv.runtime.access.EndpointAccess;
import org.anserv.runtime.access.Role;

/**
 * The part of the registry's schema a caller may see: staff see everything; others see the views and queries they
 * may open, and the modules offering one, without handlers, crons or deploy failures (which name classes).
 */
public final class SchemaFilter {

  private SchemaFilter() {
  }

  /** {@code schema} as {@code caller} may see it; {@code schema} is not changed. */
  public static JsonObject visibleTo(JsonObject schema, Caller caller) {
    if (caller.role() == Role.STAFF) {
      return schema;
    }
    JsonArray modules = new JsonArray();
    for (Object entry : schema.getJsonArray("modules", new JsonArray())) {
      JsonObject module = ((JsonObject) entry).copy();
      JsonArray views = open(module.getJsonArray("views"), caller);
      JsonArray queries = open(module.getJsonArray("queries"), caller);
      if (!views.isEmpty() || !queries.isEmpty()) {
        module.put("views", views).put("queries", queries).put("handlers", new JsonArray())
            .put("crons", new JsonArray());
        modules.add(module);
      }
    }
    return schema.copy().put("modules", modules).put("failed", new JsonArray());
  }

  private static JsonArray open(JsonArray endpoints, Caller caller) {
    JsonArray open = new JsonArray();
    for (Object entry : endpoints == null ? new JsonArray() : endpoints) {
      JsonObject endpoint = (JsonObject) entry;
      if (AccessPolicy.mayOpen(caller, EndpointAccess.fromJson(endpoint.getJsonObject("access")))) {
        open.add(endpoint);
      }
    }
    return open;
  }
}
