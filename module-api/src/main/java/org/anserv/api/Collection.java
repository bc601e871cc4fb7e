package org.anserv.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reads and writes of one collection of the module's own database. Writes are acknowledged by the database before
 * their future completes.
 */
public interface Collection extends ReadOnlyCollection {

  /** Inserts a document; its {@code _id} is generated when absent. The future holds the {@code _id}. */
  Future<String> insert(JsonObject document);

  /** Inserts several documents in one round trip. */
  Future<Void> insertMany(List<JsonObject> documents);

  /** Replaces the document matching {@code query}, inserting it when none matches. */
  Future<Void> save(JsonObject query, JsonObject document);

  /**
   * Applies {@code update} (MongoDB update operators such as {@code $set}, {@code $inc}, {@code $push}) to every
   * document matching {@code query}; with {@code upsert}, inserts one when none matches. The future holds the number
   * of documents matched or inserted.
   */
  Future<Long> update(JsonObject query, JsonObject update, boolean upsert);

  /** Adds {@code by} to the numeric {@code field} of the document matching {@code query}, creating it at need. */
  Future<Void> increment(JsonObject query, String field, long by);

  /** Deletes every document matching {@code query}; the future holds how many were deleted. */
  Future<Long> delete(JsonObject query);

  /** Creates an index on {@code keys} (e.g. {@code {"course": 1, "day": 1}}) unless it exists. */
  Future<Void> createIndex(JsonObject keys, boolean unique);
}
