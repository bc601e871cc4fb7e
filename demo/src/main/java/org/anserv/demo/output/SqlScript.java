package org.anserv.demo.output;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.Dice;
import org.anserv.demo.activity.EdxTime;
import org.anserv.demo.activity.Outcome;
import org.anserv.demo.activity.ProblemState;
import org.anserv.demo.activity.Progress;
import org.anserv.demo.activity.VideoState;
import org.anserv.demo.world.Course;
import org.anserv.demo.world.Enrollment;
import org.anserv.demo.world.Learner;
import org.anserv.demo.xapi.XapiActors;

/**
 * The LMS read-replica of a demo world as one MySQL/MariaDB script: drop, create and fill {@code auth_user},
 * {@code auth_userprofile}, {@code student_courseenrollment}, {@code courseware_studentmodule} (problem grades,
 * video positions, sequence positions), {@code certificates_generatedcertificate} and
 * {@code course_overviews_courseoverview}, as they stand at the end of the period. Every statement ends with
 * {@code ;} at the end of a line, so a loader may split on that.
 */
public final class SqlScript {

  private final DemoSpec spec;
  private final List<Course> courses;
  private final List<Learner> learners;
  private final Outcome outcome;

  /** The script of a world. */
  public SqlScript(DemoSpec spec, List<Course> courses, List<Learner> learners, Outcome outcome) {
    this.spec = spec;
    this.courses = courses;
    this.learners = learners;
    this.outcome = outcome;
  }

  /** Writes the whole script. */
  public void write(Writer out) throws IOException {
    out.write("-- anserv demo LMS tables: seed " + spec.seed() + ", " + spec.courses() + " courses, " + spec.students()
        + " students, " + spec.days() + " days from " + spec.startDate() + ". Generated; do not edit.\n");
    out.write("SET NAMES utf8mb4;\nSET time_zone = '+00:00';\nSET FOREIGN_KEY_CHECKS = 0;\n");
    for (String ddl : LmsSchema.TABLES) {
      out.write("DROP TABLE IF EXISTS `" + LmsSchema.name(ddl) + "`;\n" + ddl + ";\n");
    }
    users(out);
    profiles(out);
    enrollments(out);
    studentModules(out);
    certificates(out);
    courseOverviews(out);
    externalIds(out);
    out.write("SET FOREIGN_KEY_CHECKS = 1;\n");
  }

  private void users(Writer out) throws IOException {
    SqlInserts rows = new SqlInserts(out, "auth_user", List.of("id", "password", "last_login", "is_superuser",
        "username", "first_name", "last_name", "email", "is_staff", "is_active", "date_joined"));
    Map<Integer, Long> lastSeen = outcome.tally().lastSeen();
    for (Learner learner : learners) {
      Long last = lastSeen.get(learner.id());
      // Django's unusable password: "!" and 40 random characters.
      String password = "!" + Dice.of(spec.seed(), 5, learner.id())
          .text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40);
      rows.row(learner.id(), password, last == null ? null : EdxTime.sql(last), false, learner.username(),
          learner.firstName(), learner.lastName(), learner.email(), false, true,
          EdxTime.sql(EdxTime.micros(learner.dateJoined())));
    }
    rows.close();
  }

  // The ids event-routing-backends puts in xAPI actors instead of usernames (type "xapi"), one per learner.
  private void externalIds(Writer out) throws IOException {
    String created = EdxTime.sql(EdxTime.micros(spec.startDate().atStartOfDay(ZoneOffset.UTC)
        .toInstant()));
    SqlInserts types = new SqlInserts(out, "external_user_ids_externalidtype",
        List.of("id", "created", "modified", "name", "description"));
    types.row(1, created, created, "xapi", "xAPI Transformer IDs");
    types.close();
    SqlInserts rows = new SqlInserts(out, "external_user_ids_externalid",
        List.of("id", "created", "modified", "external_user_id", "external_id_type_id", "user_id"));
    for (Learner learner : learners) {
      rows.row(learner.id(), created, created, XapiActors.externalId(spec.seed(), learner.id()).replace("-", ""), 1,
          learner.id());
    }
    rows.close();
  }

  private void profiles(Writer out) throws IOException {
    SqlInserts rows = new SqlInserts(out, "auth_userprofile", List.of("id", "name", "meta", "courseware", "language",
        "location", "year_of_birth", "gender", "level_of_education", "mailing_address", "city", "country", "goals",
        "allow_certificate", "bio", "profile_image_uploaded_at", "user_id", "phone_number", "state"));
    for (Learner learner : learners) {
      var profile = learner.profile();
      rows.row(learner.id(), learner.fullName(), "", "course.xml", "", "", profile.yearOfBirth(), profile.gender(),
          profile.levelOfEducation(), null, null, profile.country(), null, true, null, null, learner.id(), null,
          null);
    }
    rows.close();
  }

  private void enrollments(Writer out) throws IOException {
    SqlInserts rows = new SqlInserts(out, "student_courseenrollment",
        List.of("id", "course_id", "created", "is_active", "mode", "user_id"));
    for (Progress progress : outcome.progress()) {
      Enrollment e = progress.enrollment();
      rows.row(e.index() + 1, e.course().id(), EdxTime.sql(EdxTime.micros(e.enrolledAt())), e.activeAtEnd(),
          e.finalMode(), e.learner().id());
    }
    rows.close();
  }

  private void studentModules(Writer out) throws IOException {
    SqlInserts rows = new SqlInserts(out, "courseware_studentmodule", List.of("id", "module_type", "module_id",
        "course_id", "state", "grade", "max_grade", "done", "created", "modified", "student_id"));
    long id = 0;
    for (Progress progress : outcome.progress()) {
      String course = progress.enrollment().course().id();
      int student = progress.enrollment().learner().id();
      for (var position : progress.positions().entrySet()) {
        long[] p = position.getValue();
        rows.row(++id, "sequential", position.getKey(), course, new JsonObject().put("position", p[0]).encode(),
            null, null, "na", EdxTime.sql(p[1]), EdxTime.sql(p[2]), student);
      }
      for (var video : progress.videos().entrySet()) {
        VideoState v = video.getValue();
        rows.row(++id, "video", video.getKey(), course, videoState(v), null, null, "na", EdxTime.sql(v.created()),
            EdxTime.sql(v.modified()), student);
      }
      for (var problem : progress.problems().entrySet()) {
        ProblemState s = problem.getValue();
        boolean submitted = s.attempts() > 0;
        rows.row(++id, "problem", problem.getKey(), course, problemState(s), submitted ? (double) s.grade() : null,
            submitted ? (double) s.problem().maxGrade() : null, "na", EdxTime.sql(s.created()),
            EdxTime.sql(s.modified()), student);
      }
    }
    rows.close();
  }

  private void certificates(Writer out) throws IOException {
    SqlInserts rows = new SqlInserts(out, "certificates_generatedcertificate", List.of("id", "course_id",
        "verify_uuid", "grade", "key", "distinction", "status", "mode", "name", "created_date", "modified_date",
        "download_uuid", "download_url", "error_reason", "user_id"));
    String issued = EdxTime.sql(spec.endDate().atTime(23, 55).toEpochSecond(ZoneOffset.UTC) * 1_000_000L);
    int id = 0;
    for (Progress progress : outcome.progress()) {
      if (progress.certificateStatus().isEmpty()) {
        continue;
      }
      Enrollment e = progress.enrollment();
      String status = progress.certificateStatus().get();
      Dice dice = Dice.of(spec.seed(), 6, e.index());
      rows.row(++id, e.course().id(), dice.hex(32), String.format(Locale.ROOT, "%.2f", progress.grade()),
          dice.hex(32), false, status, e.finalMode(), e.learner().fullName(), issued, issued,
          status.equals("downloadable") ? dice.hex(32) : "", "", "", e.learner().id());
    }
    rows.close();
  }

  private void courseOverviews(Writer out) throws IOException {
    SqlInserts rows = new SqlInserts(out, "course_overviews_courseoverview", List.of("created", "modified",
        "version", "id", "_location", "display_name", "display_number_with_default", "display_org_with_default",
        "start", "end", "org", "self_paced"));
    long start = spec.startDate().atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    long end = spec.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    long created = start - 30L * 86_400_000_000L;
    for (Course course : courses) {
      String location = Course.usageKey(course.org(), course.number(), course.run(), "course", "course");
      rows.row(EdxTime.sql(created), EdxTime.sql(created), 16, course.id(), location, course.displayName(),
          course.number(), course.org(), EdxTime.sql(start), EdxTime.sql(end), course.org(), false);
    }
    rows.close();
  }

  private static String videoState(VideoState video) {
    long seconds = (long) video.position();
    String position = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return new JsonObject().put("saved_video_position", position).put("speed", video.speed()).encode();
  }

  private static String problemState(ProblemState state) {
    JsonObject json = new JsonObject()
        .put("correct_map", state.correctMap())
        .put("input_state", state.inputState())
        .put("attempts", state.attempts())
        .put("seed", 1)
        .put("done", state.done())
        .put("student_answers", state.answers());
    if (state.lastSubmission() > 0) {
      json.put("last_submission_time", EdxTime.iso(state.lastSubmission()))
          .put("score", new JsonObject().put("raw_earned", state.grade())
              .put("raw_possible", state.problem().maxGrade()));
    }
    return json.encode();
  }
}
