package org.anserv.modules.atrisk;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.ProblemActivity;

/**
 * Incorrect checks in a row per student and problem ({@code streaks}, {@code _id} {@code course|user|problem}). A
 * correct check ends the streak; resets and answers shown do not, as they are not attempts.
 */
final class Streaks {

  /** Counts a server check; the signal to emit when it is the third incorrect one in a row. */
  Optional<JsonObject> record(Event event, Db db) {
    Optional<ProblemActivity> check = event.problem()
        .filter(p -> p.action() == ProblemAction.CHECK && p.correct().isPresent() && p.problemId().isPresent());
    if (check.isEmpty() || event.username().isEmpty() || event.courseId().isEmpty()) {
      return Optional.empty();
    }
    String user = event.username().get();
    String course = event.courseId().get();
    String problem = check.get().problemId().get();
    JsonObject id = new JsonObject().put("_id", course + "|" + user + "|" + problem);
    if (check.get().correct().get()) {
      db.collection("streaks").update(id, new JsonObject().put("$set", new JsonObject().put("incorrect", 0)), false)
          .await();
      return Optional.empty();
    }
    JsonObject streak = db.collection("streaks").findOne(id).await();
    int incorrect = (streak == null ? 0 : streak.getInteger("incorrect")) + 1;
    db.collection("streaks").save(id, id.copy().put("incorrect", incorrect)).await();
    if (incorrect != Signals.FAILED_IN_A_ROW) {
      return Optional.empty();
    }
    Instant at = event.time().orElse(Instant.EPOCH);
    return Optional.of(Signals.failedAttempts(user, course, at, problem, check.get().attempts().orElse(incorrect)));
  }
}
