package org.anserv.modules.counts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Access;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Memoize;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.Template;
import org.anserv.api.View;

/**
 * Counts events per user and in total: the smallest module that uses every part of the path, from an event handler
 * through its own database to a query, a memoized query and a view.
 */
@Module(name = "counts", description = "Events per user and in total.")
public class Counts {

  private static final JsonObject ALL = new JsonObject().put("_id", "all");

  /**
   * Counts every event the platform sent, and the user's events when it has a user. Events other modules emit
   * (chaining) are theirs, not the platform's: they are not counted.
   */
  @EventHandler
  public Future<Void> count(Event event, Db db) {
    if (event.origin().emittingModule().isPresent()) {
      return Future.succeededFuture();
    }
    Future<Void> total = db.collection("totals").increment(ALL, "events", 1);
    Future<Void> perUser = event.username()
        .map(user -> db.collection("users").increment(new JsonObject().put("_id", user), "events", 1))
        .orElse(Future.succeededFuture());
    return Future.all(total, perUser).mapEmpty();
  }

  @Query(access = Access.PUBLIC, description = "Events received in total.")
  public Future<Long> total(Db db) {
    return db.collection("totals").findOne(ALL).map(doc -> doc == null ? 0L : doc.getLong("events"));
  }

  @Query(access = Access.STUDENT, description = "Events received from one user; 0 for a user never seen.")
  public Future<Long> user(@Param(value = "user", description = "The username") String user, Db db) {
    return db.collection("users").findOne(new JsonObject().put("_id", user))
        .map(doc -> doc == null ? 0L : doc.getLong("events"));
  }

  @Query(description = "The most active users with their event counts, most active first.")
  @Memoize(10)
  public Future<JsonArray> top(@Param(value = "limit", defaultValue = "10", description = "How many users") int limit,
      Db db) {
    return db.collection("users").find(new JsonObject(), new JsonObject().put("events", -1).put("_id", 1), limit)
        .map(Counts::asRanking);
  }

  @View(description = "Events in total and the most active users.")
  public Future<Template> overview(Db db) {
    return Future.all(total(db), top(10, db)).map(all -> Template.of("templates/counts/overview.hbs",
        new JsonObject().put("total", all.<Long>resultAt(0)).put("users", all.<JsonArray>resultAt(1))
            .put("chart", topUsersChart(all.resultAt(1)).encode())));
  }

  /** A Chart.js bar chart of the ranking; the template puts it, escaped, in a {@code data-chart} attribute. */
  private static JsonObject topUsersChart(JsonArray ranking) {
    JsonArray users = new JsonArray();
    JsonArray events = new JsonArray();
    ranking.forEach(entry -> {
      users.add(((JsonObject) entry).getString("user"));
      events.add(((JsonObject) entry).getLong("events"));
    });
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", users)
            .put("datasets", new JsonArray().add(new JsonObject().put("label", "events").put("data", events))))
        .put("options", new JsonObject().put("plugins", new JsonObject()
            .put("legend", new JsonObject().put("display", false))));
  }

  private static JsonArray asRanking(List<JsonObject> users) {
    JsonArray ranking = new JsonArray();
    users.forEach(u -> ranking.add(new JsonObject().put("user", u.getString("_id")).put("events", u.getLong("events"))));
    return ranking;
  }
}
