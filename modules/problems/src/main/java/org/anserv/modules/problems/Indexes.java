package org.anserv.modules.problems;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Db;

/**
 * The indexes the handlers' upserts and the queries need, created on the first write of each deployment. A module
 * has no start hook; a rebuild drops the database and deploys a new instance, which creates them again.
 */
final class Indexes {

  private boolean created;

  /** Creates the indexes unless this instance already did. */
  Future<Void> ensure(Db db) {
    if (created) {
      return Future.succeededFuture();
    }
    return Future.all(List.of(
        db.collection(Problems.STATES).createIndex(keys("course", "user", "problem"), true),
        db.collection(Problems.STATES).createIndex(keys("course", "problem"), false),
        db.collection(Problems.STATES).createIndex(keys("user"), false),
        db.collection(Problems.STATES).createIndex(keys("problem"), false),
        db.collection(Problems.CATALOGUE).createIndex(keys("course", "problem"), true),
        db.collection(Problems.ENROLLMENTS).createIndex(keys("course", "user"), true),
        db.collection(Problems.ENROLLMENTS).createIndex(keys("user"), false)))
        .onSuccess(all -> created = true)
        .mapEmpty();
  }

  private static JsonObject keys(String... fields) {
    JsonObject keys = new JsonObject();
    for (String field : fields) {
      keys.put(field, 1);
    }
    return keys;
  }
}
