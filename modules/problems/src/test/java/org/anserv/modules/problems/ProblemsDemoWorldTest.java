package org.anserv.modules.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anserv.demo.activity.Progress;
import org.anserv.demo.activity.ProblemState;
import org.anserv.testkit.ModuleTestKit;
import org.anserv.testkit.ViewCharts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every query of the module, after the demo world, against the generator's true figures ({@code world.truth()} and
 * the learners' final states) or, for figures the truth lacks, a naive recount of the raw events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemsDemoWorldTest {

  private ModuleTestKit kit;
  private DemoFeed feed;
  private JsonObject truth;
  private Recount recount;

  @BeforeAll
  void feedTheWorld() {
    kit = ModuleTestKit.start(Problems.class);
    feed = DemoFeed.into(kit);
    truth = feed.world().truth().getJsonObject("courses");
    recount = Recount.of(feed.events());
  }

  @AfterAll
  void stop() {
    kit.close();
  }

  private JsonObject course(String course) {
    return (JsonObject) kit.query("problems", "course", Map.of("course", course));
  }

  @Test
  void theWorldHasEveryProblemSubmittedSoGradesAreComparable() {
    truth.forEach(course -> ((JsonObject) course.getValue()).getJsonObject("problems").forEach(problem ->
        assertThat(((JsonObject) problem.getValue()).getLong("checks")).as(problem.getKey()).isPositive()));
  }

  @Test
  void perProblemChecksAndFirstAttemptsEqualTheTruth() {
    truth.forEach(entry -> {
      JsonObject expected = (JsonObject) entry.getValue();
      JsonObject actual = course(entry.getKey());
      Map<String, JsonObject> byKey = byProblem(actual.getJsonArray("problems"));
      assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(expected.getJsonObject("problems").fieldNames());
      expected.getJsonObject("problems").forEach(p -> {
        JsonObject want = (JsonObject) p.getValue();
        JsonObject got = byKey.get(p.getKey());
        assertThat(got.getLong("checks")).as(p.getKey()).isEqualTo(want.getLong("checks"));
        assertThat(got.getLong("first_attempts")).isEqualTo(want.getLong("first_attempts"));
        assertThat(got.getLong("first_attempt_correct")).isEqualTo(want.getLong("first_attempt_correct"));
        assertThat(got.getDouble("first_attempt_correct_rate")).isEqualTo(want.getDouble("first_attempt_correct_rate"));
        assertThat(got.getDouble("max_grade")).isEqualTo(want.getDouble("max_grade"));
        assertThat(got.getString("display_name")).isEqualTo(want.getString("display_name"));
      });
      assertThat(actual.getLong("first_attempts")).isEqualTo(expected.getLong("first_attempts"));
      assertThat(actual.getLong("first_attempt_correct")).isEqualTo(expected.getLong("first_attempt_correct"));
      assertThat(actual.getDouble("first_attempt_correct_rate"))
          .isEqualTo(expected.getDouble("first_attempt_correct_rate"));
    });
  }

  @Test
  void learnersSolvedAttemptsToCorrectAndShownAnswersEqualARecountOfTheEvents() {
    truth.fieldNames().forEach(course -> course(course).getJsonArray("problems").forEach(p -> {
      JsonObject got = (JsonObject) p;
      Recount.Problem want = recount.problem(course, got.getString("problem"));
      assertThat(got.getLong("learners")).as(got.getString("problem")).isEqualTo(want.learners());
      assertThat(got.getLong("solved")).isEqualTo(want.solved());
      assertThat(got.getDouble("mean_attempts_to_correct")).isEqualTo(want.meanAttemptsToCorrect());
      assertThat(got.getLong("showed_answer")).isEqualTo(want.showed());
      assertThat(got.getDouble("show_answer_rate")).isEqualTo(want.showAnswerRate());
    }));
    assertThat(recount.anyShown()).as("the world exercises shown answers").isTrue();
  }

  @Test
  void gradeDistributionMeanAndPassedEqualTheTruth() {
    truth.forEach(entry -> {
      JsonObject expected = (JsonObject) entry.getValue();
      JsonObject actual = (JsonObject) kit.query("problems", "grade-distribution", Map.of("course", entry.getKey()));
      assertThat(actual.getJsonArray("grade_distribution")).as(entry.getKey())
          .isEqualTo(expected.getJsonArray("grade_distribution"));
      assertThat(actual.getDouble("mean_grade")).isEqualTo(expected.getDouble("mean_grade"));
      assertThat(actual.getLong("passed")).isEqualTo(expected.getLong("passed"));
      assertThat(actual.getInteger("learners")).isEqualTo(expected.getInteger("students"));
      double possible = expected.getJsonObject("problems").stream()
          .mapToDouble(p -> ((JsonObject) p.getValue()).getDouble("max_grade")).sum();
      assertThat(actual.getDouble("max_points")).isEqualTo(possible);
    });
  }

  @Test
  void everyLearnersGradeEqualsTheirFinalState() {
    for (String course : truth.fieldNames()) {
      Map<String, Double> expected = new TreeMap<>();
      progressIn(course).forEach(p -> expected.put(p.enrollment().learner().username(), round(p.grade())));
      JsonArray grades = (JsonArray) kit.query("problems", "grades", Map.of("course", course));
      Map<String, Double> actual = new TreeMap<>();
      grades.forEach(g -> actual.put(((JsonObject) g).getString("user"), ((JsonObject) g).getDouble("grade")));
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void aStudentsProblemProgressEqualsTheirFinalState() {
    for (Progress progress : feed.world().outcome().progress()) {
      String user = progress.enrollment().learner().username();
      String course = progress.enrollment().course().id();
      JsonObject result = (JsonObject) kit.query("problems", "student", Map.of("user", user, "course", course));
      JsonObject summary = result.getJsonArray("courses").getJsonObject(0);
      assertThat(result.getJsonArray("courses")).hasSize(1);
      assertThat(summary.getDouble("grade")).as(user).isEqualTo(round(progress.grade()));
      assertThat(summary.getInteger("problems_attempted")).isEqualTo(progress.problems().size());
      assertThat(summary.getInteger("problems_correct"))
          .isEqualTo((int) progress.problems().values().stream().filter(ProblemState::correct).count());
      Map<String, JsonObject> byKey = byProblem(summary.getJsonArray("problems"));
      assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(progress.problems().keySet());
      progress.problems().forEach((key, state) -> {
        assertThat(byKey.get(key).getLong("attempts")).as(user + " " + key).isEqualTo(state.attempts());
        assertThat(byKey.get(key).getDouble("grade")).isEqualTo(state.grade());
        assertThat(byKey.get(key).getBoolean("correct")).isEqualTo(state.correct());
      });
    }
  }

  @Test
  void aStudentInSeveralCoursesGetsEachOfThemWithoutACourseParameter() {
    Map<String, List<String>> coursesOf = new HashMap<>();
    feed.world().enrollments().forEach(e -> coursesOf.computeIfAbsent(e.learner().username(),
        u -> new java.util.ArrayList<>()).add(e.course().id()));
    String user = coursesOf.entrySet().stream().filter(e -> e.getValue().size() > 1).findFirst().orElseThrow().getKey();

    JsonObject result = (JsonObject) kit.query("problems", "student", Map.of("user", user));

    assertThat(result.getJsonArray("courses").stream().map(c -> ((JsonObject) c).getString("course")))
        .containsExactlyInAnyOrderElementsOf(coursesOf.get(user));
  }

  @Test
  void thePickListOffersEveryProblemByUsageKeyWithItsTitle() {
    JsonArray list = (JsonArray) kit.query("problems", "problems");
    Map<String, String> labels = new TreeMap<>();
    list.forEach(o -> labels.put(((JsonObject) o).getString("id"), ((JsonObject) o).getString("label")));
    Map<String, String> expected = new TreeMap<>();
    truth.forEach(c -> ((JsonObject) c.getValue()).getJsonObject("problems").forEach(p ->
        expected.put(p.getKey(), ((JsonObject) p.getValue()).getString("display_name"))));
    assertThat(labels).isEqualTo(expected);
  }

  @Test
  void oneProblemsFiguresMatchItsCourseEntryAndSolvedAttemptsAddUp() {
    String course = truth.fieldNames().iterator().next();
    for (Object entry : course(course).getJsonArray("problems")) {
      JsonObject inCourse = (JsonObject) entry;
      JsonObject one = (JsonObject) kit.query("problems", "problem", Map.of("problem", inCourse.getString("problem")));
      JsonArray solved = (JsonArray) one.remove("solved_by_attempt");
      assertThat(one.remove("course")).isEqualTo(course);
      assertThat(one).isEqualTo(inCourse);
      assertThat(solved.stream().mapToLong(s -> ((JsonObject) s).getLong("learners")).sum())
          .isEqualTo(inCourse.getLong("solved"));
      assertThat(solved.stream().mapToLong(s -> ((JsonObject) s).getLong("attempt")
          * ((JsonObject) s).getLong("learners")).sum())
          .isEqualTo(recount.problem(course, inCourse.getString("problem")).attemptsToCorrect());
    }
  }

  @Test
  void theCourseViewShowsTheGradeFiguresAHistogramAndEveryProblem() {
    String course = truth.fieldNames().iterator().next();
    JsonObject expected = truth.getJsonObject(course);

    String html = kit.view("problems", "course", Map.of("course", course));

    assertThat(html).contains("<strong class=\"learners\">" + expected.getInteger("students") + "</strong>")
        .contains("<strong class=\"passed\">" + expected.getLong("passed") + "</strong>")
        .contains(String.format(java.util.Locale.ROOT, "%.1f%%", expected.getDouble("mean_grade") * 100));
    JsonObject histogram = ViewCharts.first(html);
    assertThat(histogram.getString("type")).isEqualTo("bar");
    assertThat(histogram.getJsonObject("data").getJsonArray("datasets").getJsonObject(0).getJsonArray("data"))
        .isEqualTo(expected.getJsonArray("grade_distribution"));
    expected.getJsonObject("problems").forEach(p -> assertThat(html)
        .contains(((JsonObject) p.getValue()).getString("display_name")));
  }

  @Test
  void theProblemViewShowsItsChecksAndAChart() {
    String course = truth.fieldNames().iterator().next();
    Map.Entry<String, Object> problem = truth.getJsonObject(course).getJsonObject("problems").iterator().next();
    long checks = ((JsonObject) problem.getValue()).getLong("checks");

    String html = kit.view("problems", "problem", Map.of("problem", problem.getKey()));

    assertThat(html).contains("<td class=\"checks\">" + checks + "</td>");
    assertThat(ViewCharts.first(html).getString("type")).isEqualTo("bar");
  }

  @Test
  void theStudentViewShowsEachCoursesGrade() {
    Progress progress = feed.world().outcome().progress().stream().filter(p -> p.grade() > 0).findFirst()
        .orElseThrow();
    String user = progress.enrollment().learner().username();

    String html = kit.view("problems", "student", Map.of("user", user));

    assertThat(html).contains(progress.enrollment().course().id())
        .contains(String.format(java.util.Locale.ROOT, "%.1f%%", round(progress.grade()) * 100))
        .contains("<strong class=\"attempted\">" + progress.problems().size() + "</strong>");
  }

  private List<Progress> progressIn(String course) {
    return feed.world().outcome().progress().stream()
        .filter(p -> p.enrollment().course().id().equals(course)).toList();
  }

  private static Map<String, JsonObject> byProblem(JsonArray problems) {
    Map<String, JsonObject> byKey = new TreeMap<>();
    problems.forEach(p -> byKey.put(((JsonObject) p).getString("problem"), (JsonObject) p));
    return byKey;
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
