package org.anserv.runtime.call;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.anserv.runtime.access.Caller;

/**
 * The body of a call on a module's call address, {@code {"kind", "name", ...}}:
 * <ul>
 *   <li>{@code query}, {@code view} with {@code "params": {...}}: a query answers {@code {"result": value}}, a view
 *       {@code {"html": "..."}}; a view call with a {@code "token"} also keeps its answer under that token, for a
 *       caller that stopped waiting for it (a browser shown a progress page);</li>
 *   <li>{@code result} with {@code "token"}: the kept answer of that view call, once it is ready;</li>
 *   <li>{@code sample}: the view rendered with the module's sample data, no module code called.</li>
 * </ul>
 * A call from the gateway carries {@code "caller"} ({@link Caller#toJson()}), and is decided by the
 * {@link org.anserv.runtime.access.AccessPolicy}; calls between modules carry none and are not checked.
 */
public final class CallRequest {

  public static final String QUERY = "query";
  public static final String VIEW = "view";
  public static final String RESULT = "result";
  public static final String SAMPLE = "sample";

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

  /**
   * A call of view {@code name} whose answer is also kept under {@code token}, an unguessable string the caller
   * chose, for {@link #result(String, String)}.
   */
  public static JsonObject view(String name, Map<String, String> params, String token) {
    return request(VIEW, name, params).put("token", token);
  }

  /** Asks for the answer of the call of view {@code name} kept under {@code token}; answered once it is ready. */
  public static JsonObject result(String name, String token) {
    return new JsonObject().put("kind", RESULT).put("name", name).put("token", token);
  }

  /** Renders view {@code name} with its sample data. */
  public static JsonObject sample(String name) {
    return new JsonObject().put("kind", SAMPLE).put("name", name);
  }

  /** {@code request} made on behalf of {@code caller}, so the module checks what the caller may see. */
  public static JsonObject onBehalfOf(JsonObject request, Caller caller) {
    return request.put("caller", caller.toJson());
  }

  /** The caller a request was made for, or {@code null} for a call between modules. */
  public static Caller caller(JsonObject request) {
    JsonObject caller = request.getJsonObject("caller");
    return caller == null ? null : Caller.fromJson(caller);
  }

  /** The parameters of a view or query call, as strings. */
  public static Map<String, String> params(JsonObject request) {
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
