package org.anserv.demo.output;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.activity.Outcome;
import org.anserv.demo.activity.Progress;
import org.anserv.demo.activity.Tally;
import org.anserv.demo.activity.Tally.CourseTally;
import org.anserv.demo.activity.Tally.ProblemTally;
import org.anserv.demo.world.Course;
import org.anserv.demo.world.Enrollment;
import org.anserv.demo.world.Problem;
import org.anserv.demo.world.Video;

/**
 * The true figures of a demo world, from what the simulation did rather than from its events, for module tests to
 * compare against. Layout:
 *
 * <pre>
 * { "spec": {seed, courses, students, days, start},
 *   "events": total, "users": learners, "events_per_user": {username: n},
 *   "courses": { course_id: {
 *       "display_name", "students" (ever enrolled), "enrollments_active_at_end", "modes_at_end": {mode: n},
 *       "unenrollments", "mode_changes", "events",
 *       "active_students_per_day": {"2026-01-05": distinct learners with any event in the course that UTC day, ...},
 *       "videos": {usage_key: {block_id, display_name, duration, plays (play events), viewers (distinct players)}},
 *       "problems": {usage_key: {block_id, display_name, max_grade, checks (server problem_check events),
 *                                first_attempts, first_attempt_correct, first_attempt_correct_rate}},
 *       "first_attempts", "first_attempt_correct", "first_attempt_correct_rate",
 *       "grade_distribution": [10 counts of enrollments whose grade is in [i/10, (i+1)/10), the last with 1.0],
 *       "mean_grade", "passed" (grade at least 0.5), "certificates": {status: n} }}}
 * </pre>
 *
 * A course grade is the sum of the current grades of its problems (the last submission, as
 * {@code courseware_studentmodule.grade}) over the sum of their maximum grades. Rates are rounded to 4 decimals and
 * are null without attempts.
 */
public final class Truth {

  private Truth() {
  }

  /** The figures of the world made of {@code courses} and {@code enrollments} that ended in {@code outcome}. */
  public static JsonObject of(DemoSpec spec, List<Course> courses, int users, List<Enrollment> enrollments,
      Outcome outcome) {
    Tally tally = outcome.tally();
    JsonObject perCourse = new JsonObject();
    for (Course course : courses) {
      List<Progress> progress = outcome.progress().stream()
          .filter(p -> p.enrollment().course().index() == course.index()).toList();
      perCourse.put(course.id(), course(spec, course, progress, tally.course(course.id())));
    }
    JsonObject perUser = new JsonObject();
    tally.eventsByUser().forEach(perUser::put);
    return new JsonObject()
        .put("spec", new JsonObject().put("seed", spec.seed()).put("courses", spec.courses())
            .put("students", spec.students()).put("days", spec.days()).put("start", spec.startDate().toString()))
        .put("events", tally.events())
        .put("users", users)
        .put("events_per_user", perUser)
        .put("courses", perCourse);
  }

  private static JsonObject course(DemoSpec spec, Course course, List<Progress> progress, CourseTally tally) {
    List<Enrollment> enrollments = progress.stream().map(Progress::enrollment).toList();
    JsonObject modes = new JsonObject();
    for (String mode : List.of("audit", "honor", "verified")) {
      modes.put(mode, enrollments.stream().filter(e -> e.activeAtEnd() && e.finalMode().equals(mode)).count());
    }
    JsonObject figures = new JsonObject()
        .put("display_name", course.displayName())
        .put("students", enrollments.size())
        .put("enrollments_active_at_end", enrollments.stream().filter(Enrollment::activeAtEnd).count())
        .put("modes_at_end", modes)
        .put("unenrollments", enrollments.stream().filter(e -> e.unenrollDay() >= 0).count())
        .put("mode_changes", enrollments.stream().filter(e -> e.upgradeDay() >= 0).count())
        .put("events", tally.events())
        .put("active_students_per_day", activeByDay(spec, tally))
        .put("videos", videos(course, tally));
    problems(course, tally, figures);
    grades(progress, figures);
    return figures;
  }

  private static JsonObject activeByDay(DemoSpec spec, CourseTally tally) {
    JsonObject days = new JsonObject();
    for (LocalDate day = spec.startDate(); !day.isAfter(spec.endDate()); day = day.plusDays(1)) {
      days.put(day.toString(), tally.activeByDay().getOrDefault(day, Set.of()).size());
    }
    return days;
  }

  private static JsonObject videos(Course course, CourseTally tally) {
    JsonObject videos = new JsonObject();
    for (Video video : course.videos()) {
      videos.put(video.usageKey(), new JsonObject()
          .put("block_id", video.blockId())
          .put("display_name", video.displayName())
          .put("duration", video.durationSeconds())
          .put("plays", tally.plays().getOrDefault(video.usageKey(), 0L))
          .put("viewers", tally.viewers().getOrDefault(video.usageKey(), Set.of()).size()));
    }
    return videos;
  }

  private static void problems(Course course, CourseTally tally, JsonObject figures) {
    JsonObject problems = new JsonObject();
    long attempts = 0;
    long correct = 0;
    for (Problem problem : course.problems()) {
      ProblemTally counts = tally.problems().getOrDefault(problem.usageKey(), new ProblemTally());
      attempts += counts.firstAttempts();
      correct += counts.firstCorrect();
      problems.put(problem.usageKey(), new JsonObject()
          .put("block_id", problem.blockId())
          .put("display_name", problem.displayName())
          .put("max_grade", problem.maxGrade())
          .put("checks", counts.checks())
          .put("first_attempts", counts.firstAttempts())
          .put("first_attempt_correct", counts.firstCorrect())
          .put("first_attempt_correct_rate", rate(counts.firstCorrect(), counts.firstAttempts())));
    }
    figures.put("problems", problems)
        .put("first_attempts", attempts)
        .put("first_attempt_correct", correct)
        .put("first_attempt_correct_rate", rate(correct, attempts));
  }

  private static void grades(List<Progress> progress, JsonObject figures) {
    long[] buckets = new long[10];
    double sum = 0;
    JsonObject certificates = new JsonObject();
    for (Progress p : progress) {
      double grade = p.grade();
      buckets[Math.min(9, (int) Math.floor(grade * 10))]++;
      sum += grade;
      p.certificateStatus().ifPresent(status -> certificates.put(status, certificates.getLong(status, 0L) + 1));
    }
    JsonArray distribution = new JsonArray();
    for (long bucket : buckets) {
      distribution.add(bucket);
    }
    figures.put("grade_distribution", distribution)
        .put("mean_grade", progress.isEmpty() ? null : round(sum / progress.size()))
        .put("passed", progress.stream().filter(p -> p.grade() >= Progress.PASSING_GRADE).count())
        .put("certificates", sorted(certificates));
  }

  private static JsonObject sorted(JsonObject object) {
    JsonObject sorted = new JsonObject();
    object.fieldNames().stream().sorted().forEach(name -> sorted.put(name, object.getValue(name)));
    return sorted;
  }

  private static Double rate(long part, long whole) {
    return whole == 0 ? null : round((double) part / whole);
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
