package org.anserv.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reads of one MongoDB collection. Queries, sorts and pipelines are MongoDB's own JSON syntax.
 */
public interface ReadOnlyCollection {

  /** The collection's name. */
  String name();

  /** Every document matching {@code query} (an empty object matches all). */
  Future<List<JsonObject>> find(JsonObject query);

  /**
   * Documents matching {@code query}, ordered by {@code sort} (may be {@code null}), at most {@code limit}
   * ({@code 0} for no limit).
   */
  Future<List<JsonObject>> find(JsonObject query, JsonObject sort, int limit);

  /** The first document matching {@code query}, or a {@code null} result when none does. */
  Future<JsonObject> findOne(JsonObject query);

  /** How many documents match {@code query}. */
  Future<Long> count(JsonObject query);

  /** The distinct values of {@code field} among documents matching {@code query}. */
  Future<JsonArray> distinct(String field, JsonObject query);

  /**
   * Runs an aggregation pipeline and returns its documents. Stages that write ({@code $out}, {@code $merge}) are
   * refused on read-only handles.
   */
  Future<List<JsonObject>> aggregate(JsonArray pipeline);
}
