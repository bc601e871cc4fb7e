package org.anserv.modules.classrank;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.anserv.api.Access;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Memoize;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.Source;
import org.anserv.api.Template;
import org.anserv.api.View;

/**
 * Where each student stands in a course: grade, rank and percentile among all its students. A per-student figure
 * that needs every student of the course, so it is the example of a global analytic: the handlers keep each
 * student's points up to date with one increment per submission, and the comparison with everyone else happens in
 * memoized queries, by counting with an index ({@code course}, {@code points}) rather than sorting per event.
 *
 * <p>A course grade is, as the LMS computes it, the sum of the current grades of the course's problems (the last
 * submission's, zero after a reset) over the sum of their maximum grades. The problems are those anyone has
 * submitted: the event stream does not describe a course's structure, so a problem nobody has tried yet counts
 * from its first submission on. The students are everyone who enrolled or submitted.
 */
@Module(name = "class-rank", description = "Each student's grade, rank and percentile in the course, and the grade"
    + " distribution.")
public class ClassRank {

  private final Standings standings = new Standings();

  /** Adds an enrolled student with no points yet, so that those who never submit rank too. */
  @EventHandler(types = "edx.course.enrollment.activated")
  public void enrolled(Event event, Db db) {
    event.enrollment().ifPresent(enrollment -> {
      Optional<String> user = enrollment.username().or(event::username);
      Optional<String> course = enrollment.courseId();
      if (user.isPresent() && course.isPresent() && event.origin().emittingModule().isEmpty()) {
        standings.enrol(course.get(), user.get(), db);
      }
    });
  }

  /** Applies a submission's grade (or a reset's zero) to the student's points. */
  @EventHandler(types = {"problem_check", "reset_problem"}, sources = Source.SERVER)
  public void scored(Event event, Db db) {
    if (event.origin().emittingModule().isEmpty()) {
      Score.of(event).ifPresent(score -> standings.apply(score, db));
    }
  }

  @Query(description = "One student's standing: {user, course, grade (0 to 1), rank (1 is best; ties share it),"
      + " percentile (0 to 100: students below plus half of those level, over all), of (students)}; grade, rank"
      + " and percentile are null for a student the course does not know.")
  @Memoize(30)
  public JsonObject rank(@Param(value = "user", description = "The username") String user,
      @Param(value = "course", description = "The course id") String course, Db db) {
    return standings.of(course, user, db).json();
  }

  @Query(access = Access.STUDENT, description = "The course's grades: {course, students, points_possible, mean_grade (null without"
      + " students), grade_distribution: [10 counts of grades in [i/10, (i+1)/10), the last with 1.0]}.")
  @Memoize(30)
  public JsonObject distribution(@Param(value = "course", description = "The course id") String course, Db db) {
    return standings.distribution(course, db).json();
  }

  @View(access = Access.STUDENT, name = "rank", description = "A student's rank and percentile, on the course's grade distribution.")
  @Memoize(30)
  public Template rankView(@Param(value = "user", description = "The username") String user,
      @Param(value = "course", description = "The course id") String course, Db db) {
    Standing standing = standings.of(course, user, db);
    Distribution distribution = standings.distribution(course, db);
    return Template.of("templates/class-rank/rank.hbs", standing.json()
        .put("gradePercent", Pages.percent(standing.grade()))
        .put("chart", Pages.histogram(distribution, standing.grade()).encode()));
  }

  @View(name = "distribution", description = "The course's grade distribution and its top students.")
  @Memoize(30)
  public Template distributionView(@Param(value = "course", description = "The course id") String course,
      @Param(value = "top", defaultValue = "10", description = "How many top students to list, at most 100") int top,
      Db db) {
    Distribution distribution = standings.distribution(course, db);
    List<Standing> best = standings.top(course, Math.max(0, Math.min(top, 100)), db);
    return Template.of("templates/class-rank/distribution.hbs", distribution.json()
        .put("meanPercent", Pages.percent(distribution.meanGrade()))
        .put("chart", Pages.histogram(distribution, null).encode())
        .put("top", Pages.rows(best)));
  }
}
