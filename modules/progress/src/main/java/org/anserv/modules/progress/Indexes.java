package org.anserv.modules.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.anserv.api.Db;

/**
 * The indexes the handler's per-event lookups and the queries need, created on the first event of each deployment.
 * A module has no start hook; a rebuild drops the database and deploys a new instance, which creates them again.
 */
final class Indexes {

  private boolean created;

  /** Creates the indexes unless this instance already did. */
  Future<Void> ensure(Db db) {
    if (created) {
      return Future.succeededFuture();
    }
    return Future.all(
        db.collection(Progress.LEARNERS).createIndex(new JsonObject().put("course", 1).put("user", 1), true),
        db.collection(Progress.LEARNERS).createIndex(new JsonObject().put("user", 1), false),
        db.collection(Progress.BLOCKS).createIndex(new JsonObject().put("course", 1).put("block", 1), true))
        .onSuccess(all -> created = true)
        .mapEmpty();
  }
}
