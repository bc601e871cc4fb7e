package org.anserv.api;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Calls other modules' {@link Query queries} over the event bus: the reuse path between modules. A module never
 * calls another's code directly.
 *
 * <pre>{@code
 * Future<Object> total = queries.call("counts", "total", Map.of());
 * }</pre>
 */
public interface Queries {

  /**
   * Calls {@code query} of {@code module} with {@code params}. The future holds the query's JSON value
   * ({@code JsonObject}, {@code JsonArray}, {@code String}, {@code Number}, {@code Boolean} or {@code null}) or fails
   * with a {@link QueryFailure} saying why.
   */
  Future<Object> call(String module, String query, Map<String, String> params);
}
