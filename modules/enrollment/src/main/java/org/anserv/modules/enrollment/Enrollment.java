package org.anserv.modules.enrollment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Year;
import java.time.ZoneOffset;
import org.anserv.api.Access;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Memoize;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.Sql;
import org.anserv.api.Template;
import org.anserv.api.View;
import org.anserv.api.event.EnrollmentAction;

/**
 * Enrolments over time per course, from the {@code edx.course.enrollment.*} events, checked against the platform's
 * own table ({@code student_courseenrollment} on the SQL read-replica), and who the enrolled learners are
 * ({@code auth_userprofile}).
 *
 * <p>The handler only counts and upserts: per course and UTC day the changes ({@code days}), per course their
 * totals ({@code totals}), and per learner their current state ({@code learners}). Everything else is read by
 * queries; the replica's figures are read when asked for, never per event.
 */
@Module(name = "enrollment", description = "Enrolments, unenrolments and mode changes per course, checked against"
    + " the LMS replica; who the enrolled learners are.")
public class Enrollment {

  private final EnrollmentLedger ledger = new EnrollmentLedger();

  /** Records one enrolment, unenrolment or mode change; other enrolment events (upgrade clicks) are ignored. */
  @EventHandler(types = "edx.course.enrollment.")
  public Future<Void> changed(Event event, Db db) {
    return event.enrollment()
        .filter(change -> change.action() != EnrollmentAction.OTHER && change.courseId().isPresent())
        .map(change -> ledger.record(change, event.time(), db))
        .orElse(Future.succeededFuture());
  }

  @Query(access = Access.PUBLIC, description = "Courses with enrolment events, for pick lists: [{id, enrollments, unenrollments,"
      + " mode_changes}] sorted by id.")
  public Future<JsonArray> courses(Db db) {
    return ledger.courses(db);
  }

  @Query(description = "One course from its events: {course, students (ever enrolled), enrollments_active,"
      + " modes: {mode: active learners}, enrollments, unenrollments, mode_changes (events)}; zeros for an unknown"
      + " course.")
  public Future<JsonObject> summary(@Param(value = "course", description = "The course id") String course, Db db) {
    return ledger.summary(course, db);
  }

  @Query(description = "Changes per UTC day from the first to the last day with one: [{day, enrollments,"
      + " unenrollments, mode_changes, active (net enrolments so far)}]; empty for an unknown course.")
  public Future<JsonArray> timeline(@Param(value = "course", description = "The course id") String course, Db db) {
    return ledger.timeline(course, db);
  }

  @Query(name = "cross-check", description = "The events' figures beside the replica's student_courseenrollment:"
      + " {course, events: {students, enrollments_active, modes}, replica: {same}, difference: {same, events minus"
      + " replica}}; replica and difference are null, and replica_error says why, when the replica cannot be read.")
  public Future<JsonObject> crossCheck(@Param(value = "course", description = "The course id") String course, Db db,
      Sql sql) {
    Future<JsonObject> replica = new Replica(sql).enrollments(course);
    return ledger.summary(course, db).map(CrossCheck::figures).compose(events -> replica.transform(read ->
        Future.succeededFuture(CrossCheck.of(course, events, read.result(),
            read.failed() ? read.cause().getMessage() : null))));
  }

  @Query(description = "Learners enrolled now (replica), by age band (age reached in the given year), gender,"
      + " level of education and country: {course, year, students, age: {band: n}, gender: {code: n}, education:"
      + " {code: n}, country: {code: n}}, blanks counted as \"unknown\"; fails saying so without a replica.")
  @Memoize(300)
  public Future<JsonObject> demographics(@Param(value = "course", description = "The course id") String course,
      @Param(value = "year", defaultValue = "0", description = "Ages as reached in this year; 0 for the current year")
      int year, Sql sql) {
    return new Replica(sql).demographics(course, year > 0 ? year : Year.now(ZoneOffset.UTC).getValue());
  }

  @View(description = "Enrolments of one course over time, modes, and the check against the LMS replica.")
  public Future<Template> overview(@Param(value = "course", description = "The course id") String course, Db db,
      Sql sql) {
    Future<JsonArray> days = timeline(course, db);
    Future<JsonObject> check = crossCheck(course, db, sql);
    return Future.all(days, check).map(all -> Template.of("templates/enrollment/overview.hbs",
        OverviewPage.of(course, days.result(), check.result())));
  }

  @View(name = "demographics", description = "Age, gender, education and country of the learners enrolled now.")
  public Future<Template> demographicsView(@Param(value = "course", description = "The course id") String course,
      @Param(value = "year", defaultValue = "0", description = "Ages as reached in this year; 0 for the current year")
      int year, Sql sql) {
    return demographics(course, year, sql)
        .map(DemographicsPage::of)
        .otherwise(failure -> new JsonObject().put("course", course).put("error", failure.getMessage()))
        .map(data -> Template.of("templates/enrollment/demographics.hbs", data));
  }
}
