package org.anserv.modules.atrisk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Cron;
import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Queries;
import org.anserv.api.Query;
import org.anserv.api.Source;
import org.anserv.api.Template;
import org.anserv.api.View;

/**
 * Students at risk per course, and why: the example of modules building on each other.
 *
 * <ol>
 *   <li><b>Detect and emit.</b> {@link #checked} emits {@value Signals#FAILED_ATTEMPTS} when a student's third
 *       incorrect check in a row on one problem arrives; {@link #flagInactive}, hourly, emits
 *       {@value Signals#INACTIVE} for enrolled students with no activity in a course for 7 days. The 7 days are
 *       counted back from the latest activity seen (any student's), not from the wall clock, so that a replayed or
 *       demo history gives the same answer as a live one.
 *   <li><b>Consume.</b> {@link #recorded} receives every {@code anserv.atrisk.*} event emitted by a module (this one,
 *       or any other that adds reasons) and keeps the reasons per student and course.
 *   <li><b>Reuse.</b> {@link #students} lists them with each student's grade from the {@code progress} module's
 *       query {@code student(user, course)}, called over the event bus; without that module the grade is null.
 * </ol>
 *
 * <p>Handlers run on a virtual thread, one call at a time, so they {@code await()} their reads and read top to
 * bottom.
 */
@Module(name = "at-risk", description = "Students at risk per course with the reasons: failed attempts in a row and"
    + " inactivity, emitted as events and collected, with grades from the progress module.")
public class AtRisk {

  private final Activity activity = new Activity();
  private final Streaks streaks = new Streaks();
  private final Reasons reasons = new Reasons();

  /** Keeps when each student was last active in each course. */
  @EventHandler
  public void seen(Event event, Db db) {
    activity.record(event, db);
  }

  /** Counts incorrect server checks in a row per student and problem; the third emits a signal. */
  @EventHandler(types = "problem_check", sources = Source.SERVER)
  public void checked(Event event, Db db, Emitter emitter) {
    streaks.record(event, db).ifPresent(signal -> emitter.emit(signal).await());
  }

  /** Emits a signal for each enrolled student inactive for 7 days in a course who has not been flagged since. */
  @Cron(every = "1h")
  public void flagInactive(Db db, Emitter emitter) {
    activity.flagInactive(db, emitter);
  }

  /** Records the reason an {@code anserv.atrisk.*} event gives; events from outside anserv are not trusted. */
  @EventHandler(types = "anserv.atrisk.")
  public void recorded(Event event, Db db) {
    if (event.origin().emittingModule().isPresent()) {
      reasons.record(event, db);
    }
  }

  @Query(description = "Students at risk in a course, most reasons first: [{user, reasons: [{reason:"
      + " \"failed_attempts\", problems: [id]} | {reason: \"inactive\", last_active, days_inactive}], grade (0 to 1,"
      + " from the progress module; null without it)}]; empty for an unknown course.")
  public JsonArray students(@Param(value = "course", description = "The course id") String course, Db db,
      Queries queries) {
    return atRisk(course, db, queries).students();
  }

  @View(name = "students", description = "The students at risk in a course, their reasons and grades.")
  public Template studentsTable(@Param(value = "course", description = "The course id") String course, Db db,
      Queries queries) {
    AtRiskList list = atRisk(course, db, queries);
    return Template.of("templates/at-risk/students.hbs", new JsonObject().put("course", course)
        .put("students", StudentsPage.rows(list.students())).put("gradesMissing", list.gradesMissing()));
  }

  private AtRiskList atRisk(String course, Db db, Queries queries) {
    List<JsonObject> students = reasons.of(course, db, activity);
    ProgressGrades grades = ProgressGrades.of(queries, course, students.stream()
        .map(s -> s.getString("user")).toList());
    JsonArray list = new JsonArray();
    students.forEach(s -> list.add(s.put("grade", grades.of(s.getString("user")))));
    return new AtRiskList(list, grades.missing());
  }

  /** The list and, when grades could not be had, why. */
  private record AtRiskList(JsonArray students, String gradesMissing) {
  }
}
