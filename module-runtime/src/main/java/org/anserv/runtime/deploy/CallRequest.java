package org.anserv.runtime.deploy;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The body of a view or query call on a module's call address: {@code {"kind": "view"|"query", "name": ...,
 * "params": {...}}}. A query answers {@code {"result": value}}, a view {@code {"html": "..."}}.
 */
public final class CallRequest {

  public static final String QUERY = "query";
  public static final String VIEW = "view";

  private CallRequest() {
  }

  /** A call of query {@code name}. */
  public static JsonObject query(String name, Map<String, String> params) {
    return request(QUERY, name, params);
  }

  /** A call of view {@code name}. */
  public static JsonObject view(String name, Map<String, String> params) {
    return request(VIEW, name, params);
  }

  static Map<String, String> params(JsonObject request) {
    Map<String, String> params = new HashMap<>();
    JsonObject json = request.getJsonObject("params", new JsonObject());
    json.forEach(e -> params.put(e.getKey(), String.valueOf(e.getValue())));
    return params;
  }

  private static JsonObject request(String kind, String name, Map<String, String> params) {
    JsonObject json = new JsonObject();
    params.forEach(json::put);
    return new JsonObject().put("kind", kind).put("name", name).put("params", json);
  }
}
