package org.anserv.modules.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The module's rules on small hand-made event sequences. */
class ProblemsTest {

  private static final String COURSE = "course-v1:Org+C1+2026";
  private static final String P1 = "block-v1:Org+C1+2026+type@problem+block@p1";
  private static final String P2 = "block-v1:Org+C1+2026+type@problem+block@p2";

  private ModuleTestKit kit;
  private int second;

  @BeforeEach
  void start() {
    kit = ModuleTestKit.start(Problems.class);
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  // Each event a second after the previous one, so that none is a duplicate of another.
  private JsonObject server(String user, String type, JsonObject payload, String title) {
    second++;
    JsonObject context = new JsonObject().put("course_id", COURSE).put("user_id", user.hashCode());
    if (title != null) {
      context.put("module", new JsonObject().put("display_name", title)
          .put("usage_key", payload.getString("problem_id")));
    }
    return new JsonObject().put("username", user).put("event_type", type).put("event_source", "server")
        .put("context", context).put("event", payload)
        .put("time", String.format("2026-02-02T10:%02d:%02d.000000+00:00", second / 60, second % 60));
  }

  private JsonObject check(String user, String problem, int grade, int max, int attempt) {
    return server(user, "problem_check", new JsonObject().put("problem_id", problem).put("grade", grade)
        .put("max_grade", max).put("success", grade == max ? "correct" : "incorrect").put("attempts", attempt),
        "Problem <" + problem.substring(problem.length() - 2) + ">");
  }

  private JsonObject enroll(String actor, int actorId, int learnerId) {
    second++;
    return new JsonObject().put("username", actor).put("event_type", "edx.course.enrollment.activated")
        .put("name", "edx.course.enrollment.activated").put("event_source", "server")
        .put("context", new JsonObject().put("course_id", COURSE).put("user_id", actorId))
        .put("event", new JsonObject().put("course_id", COURSE).put("user_id", learnerId).put("mode", "audit"))
        .put("time", String.format("2026-02-02T09:00:%02d.000000+00:00", second));
  }

  private Object query(String name, Map<String, String> params) {
    return kit.query("problems", name, params);
  }

  @Test
  void anUnknownCourseHasNoProblemsNoLearnersAndUnknownRates() {
    JsonObject figures = (JsonObject) query("course", Map.of("course", "course-v1:No+Such+Course"));
    JsonObject grades = (JsonObject) query("grade-distribution", Map.of("course", "course-v1:No+Such+Course"));

    assertThat(figures.getJsonArray("problems")).isEmpty();
    assertThat(figures.getValue("first_attempt_correct_rate")).isNull();
    assertThat(grades.getInteger("learners")).isZero();
    assertThat(grades.getValue("mean_grade")).isNull();
    assertThat(grades.getJsonArray("grade_distribution")).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(query("problem", Map.of("problem", "block-v1:No+Such+Course+type@problem+block@x"))).isNull();
    assertThat(((JsonObject) query("student", Map.of("user", "nobody"))).getJsonArray("courses")).isEmpty();
  }

  @Test
  void theCurrentGradeIsTheLastSubmissionsAndAResetClearsIt() {
    kit.feed(check("ann", P1, 1, 2, 1), check("ann", P1, 2, 2, 2));
    assertThat(grade("ann")).isEqualTo(1.0);

    kit.feed(server("ann", "reset_problem", new JsonObject().put("problem_id", P1), null));
    assertThat(grade("ann")).isEqualTo(0.0);

    kit.feed(check("ann", P1, 1, 2, 3));
    assertThat(grade("ann")).isEqualTo(0.5);
  }

  @Test
  void pointsPossibleAreThoseOfTheProblemsAnyoneSubmitted() {
    kit.feed(check("ann", P1, 1, 1, 1));
    assertThat(grade("ann")).as("P2 is not known yet").isEqualTo(1.0);

    kit.feed(check("bob", P2, 0, 3, 1));
    assertThat(grade("ann")).isEqualTo(0.25);
    assertThat(((JsonObject) query("grade-distribution", Map.of("course", COURSE))).getDouble("max_points"))
        .isEqualTo(4.0);
  }

  @Test
  void enrolledLearnersWithoutSubmissionsCountWithGradeZeroAndStaffIsNotTheLearner() {
    kit.feed(enroll("cid", 3, 3), enroll("staff", 99, 4), check("ann", P1, 1, 1, 1));

    JsonArray grades = (JsonArray) query("grades", Map.of("course", COURSE));
    JsonObject distribution = (JsonObject) query("grade-distribution", Map.of("course", COURSE));

    assertThat(grades).containsExactly(
        new JsonObject().put("user", "ann").put("points", 1.0).put("grade", 1.0),
        new JsonObject().put("user", "cid").put("points", 0.0).put("grade", 0.0));
    assertThat(distribution.getJsonArray("grade_distribution")).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
    assertThat(distribution.getDouble("mean_grade")).isEqualTo(0.5);
    assertThat(distribution.getLong("passed")).isEqualTo(1L);
  }

  @Test
  void firstAttemptsSolvingAndShownAnswersAreCountedPerLearner() {
    kit.feed(check("ann", P1, 0, 1, 1), server("ann", "showanswer", new JsonObject().put("problem_id", P1), null),
        check("ann", P1, 1, 1, 2), check("bob", P1, 1, 1, 1), check("cid", P1, 0, 1, 1));

    JsonObject p1 = (JsonObject) query("problem", Map.of("problem", P1));

    assertThat(p1.getLong("checks")).isEqualTo(4L);
    assertThat(p1.getLong("learners")).isEqualTo(3L);
    assertThat(p1.getLong("first_attempts")).isEqualTo(3L);
    assertThat(p1.getLong("first_attempt_correct")).isEqualTo(1L);
    assertThat(p1.getDouble("first_attempt_correct_rate")).isEqualTo(0.3333);
    assertThat(p1.getLong("solved")).isEqualTo(2L);
    assertThat(p1.getDouble("mean_attempts_to_correct")).isEqualTo(1.5);
    assertThat(p1.getLong("showed_answer")).isEqualTo(1L);
    assertThat(p1.getDouble("show_answer_rate")).isEqualTo(0.3333);
    assertThat(p1.getJsonArray("solved_by_attempt")).containsExactly(
        new JsonObject().put("attempt", 1L).put("learners", 1L),
        new JsonObject().put("attempt", 2L).put("learners", 1L));
  }

  @Test
  void viewsEscapeUsernamesAndTitles() {
    kit.feed(check("<b>eve</b>", P1, 1, 1, 1));

    String student = kit.view("problems", "student", Map.of("user", "<b>eve</b>"));
    String course = kit.view("problems", "course", Map.of("course", COURSE));

    assertThat(student).contains("&lt;b&gt;eve&lt;/b&gt;").contains("Problem &lt;p1&gt;").doesNotContain("<b>");
    assertThat(course).contains("Problem &lt;p1&gt;").doesNotContain("<p1>");
  }

  @Test
  void viewsAndQueriesAreCategorisedSoThatPerStudentOnesCanBePinned() {
    JsonObject module = kit.schema().getJsonArray("modules").getJsonObject(0);

    assertThat(categories(module.getJsonArray("views"))).isEqualTo(Map.of(
        "course", "course", "problem", "resource", "student", "student"));
    assertThat(categories(module.getJsonArray("queries"))).isEqualTo(Map.of("problems", "global",
        "course", "course", "problem", "resource", "grade-distribution", "course", "grades", "course",
        "student", "student+course"));
  }

  private static Map<String, String> categories(JsonArray endpoints) {
    Map<String, String> categories = new java.util.TreeMap<>();
    endpoints.forEach(e -> categories.put(((JsonObject) e).getString("name"), ((JsonObject) e).getString("category")));
    return categories;
  }

  private double grade(String user) {
    JsonObject progress = (JsonObject) query("student", Map.of("user", user, "course", COURSE));
    return progress.getJsonArray("courses").getJsonObject(0).getDouble("grade");
  }
}
