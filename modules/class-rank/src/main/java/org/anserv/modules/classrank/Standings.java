package org.anserv.modules.classrank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.Collection;
import org.anserv.api.Db;

/**
 * The module's state and its reads. Per submission one read and two upserts (three when a problem is new):
 * <ul>
 *   <li>{@code scores} ({@code _id} {@code course|user|problem}): the grade held on a problem, so that a new
 *       submission replaces it rather than adds to it;
 *   <li>{@code students} ({@code _id} {@code course|user}): {@code points}, the sum of the student's scores, moved by
 *       the difference;
 *   <li>{@code problems} ({@code _id} {@code course|problem}): the problem's {@code max_grade}.
 * </ul>
 * Points are whole millionths (see {@link Score}). Handlers and queries run one at a time, so the read and the
 * writes of a submission cannot interleave with another's; the writes, independent of each other, go together.
 */
final class Standings {

  private final Map<String, Long> maxGrades = new HashMap<>();
  private boolean indexed;

  void enrol(String course, String user, Db db) {
    ensureIndexes(db);
    addPoints(course, user, 0, db).await();
  }

  void apply(Score score, Db db) {
    ensureIndexes(db);
    JsonObject id = new JsonObject().put("_id", score.course() + "|" + score.user() + "|" + score.problem());
    JsonObject held = db.collection("scores").findOne(id).await();
    long before = held == null ? 0 : held.getLong("grade");
    Future.all(
        db.collection("scores").save(id, id.copy().put("grade", score.grade())),
        addPoints(score.course(), score.user(), score.grade() - before, db),
        maxGrade(score, db)).await();
  }

  private Future<Void> addPoints(String course, String user, long points, Db db) {
    return db.collection("students").update(new JsonObject().put("_id", course + "|" + user),
        new JsonObject().put("$set", new JsonObject().put("course", course).put("user", user))
            .put("$inc", new JsonObject().put("points", points)), true).mapEmpty();
  }

  // A problem's maximum rarely changes: it is written only when it grows beyond what this instance wrote.
  private Future<Void> maxGrade(Score score, Db db) {
    String problem = score.course() + "|" + score.problem();
    if (score.maxGrade() == null || score.maxGrade() <= maxGrades.getOrDefault(problem, Long.MIN_VALUE)) {
      return Future.succeededFuture();
    }
    maxGrades.put(problem, score.maxGrade());
    return db.collection("problems").update(new JsonObject().put("_id", problem),
        new JsonObject().put("$set", new JsonObject().put("course", score.course()))
            .put("$max", new JsonObject().put("max_grade", score.maxGrade())), true).mapEmpty();
  }

  /** Where {@code user} stands in {@code course}: three counts on the ({@code course}, {@code points}) index. */
  Standing of(String course, String user, Db db) {
    Collection students = db.collection("students");
    JsonObject inCourse = new JsonObject().put("course", course);
    long of = students.count(inCourse).await();
    JsonObject student = students.findOne(new JsonObject().put("_id", course + "|" + user)).await();
    if (student == null) {
      return Standing.unknown(user, course, of);
    }
    long points = student.getLong("points");
    long higher = students.count(inCourse.copy().put("points", new JsonObject().put("$gt", points))).await();
    long lower = students.count(inCourse.copy().put("points", new JsonObject().put("$lt", points))).await();
    return Standing.of(user, course, points, possible(course, db), higher, lower, of);
  }

  Distribution distribution(String course, Db db) {
    List<Long> points = db.collection("students").find(new JsonObject().put("course", course)).await().stream()
        .map(student -> student.getLong("points")).toList();
    return Grades.distribution(course, points, possible(course, db));
  }

  /** The {@code limit} students with the most points, best first, ranked among all. */
  List<Standing> top(String course, int limit, Db db) {
    List<JsonObject> students = db.collection("students").find(new JsonObject().put("course", course),
        new JsonObject().put("points", -1).put("user", 1), 0).await();
    long possible = possible(course, db);
    List<Standing> top = new ArrayList<>();
    int higher = 0;
    int levelEnd = 0;
    for (int i = 0; i < students.size() && i < limit; i++) {
      long points = students.get(i).getLong("points");
      if (i == levelEnd) {
        higher = i;
        while (levelEnd < students.size() && students.get(levelEnd).getLong("points") == points) {
          levelEnd++;
        }
      }
      top.add(Standing.of(students.get(i).getString("user"), course, points, possible, higher,
          students.size() - levelEnd, students.size()));
    }
    return top;
  }

  private static long possible(String course, Db db) {
    return db.collection("problems").find(new JsonObject().put("course", course)).await().stream()
        .mapToLong(problem -> problem.getLong("max_grade")).sum();
  }

  // Once per deployment (a rebuild deploys a fresh instance): the counts of rank() and the sums of possible().
  private void ensureIndexes(Db db) {
    if (!indexed) {
      indexed = true;
      db.collection("students").createIndex(new JsonObject().put("course", 1).put("points", -1), false).await();
      db.collection("problems").createIndex(new JsonObject().put("course", 1), false).await();
    }
  }
}
