package org.anserv.modules.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.anserv.demo.activity.Progress;
import org.anserv.demo.world.Course;
import org.anserv.modules.problems.Problems;
import org.anserv.testkit.ModuleTestKit;
import org.anserv.testkit.ViewCharts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every query of the module, after the demo world, against the generator's truth (enrolled and passed learners,
 * grades, the courses' real structure and what each learner touched) or a naive recount of the raw events (time on
 * task, last activity, the funnel's middle stages). The problems module runs beside it, as on the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressDemoWorldTest {

  private ModuleTestKit kit;
  private DemoFeed feed;
  private JsonObject truth;
  private Recount recount;

  @BeforeAll
  void feedTheWorld() {
    kit = ModuleTestKit.start(Problems.class, org.anserv.modules.progress.Progress.class);
    feed = DemoFeed.into(kit);
    truth = feed.world().truth().getJsonObject("courses");
    recount = Recount.of(feed.events());
  }

  @AfterAll
  void stop() {
    kit.close();
  }

  private List<Progress> enrollments() {
    return feed.world().outcome().progress();
  }

  private JsonObject student(Progress progress) {
    return (JsonObject) kit.query("progress", "student", Map.of("user", progress.enrollment().learner().username(),
        "course", progress.enrollment().course().id()));
  }

  @Test
  void aStudentsGradeAndChaptersEqualTheirFinalState() {
    for (Progress progress : enrollments()) {
      JsonObject student = student(progress);
      String who = progress.enrollment().learner().username();
      assertThat(student.getDouble("grade")).as(who).isEqualTo(round(progress.grade()));
      assertThat(student.getInteger("chapters_completed")).as(who).isEqualTo(Structure.completed(progress));
      assertThat(student.getInteger("chapters_known")).isEqualTo(progress.enrollment().course().chapters().size());
    }
  }

  @Test
  void aStudentsTimeOnTaskLastActivityAndEventsEqualARecountOfTheirEvents() {
    for (Progress progress : enrollments()) {
      JsonObject student = student(progress);
      String who = progress.enrollment().learner().username();
      Recount.Learner expected = recount.learners(progress.enrollment().course().id()).get(who);
      assertThat(student.getDouble("time_on_task_seconds")).as(who).isEqualTo(expected.timeOnTaskSeconds());
      assertThat(student.getString("last_active")).as(who).isEqualTo(expected.lastActive());
      assertThat(student.getLong("events")).as(who).isEqualTo(expected.events());
    }
    assertThat(enrollments().stream().mapToDouble(p -> student(p).getDouble("time_on_task_seconds")).sum())
        .as("the world has study time").isPositive();
  }

  @Test
  void chapterCompletionEqualsTheRealStructureInCourseOrder() {
    for (Progress progress : enrollments()) {
      JsonObject result = (JsonObject) kit.query("progress", "completion", Map.of(
          "user", progress.enrollment().learner().username(), "course", progress.enrollment().course().id()));
      Map<String, Double> actual = new LinkedHashMap<>();
      result.getJsonArray("chapters").forEach(c -> actual.put(((JsonObject) c).getString("chapter"),
          ((JsonObject) c).getDouble("completion")));
      assertThat(actual).containsExactlyEntriesOf(Structure.completion(progress));
    }
  }

  @Test
  void theLearnerListHasEveryoneWithTheirStudentFigures() {
    for (Course course : feed.world().courses()) {
      JsonArray learners = (JsonArray) kit.query("progress", "learners", Map.of("course", course.id()));
      Map<String, JsonObject> byUser = new TreeMap<>();
      learners.forEach(l -> byUser.put(((JsonObject) l).getString("user"), (JsonObject) l));
      assertThat(byUser.keySet()).isEqualTo(recount.learners(course.id()).keySet());
      enrollments().stream().filter(p -> p.enrollment().course().equals(course))
          .forEach(p -> assertThat(byUser.get(p.enrollment().learner().username())).isEqualTo(student(p)));
    }
  }

  @Test
  void theFunnelEqualsTheTruthAndARecountOfTheEvents() {
    for (Course course : feed.world().courses()) {
      JsonObject funnel = (JsonObject) kit.query("progress", "funnel", Map.of("course", course.id()));
      JsonObject expected = truth.getJsonObject(course.id());
      assertThat(funnel).isEqualTo(new JsonObject().put("course", course.id())
          .put("enrolled", expected.getLong("students"))
          .put("started", recount.started(course.id()))
          .put("watched_video", recount.watched(course.id()))
          .put("attempted_problem", recount.attempted(course.id()))
          .put("passed", expected.getLong("passed")));
      assertThat(funnel.getLong("enrolled")).isEqualTo(recount.enrolled(course.id()));
    }
  }

  @Test
  void theFunnelViewShowsEachStageAndABarChart() {
    Course course = feed.world().courses().getFirst();
    JsonObject funnel = (JsonObject) kit.query("progress", "funnel", Map.of("course", course.id()));

    String html = kit.view("progress", "funnel", Map.of("course", course.id()));

    JsonObject chart = ViewCharts.first(html);
    assertThat(chart.getString("type")).isEqualTo("bar");
    assertThat(chart.getJsonObject("data").getJsonArray("datasets").getJsonObject(0).getJsonArray("data"))
        .isEqualTo(new JsonArray().add(funnel.getLong("enrolled")).add(funnel.getLong("started"))
            .add(funnel.getLong("watched_video")).add(funnel.getLong("attempted_problem"))
            .add(funnel.getLong("passed")));
    assertThat(html).contains("<td class=\"learners\">" + funnel.getLong("passed") + "</td>");
  }

  @Test
  void theCourseViewListsEveryLearnerWithTheirGrade() {
    Course course = feed.world().courses().getFirst();
    String html = kit.view("progress", "course", Map.of("course", course.id()));

    enrollments().stream().filter(p -> p.enrollment().course().equals(course)).forEach(p -> assertThat(html)
        .contains("<td>" + p.enrollment().learner().username() + "</td><td>"
            + String.format(Locale.ROOT, "%.1f%%", 100 * round(p.grade())) + "</td>"));
  }

  @Test
  void theStudentViewShowsGradeTimeAndAChapterChart() {
    Progress progress = enrollments().stream().filter(p -> p.grade() > 0).findFirst().orElseThrow();
    JsonObject student = student(progress);

    String html = kit.view("progress", "student", Map.of("user", progress.enrollment().learner().username()));

    assertThat(html).contains(progress.enrollment().course().id())
        .contains(String.format(Locale.ROOT, "%.1f%%", 100 * round(progress.grade())))
        .contains("<strong class=\"chapters\">" + student.getInteger("chapters_completed") + "</strong>");
    JsonArray completion = ViewCharts.first(html).getJsonObject("data").getJsonArray("datasets").getJsonObject(0)
        .getJsonArray("data");
    assertThat(completion).hasSize(progress.enrollment().course().chapters().size());
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
