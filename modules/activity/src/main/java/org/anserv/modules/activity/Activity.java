package org.anserv.modules.activity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Access;
import org.anserv.api.Category;
import org.anserv.api.Db;
import org.anserv.api.Delivery;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Memoize;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.Template;
import org.anserv.api.View;

/**
 * Who is active, and when: events per course and in all courses, students active per UTC day and per ISO week, when
 * each student was first and last seen, and how many were active in the last minute, hour, day and week.
 *
 * <p>A student is active in a period when at least one event of theirs (any type) happened in it; a course's
 * figures count the events whose course id is that course, the "all courses" figures count every event, with a
 * course or not. Counts are kept up to date batch by batch ({@link Batch}, {@link Recorder}), so figures lag the
 * event stream by about a second; queries read a few indexed documents ({@link Reports}).
 *
 * <p>"Now", for the recent-logins figures, is the time of the latest event seen, not the wall clock: replayed or demo
 * data then shows what the live view showed at the end of its history, and a live server, whose latest event is
 * seconds old, shows the usual figures.
 */
@Module(name = "activity", description = "Events and active students per day and week, per course and in all "
    + "courses; first and last seen per student; students active in the last minute, hour, day and week.")
public class Activity {

  /** The scope of figures over all courses, in place of a course id (no course id is {@code *}). */
  static final String ALL = "*";

  private static final int MAX_LIMIT = 10_000;

  private final Recorder recorder = new Recorder();

  /**
   * Counts events in their scopes and marks their students active on their days and in their weeks. Batched, because
   * a batch touches each student's documents once however many events they sent: a few hundred small writes per
   * thousand events instead of several per event.
   */
  @EventHandler(delivery = Delivery.BATCHED, batchSize = 1000, batchSeconds = 1)
  public Future<Void> record(List<Event> events, Db db) {
    return recorder.record(Batch.of(events), db);
  }

  @Query(description = "Events in total and per course, students seen, and the time of the latest event: "
      + "{\"events\": 5084, \"students\": 60, \"now\": \"2026-02-15T21:04:05.123Z\", "
      + "\"courses\": {\"<course>\": 5084}}")
  public Future<JsonObject> events(Db db) {
    return new Reports(db).totals();
  }

  @Query(name = "course", description = "Events and students of one course, and its latest event (zeros and null "
      + "for an unknown course): {\"course\": \"<course>\", \"events\": 5084, \"students\": 60, \"last\": \"<time>\"}")
  public Future<JsonObject> courseTotals(@Param(value = "course", description = "The course id") String course,
      Db db) {
    return new Reports(db).course(course);
  }

  @Query(access = Access.PUBLIC, description = "Every course id seen, sorted (the dashboard's pick list): [\"<course>\", ...]")
  @Memoize(10)
  public Future<JsonArray> courses(Db db) {
    return new Reports(db).courseIds();
  }

  @Query(description = "Usernames of the students seen, sorted, at most limit (the dashboard's pick list): "
      + "[\"<user>\", ...]")
  @Memoize(10)
  public Future<JsonArray> students(@Param(value = "limit", defaultValue = "1000",
      description = "At most this many, 1 to 10000") int limit, Db db) {
    return new Reports(db).usernames(checkedLimit(limit));
  }

  @Query(description = "Students active per UTC day in a course, or in all courses when course is empty, from the "
      + "first active day to the last, zeros included: {\"course\": \"<course>\", \"days\": {\"2026-02-02\": 12, ...}}")
  public Future<JsonObject> activePerDay(@Param(value = "course", defaultValue = "",
      description = "The course id; empty for all courses") String course, Db db) {
    return new Reports(db).active(Period.DAY, scope(course))
        .map(days -> new JsonObject().put("course", course).put("days", days));
  }

  @Query(description = "Students active per ISO week in a course, or in all courses when course is empty, from the "
      + "first active week to the last: {\"course\": \"<course>\", \"weeks\": {\"2026-W06\": 40, ...}}")
  public Future<JsonObject> activePerWeek(@Param(value = "course", defaultValue = "",
      description = "The course id; empty for all courses") String course, Db db) {
    return new Reports(db).active(Period.WEEK, scope(course))
        .map(weeks -> new JsonObject().put("course", course).put("weeks", weeks));
  }

  @Query(description = "When a student was first and last seen, in all and in each course, with their events "
      + "(zeros, nulls and no courses for an unknown user): {\"user\": \"ann\", \"events\": 80, \"first\": \"<time>\", "
      + "\"last\": \"<time>\", \"courses\": [{\"course\": \"<course>\", \"events\": 80, \"first\": \"<time>\", "
      + "\"last\": \"<time>\"}]}")
  public Future<JsonObject> lastSeen(@Param(value = "user", description = "The username") String user, Db db) {
    return new Reports(db).lastSeen(user);
  }

  @Query(description = "A course's students, the most recently seen first, at most limit (empty for an unknown "
      + "course): [{\"user\": \"ann\", \"events\": 80, \"first\": \"<time>\", \"last\": \"<time>\"}, ...]")
  public Future<JsonArray> courseLastSeen(@Param(value = "course", description = "The course id") String course,
      @Param(value = "limit", defaultValue = "100", description = "At most this many, 1 to 10000") int limit,
      Db db) {
    return new Reports(db).lastSeenIn(course, checkedLimit(limit));
  }

  @Query(category = Category.GLOBAL, description = "Students active in the last minute, hour, day and week before "
      + "\"now\", the time of the latest event seen, in a course or in all (course empty): {\"course\": \"\", "
      + "\"now\": \"<time>\" or null, \"minute\": 1, \"hour\": 4, \"day\": 20, \"week\": 55}")
  public Future<JsonObject> recent(@Param(value = "course", defaultValue = "",
      description = "The course id; empty for all courses") String course, Db db) {
    return new Reports(db).recent(scope(course)).map(recent -> new JsonObject().put("course", course).mergeIn(recent));
  }

  @View(description = "Events, students active per day in all courses, the courses, and recent logins.")
  public Future<Template> overview(Db db) {
    Reports reports = new Reports(db);
    Future<JsonObject> totals = reports.totals();
    Future<JsonObject> days = reports.active(Period.DAY, ALL);
    Future<JsonObject> recent = reports.recent(ALL);
    return Future.all(totals, days, recent).map(done -> {
      JsonArray courses = new JsonArray();
      totals.result().getJsonObject("courses").forEach(course -> courses.add(new JsonObject()
          .put("course", course.getKey()).put("events", course.getValue())));
      return Template.of("templates/activity/overview.hbs", new JsonObject().mergeIn(totals.result())
          .put("courses", courses).put("recent", recent.result())
          .put("days", days.result().size())
          .put("chart", new LineChart("active students", days.result()).encode()));
    });
  }

  @View(description = "A course's events, students active per day and per ISO week, and its students last seen.")
  public Future<Template> courseActivity(@Param(value = "course", description = "The course id") String course,
      Db db) {
    Reports reports = new Reports(db);
    Future<JsonObject> totals = reports.course(course);
    Future<JsonObject> days = reports.active(Period.DAY, course);
    Future<JsonObject> weeks = reports.active(Period.WEEK, course);
    Future<JsonArray> students = reports.lastSeenIn(course, 50);
    return Future.all(totals, days, weeks, students).map(done -> Template.of("templates/activity/course.hbs",
        new JsonObject().mergeIn(totals.result()).put("students_seen", students.result())
            .put("days", days.result().size())
            .put("daily", new LineChart("active students per day", days.result()).encode())
            .put("weekly", new LineChart("active students per week", weeks.result()).encode())));
  }

  @View(access = Access.STUDENT, description = "When a student was first and last seen, in all and in each course.")
  public Future<Template> student(@Param(value = "user", description = "The username") String user, Db db) {
    return new Reports(db).lastSeen(user).map(seen -> Template.of("templates/activity/student.hbs", seen));
  }

  @View(category = Category.GLOBAL, description = "Students active in the last minute, hour, day and week before the "
      + "latest event, as the original system's login view showed them.")
  public Future<Template> logins(@Param(value = "course", defaultValue = "",
      description = "The course id; empty for all courses") String course, Db db) {
    return recent(course, db).map(recent -> Template.of("templates/activity/logins.hbs", recent));
  }

  private static String scope(String course) {
    return course.isBlank() ? ALL : course;
  }

  private static int checkedLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }
}
