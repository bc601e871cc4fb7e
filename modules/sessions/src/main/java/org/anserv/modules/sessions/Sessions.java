package org.anserv.modules.sessions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.anserv.api.Access;
import org.anserv.api.Collection;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Merge;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.Scope;
import org.anserv.api.Template;
import org.anserv.api.View;

/**
 * Study sessions per learner: consecutive events of a learner less than 30 minutes apart belong to one session, and
 * the time between them is time spent. The state is one document per learner, so the module is declared per
 * student: in a cluster it is split into shards by username, each holding its learners.
 *
 * <p>An event older than the learner's latest (producers interleaving, a late batch) is counted and can move the
 * first-seen time back, but does not reopen a session: sessions follow events as they arrive in the log.
 */
@Module(name = "sessions", scope = Scope.STUDENT, description = "Study sessions per learner (a pause of more than 30"
    + " minutes ends one), time spent and events; split by student over a cluster's nodes.")
public class Sessions {

  /** A pause longer than this ends a session. */
  static final long GAP_MILLIS = 30 * 60_000L;

  @EventHandler
  public Future<Void> track(Event event, Db db) {
    Optional<String> user = event.username().filter(name -> !name.isEmpty());
    Optional<Instant> time = event.time();
    if (event.origin().emittingModule().isPresent() || user.isEmpty() || time.isEmpty()) {
      return Future.succeededFuture();
    }
    Collection learners = db.collection("learners");
    JsonObject id = new JsonObject().put("_id", user.get());
    long at = time.get().toEpochMilli();
    return learners.findOne(id).compose(known -> learners.save(id, next(known, user.get(), at)));
  }

  /** The learner's document after one more event at {@code at}; {@code known} is the one before, or null. */
  static JsonObject next(JsonObject known, String user, long at) {
    if (known == null) {
      return new JsonObject().put("_id", user).put("first", at).put("last", at).put("sessions", 1L)
          .put("seconds", 0L).put("events", 1L);
    }
    JsonObject doc = known.copy().put("events", known.getLong("events") + 1);
    long last = known.getLong("last");
    if (at < last) {
      return doc.put("first", Math.min(known.getLong("first"), at));
    }
    if (at - last > GAP_MILLIS) {
      doc.put("sessions", known.getLong("sessions") + 1);
    } else {
      doc.put("seconds", known.getLong("seconds") + (at - last) / 1000);
    }
    return doc.put("last", at);
  }

  @Query(access = Access.STUDENT, description = "A learner's sessions: {user, sessions, minutes, events, first, last}"
      + " (times ISO-8601; zeros and nulls for a learner never seen).")
  public Future<JsonObject> learner(@Param(value = "user", description = "The username") String user, Db db) {
    return db.collection("learners").findOne(new JsonObject().put("_id", user)).map(doc -> {
      JsonObject answer = new JsonObject().put("user", user);
      if (doc == null) {
        return answer.put("sessions", 0L).put("minutes", 0.0).put("events", 0L).putNull("first").putNull("last");
      }
      return answer.put("sessions", doc.getLong("sessions")).put("minutes", minutes(doc.getLong("seconds")))
          .put("events", doc.getLong("events")).put("first", Instant.ofEpochMilli(doc.getLong("first")).toString())
          .put("last", Instant.ofEpochMilli(doc.getLong("last")).toString());
    });
  }

  @Query(merge = Merge.SUM, description = "All learners together: {learners, sessions, seconds, events}; summed over"
      + " the shards in a cluster.")
  public Future<JsonObject> totals(Db db) {
    return db.collection("learners").find(new JsonObject()).map(docs -> new JsonObject()
        .put("learners", (long) docs.size())
        .put("sessions", docs.stream().mapToLong(doc -> doc.getLong("sessions")).sum())
        .put("seconds", docs.stream().mapToLong(doc -> doc.getLong("seconds")).sum())
        .put("events", docs.stream().mapToLong(doc -> doc.getLong("events")).sum()));
  }

  @View(access = Access.STUDENT, name = "learner", description = "A learner's study sessions, time spent and events.")
  public Future<Template> learnerView(@Param(value = "user", description = "The username") String user, Db db) {
    return learner(user, db).map(answer -> Template.of("templates/sessions/learner.hbs", answer));
  }

  private static double minutes(long seconds) {
    return Math.round(seconds / 6.0) / 10.0;
  }
}
