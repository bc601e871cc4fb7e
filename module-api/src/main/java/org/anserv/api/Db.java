package org.anserv.api;

/**
 * The module's own MongoDB database, injected by declaring a {@code Db} parameter. Every call returns a
 * {@link io.vertx.core.Future}; in a handler either return it or {@code await()} it.
 *
 * <pre>{@code
 * @EventHandler
 * public Future<Void> count(Event event, Db db) {
 *   return db.collection("users").increment(new JsonObject().put("_id", event.username().orElse("")), "events", 1);
 * }
 * }</pre>
 */
public interface Db extends ReadOnlyDb {

  /** A collection of the module's database, created on first write. */
  Collection collection(String name);
}
