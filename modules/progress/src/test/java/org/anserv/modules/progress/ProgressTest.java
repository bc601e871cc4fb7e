package org.anserv.modules.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.anserv.modules.problems.Problems;
import org.anserv.testkit.CallFailedException;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The module's rules on small hand-made event sequences, each test in a course of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressTest {

  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");

  private ModuleTestKit kit;
  private int tests;
  private String course;
  private String page;

  @BeforeAll
  void start() {
    kit = ModuleTestKit.start(Problems.class, Progress.class);
  }

  @AfterAll
  void stop() {
    kit.close();
  }

  @BeforeEach
  void newCourse() {
    course = "course-v1:Org+C" + (++tests) + "+2026";
    page = "https://lms.example.org/courses/" + course + "/courseware/ch1/seq1/1";
  }

  private JsonObject event(String user, String type, Duration after) {
    return new JsonObject().put("username", user).put("event_type", type).put("event_source", "browser")
        .put("context", new JsonObject().put("course_id", course)).put("time", T0.plus(after).toString());
  }

  private JsonObject play(String user, String video, Duration after, String page) {
    JsonObject event = event(user, "play_video", after).put("event", new JsonObject().put("id", video).encode());
    return page == null ? event.put("event_source", "mobile") : event.put("page", page);
  }

  private JsonObject student(String user) {
    return (JsonObject) kit.query("progress", "student", Map.of("user", user, "course", course));
  }

  @Test
  void timeOnTaskAddsGapsOfAtMostThirtyMinutes() {
    kit.feed(event("ann", "seq_next", Duration.ZERO), event("ann", "seq_next", Duration.ofMinutes(10)),
        event("ann", "seq_next", Duration.ofMinutes(40)), event("ann", "seq_next", Duration.ofMinutes(71)),
        event("ann", "seq_next", Duration.ofMinutes(72)));

    JsonObject ann = student("ann");

    assertThat(ann.getDouble("time_on_task_seconds")).as("10 + 30 + 1 minutes; 31 is a new session")
        .isEqualTo(41 * 60.0);
    assertThat(ann.getString("last_active")).isEqualTo(T0.plus(Duration.ofMinutes(72)).toString());
    assertThat(ann.getLong("events")).isEqualTo(5L);
  }

  @Test
  void anEventArrivingLateAddsNoTimeAndDoesNotMoveLastActivityBack() {
    kit.feed(event("ann", "seq_next", Duration.ZERO), event("ann", "seq_next", Duration.ofMinutes(10)),
        event("ann", "seq_prev", Duration.ofMinutes(5)));

    assertThat(student("ann").getDouble("time_on_task_seconds")).isEqualTo(600.0);
    assertThat(student("ann").getString("last_active")).isEqualTo(T0.plus(Duration.ofMinutes(10)).toString());
  }

  @Test
  void chaptersAreLearnedFromCoursewareUrlsAndCountMobileViewsOnceKnown() {
    String problem = "block-v1:" + course.substring("course-v1:".length()) + "+type@problem+block@p1";
    JsonObject check = new JsonObject().put("username", "bob").put("event_type", "problem_check")
        .put("event_source", "server").put("referer", page).put("time", T0.plusSeconds(30).toString())
        .put("context", new JsonObject().put("course_id", course))
        .put("event", new JsonObject().put("problem_id", problem)
            .put("grade", 1).put("max_grade", 1).put("success", "correct").put("attempts", 1));
    kit.feed(play("ann", "v1", Duration.ZERO, null), play("bob", "v1", Duration.ofSeconds(10), page), check);

    JsonObject ann = (JsonObject) kit.query("progress", "completion", Map.of("user", "ann", "course", course));

    assertThat(ann.getJsonArray("chapters")).containsExactly(new JsonObject().put("chapter", "ch1")
        .put("position", 1).put("blocks", 2).put("touched", 1L).put("completion", 0.5));
    assertThat(student("bob").getInteger("chapters_completed")).isEqualTo(1);
    assertThat(student("bob").getDouble("grade")).isEqualTo(1.0);
    assertThat(student("ann").getInteger("chapters_completed")).isZero();
  }

  @Test
  void enrollmentsMarkTheLearnerNotTheStaffWhoMadeThemAndAreNotActivity() {
    JsonObject byStaff = new JsonObject().put("username", "staff").put("event_type", "edx.course.enrollment.activated")
        .put("event_source", "server").put("time", T0.toString())
        .put("context", new JsonObject().put("course_id", course).put("user_id", 1))
        .put("event", new JsonObject().put("course_id", course).put("user_id", 2).put("username", "cid"));
    kit.feed(byStaff, event("cid", "seq_next", Duration.ofMinutes(1)));

    JsonArray learners = (JsonArray) kit.query("progress", "learners", Map.of("course", course));
    JsonObject funnel = (JsonObject) kit.query("progress", "funnel", Map.of("course", course));

    assertThat(learners).hasSize(1);
    assertThat(learners.getJsonObject(0).getString("user")).isEqualTo("cid");
    assertThat(learners.getJsonObject(0).getLong("events")).isEqualTo(1L);
    assertThat(funnel).isEqualTo(new JsonObject().put("course", course).put("enrolled", 1L).put("started", 1L)
        .put("watched_video", 0L).put("attempted_problem", 0L).put("passed", 0L));
  }

  @Test
  void anUnknownLearnerOrCourseHasZerosAndNoLastActivity() {
    assertThat(student("nobody")).isEqualTo(new JsonObject().put("user", "nobody").put("course", course)
        .put("grade", 0.0).put("time_on_task_seconds", 0.0).putNull("last_active").put("chapters_completed", 0)
        .put("chapters_known", 0).put("events", 0L));
    assertThat((JsonArray) kit.query("progress", "learners", Map.of("course", "course-v1:No+Such+Course"))).isEmpty();
    assertThat(kit.view("progress", "student", Map.of("user", "nobody"))).contains("No activity of nobody yet.");
  }

  @Test
  void viewsAndQueriesAreCategorisedSoThatPerStudentOnesCanBePinned() {
    JsonObject module = kit.schema().getJsonArray("modules").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("name").equals("progress")).findFirst().orElseThrow();

    assertThat(categories(module.getJsonArray("views"))).isEqualTo(Map.of(
        "funnel", "course", "course", "course", "student", "student"));
    assertThat(categories(module.getJsonArray("queries"))).isEqualTo(Map.of("student", "student+course",
        "completion", "student+course", "learners", "course", "funnel", "course"));
  }

  private static Map<String, String> categories(JsonArray endpoints) {
    Map<String, String> categories = new java.util.TreeMap<>();
    endpoints.forEach(e -> categories.put(((JsonObject) e).getString("name"), ((JsonObject) e).getString("category")));
    return categories;
  }

  @Test
  void withoutTheProblemsModuleGradesFailSayingWhichModuleIsMissing() {
    try (ModuleTestKit alone = ModuleTestKit.start(Progress.class)) {
      assertThatThrownBy(() -> alone.query("progress", "student", Map.of("user", "ann", "course", course)))
          .isInstanceOf(CallFailedException.class).hasMessageContaining("problems");
    }
  }
}
