package org.anserv.runtime.deliver;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.anserv.api.Collection;
import org.anserv.api.Db;

/**
 * Where each feed of a module stands in the log, kept in the module's own database (collection
 * {@value #COLLECTION}) beside the state its handlers write, so that dropping the database resets both.
 */
public final class FeedCursors {

  /** The collection holding the cursors. */
  public static final String COLLECTION = "anserv_cursors";

  private final Collection cursors;

  public FeedCursors(Db db) {
    this.cursors = db.collection(COLLECTION);
  }

  /** The next offset feed {@code name} reads; 0 for a feed that never ran. */
  public Future<Long> load(String name) {
    return cursors.findOne(new JsonObject().put("_id", name))
        .map(doc -> doc == null ? 0L : doc.getLong("next", 0L));
  }

  /** Records that feed {@code name} handled everything below {@code next}. */
  public Future<Void> save(String name, long next) {
    return cursors.save(new JsonObject().put("_id", name), new JsonObject().put("_id", name).put("next", next));
  }
}
