package org.anserv.modules.problems;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
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
import org.anserv.api.event.EnrollmentAction;
import org.anserv.api.event.EnrollmentActivity;

/**
 * Problems and grades: per problem, how often learners submitted, how many got it right the first time, how many
 * attempts it took to get right and how often the answer was shown; per course, the distribution of grades; per
 * learner, their progress through the problems.
 *
 * <p>Handlers keep one document per learner and problem ({@value #STATES}), updated in place by each graded
 * submission, shown answer and reset, plus a catalogue of the problems seen ({@value #CATALOGUE}) and the
 * enrollments ({@value #ENROLLMENTS}). Queries sum those documents on demand and are memoized for a few seconds.
 * Grades follow {@link CourseGrades}: problems nobody has submitted yet are not known and not counted as possible.
 */
@Module(name = "problems", description = "Attempts and first-attempt correctness per problem, grade distribution per "
    + "course, problem progress per learner.")
public class Problems {

  static final String STATES = "states";
  static final String CATALOGUE = "problems";
  static final String ENROLLMENTS = "enrollments";
  private static final String COURSE = "The course id, e.g. course-v1:Org+Course+Run";

  private final Indexes indexes = new Indexes();

  /** Records a graded submission: the learner's state of the problem and the problem's maximum grade. */
  @EventHandler(types = "problem_check", sources = Source.SERVER)
  public Future<Void> checked(Event event, Db db) {
    return Submission.of(event).map(submission -> indexes.ensure(db).compose(v -> Future.all(
        db.collection(STATES).update(submission.target().key(), submission.stateUpdate(), true),
        db.collection(CATALOGUE).update(submission.target().problemKey(), submission.catalogueUpdate(), true))
        .<Void>mapEmpty())).orElse(Future.succeededFuture());
  }

  /** Marks that the learner asked to see the answer (the server's {@code showanswer}, once per showing). */
  @EventHandler(types = "showanswer", sources = Source.SERVER)
  public Future<Void> answerShown(Event event, Db db) {
    return LearnerProblem.of(event).map(target -> indexes.ensure(db).compose(v -> db.collection(STATES)
        .update(target.key(), new JsonObject().put("$max", new JsonObject().put("shown", 1)), true))
        .<Void>mapEmpty()).orElse(Future.succeededFuture());
  }

  /** A reset clears the answer: the problem's current grade drops to 0 until the next submission. */
  @EventHandler(types = "reset_problem", sources = Source.SERVER)
  public Future<Void> reset(Event event, Db db) {
    JsonObject cleared = new JsonObject().put("$set", new JsonObject().put("grade", 0).put("correct", false));
    return LearnerProblem.of(event).map(target -> db.collection(STATES).update(target.key(), cleared, false)
        .<Void>mapEmpty()).orElse(Future.succeededFuture());
  }

  /** Remembers who is (or was) enrolled in which course: they count in the grades even without a submission. */
  @EventHandler(types = "edx.course.enrollment.")
  public Future<Void> enrollment(Event event, Db db) {
    Optional<EnrollmentActivity> change = event.enrollment()
        .filter(e -> e.action() != EnrollmentAction.OTHER && e.courseId().isPresent());
    Optional<String> learner = change.flatMap(e -> e.username().or(() -> actingLearner(event, e)));
    if (learner.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject set = new JsonObject().put("active", change.get().action() != EnrollmentAction.DEACTIVATED);
    change.get().mode().ifPresent(mode -> set.put("mode", mode));
    JsonObject key = new JsonObject().put("course", change.get().courseId().get()).put("user", learner.get());
    return indexes.ensure(db).compose(v -> db.collection(ENROLLMENTS).update(key, new JsonObject().put("$set", set),
        true)).mapEmpty();
  }

  // The payload names the learner by id only; the event's user is the learner unless staff acted for them.
  private static Optional<String> actingLearner(Event event, EnrollmentActivity change) {
    boolean self = change.userId().isEmpty() || event.userId().isEmpty() || change.userId().equals(event.userId());
    return self ? event.username().filter(user -> !user.equals("anonymous")) : Optional.empty();
  }

  @Query(description = "Every problem seen, for pick lists: [{id: usage key, label: title, course}] by course and "
      + "title.")
  @Memoize(30)
  public Future<JsonArray> problems(Db db) {
    return db.collection(CATALOGUE).find(new JsonObject(), new JsonObject().put("course", 1).put("display_name", 1), 0)
        .map(entries -> {
          JsonArray list = new JsonArray();
          entries.forEach(e -> list.add(new JsonObject().put("id", e.getString("problem"))
              .put("label", e.getString("display_name", e.getString("problem"))).put("course", e.getString("course"))));
          return list;
        });
  }

  @Query(description = "Per-problem figures of a course: {course, max_points, first_attempts, first_attempt_correct, "
      + "first_attempt_correct_rate, problems: [{problem, display_name, max_grade, checks, learners, first_attempts, "
      + "first_attempt_correct, first_attempt_correct_rate, solved, mean_attempts_to_correct, showed_answer, "
      + "show_answer_rate}]}; rates have 4 decimals and are null without a denominator; an unknown course has no "
      + "problems.")
  @Memoize(10)
  public Future<JsonObject> course(@Param(value = "course", description = COURSE) String course, Db db) {
    return ProblemFigures.ofCourse(course, db).map(figures -> CoursePage.summary(course, figures));
  }

  @Query(description = "One problem's figures, as in 'course', with its course and solved_by_attempt: [{attempt, "
      + "learners}] (when learners first got it right); null for a problem never seen.")
  @Memoize(10)
  public Future<JsonObject> problem(@Param(value = "problem", description = "The problem's usage key") String problem,
      Db db) {
    return ProblemPage.figures(problem, db);
  }

  @Query(access = Access.STUDENT, description = "Grade distribution of a course: {course, learners, max_points, grade_distribution: [10 counts "
      + "of learners whose grade is in [i/10, (i+1)/10), the last with 1.0], mean_grade, passed (grade >= 0.5)}.")
  @Memoize(10)
  public Future<JsonObject> gradeDistribution(@Param(value = "course", description = COURSE) String course, Db db) {
    return CourseGrades.load(course, db).map(CourseGrades::summary);
  }

  @Query(description = "Every learner's grade in a course: [{user, points, grade}] by username; grade = current points"
      + " over the points possible of the problems seen, 4 decimals; enrolled learners without a submission have 0.")
  @Memoize(10)
  public Future<JsonArray> grades(@Param(value = "course", description = COURSE) String course, Db db) {
    return CourseGrades.load(course, db).map(CourseGrades::perLearner);
  }

  @Query(access = Access.STUDENT, description = "A learner's problem progress: {user, courses: [{course, points, max_points, grade, "
      + "problems_attempted, problems_correct, problems: [{problem, display_name, max_grade, grade, attempts, checks, "
      + "correct, showed_answer}]}]}; every course they are in, or only 'course' when given.")
  public Future<JsonObject> student(@Param(value = "user", description = "The learner's username") String user,
      @Param(value = "course", defaultValue = "", description = "Only this course (all when empty)") String course,
      Db db) {
    return LearnerProgress.of(user, course, db);
  }

  @View(name = "course", description = "A course's grade histogram and the figures of each of its problems.")
  public Future<Template> courseView(@Param(value = "course", description = COURSE) String course, Db db) {
    Future<List<ProblemFigures>> figures = ProblemFigures.ofCourse(course, db);
    Future<CourseGrades> grades = CourseGrades.load(course, db);
    return Future.all(figures, grades).map(all -> CoursePage.template(course, figures.result(), grades.result()));
  }

  @View(name = "problem", description = "One problem: attempts, first-attempt correctness, shown answers, and at "
      + "which attempt learners got it right.")
  public Future<Template> problemView(@Param(value = "problem", description = "The problem's usage key") String problem,
      Db db) {
    return ProblemPage.figures(problem, db).map(figures -> ProblemPage.template(problem, figures));
  }

  @View(access = Access.STUDENT, name = "student", description = "A learner's progress through the problems of each of their courses.")
  public Future<Template> studentView(@Param(value = "user", description = "The learner's username") String user,
      Db db) {
    return LearnerProgress.of(user, "", db).map(LearnerProgress::template);
  }
}
