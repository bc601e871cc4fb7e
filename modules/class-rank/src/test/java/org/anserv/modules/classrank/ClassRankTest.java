package org.anserv.modules.classrank;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * Feeds a demo world in which every problem gets submitted (so the grades the events allow are the true ones) and
 * compares ranks with a plain recount over the events, and the distribution with the generator's truth.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ClassRankTest {

  // A world in which every one of the course's problems is submitted by someone (4,193 events).
  private static final DemoSpec SPEC = new DemoSpec(9, 1, 50, 14, LocalDate.of(2026, 2, 2));

  private JsonObject truth;
  private List<JsonObject> events;
  private String course;
  private ModuleTestKit kit;

  @BeforeAll
  void feedTheWorld() {
    DemoWorld world = DemoWorld.generate(SPEC);
    events = new ArrayList<>();
    world.events().forEachRemaining(events::add);
    truth = world.truth();
    course = world.courses().getFirst().id();
    kit = ModuleTestKit.start(ClassRank.class);
    kit.feed(events);
  }

  @AfterAll
  void stop() {
    if (kit != null) {
      kit.close();
    }
  }

  /** Every student's points and the points possible, counted from the raw events. */
  private record Recount(Map<String, Double> points, double possible) {

    static Recount of(List<JsonObject> events, String course) {
      Map<String, Double> held = new HashMap<>();
      Map<String, Double> max = new HashMap<>();
      Map<String, Double> points = new TreeMap<>();
      for (JsonObject event : events) {
        String type = event.getString("event_type");
        if (!course.equals(event.getJsonObject("context").getString("course_id"))) {
          continue;
        }
        String user = event.getString("username");
        if (type.equals("edx.course.enrollment.activated")) {
          points.putIfAbsent(user, 0.0);
        } else if ((type.equals("problem_check") || type.equals("reset_problem"))
            && "server".equals(event.getString("event_source"))) {
          JsonObject payload = event.getJsonObject("event");
          String problem = payload.getString("problem_id");
          points.putIfAbsent(user, 0.0);
          held.put(user + " " + problem, type.equals("reset_problem") ? 0.0 : payload.getDouble("grade"));
          if (type.equals("problem_check")) {
            max.merge(problem, payload.getDouble("max_grade"), Math::max);
          }
        }
      }
      held.forEach((key, grade) -> points.merge(key.substring(0, key.indexOf(' ')), grade, Double::sum));
      return new Recount(points, max.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    double grade(String user) {
      return points.get(user) / possible;
    }
  }

  @Test
  void everyStudentsRankAndPercentileEqualARecount() {
    Recount recount = Recount.of(events, course);
    List<Double> all = new ArrayList<>(recount.points().values());

    for (String user : recount.points().keySet()) {
      double mine = recount.points().get(user);
      long higher = all.stream().filter(p -> p > mine).count();
      long lower = all.stream().filter(p -> p < mine).count();
      long level = all.size() - higher - lower;

      JsonObject rank = (JsonObject) kit.query("class-rank", "rank", Map.of("user", user, "course", course));

      assertThat(rank).isEqualTo(new JsonObject().put("user", user).put("course", course)
          .put("grade", Math.round(recount.grade(user) * 10_000) / 10_000.0)
          .put("rank", higher + 1)
          .put("percentile", Math.round(1000.0 * (lower + 0.5 * level) / all.size()) / 10.0)
          .put("of", (long) all.size()));
    }
  }

  @Test
  void distributionEqualsTheTruth() {
    JsonObject expected = truth.getJsonObject("courses").getJsonObject(course);
    double truePossible = expected.getJsonObject("problems").stream()
        .mapToDouble(p -> ((JsonObject) p.getValue()).getDouble("max_grade")).sum();
    assertThat(Recount.of(events, course).possible()).as("every problem was submitted").isEqualTo(truePossible);

    JsonObject distribution = (JsonObject) kit.query("class-rank", "distribution", Map.of("course", course));

    assertThat(distribution.getLong("students")).isEqualTo(expected.getLong("students"));
    assertThat(distribution.getDouble("points_possible")).isEqualTo(truePossible);
    assertThat(distribution.getDouble("mean_grade")).isEqualTo(expected.getDouble("mean_grade"));
    assertThat(distribution.getJsonArray("grade_distribution")).isEqualTo(expected.getJsonArray("grade_distribution"));
  }

  @Test
  void distributionEqualsARecount() {
    Recount recount = Recount.of(events, course);
    long[] buckets = new long[10];
    double sum = 0;
    for (String user : recount.points().keySet()) {
      buckets[Math.min(9, (int) Math.floor(recount.grade(user) * 10))]++;
      sum += recount.grade(user);
    }

    JsonObject distribution = (JsonObject) kit.query("class-rank", "distribution", Map.of("course", course));

    JsonArray expected = new JsonArray();
    for (long bucket : buckets) {
      expected.add(bucket);
    }
    assertThat(distribution.getJsonArray("grade_distribution")).isEqualTo(expected);
    assertThat(distribution.getDouble("mean_grade"))
        .isEqualTo(Math.round(sum / recount.points().size() * 10_000) / 10_000.0);
  }

  @Test
  void unknownStudentsAndCoursesHaveNoStanding() {
    JsonObject stranger = (JsonObject) kit.query("class-rank", "rank", Map.of("user", "nobody", "course", course));
    JsonObject nowhere =
        (JsonObject) kit.query("class-rank", "distribution", Map.of("course", "course-v1:No+Such+Run"));

    assertThat(stranger.getValue("rank")).isNull();
    assertThat(stranger.getValue("grade")).isNull();
    assertThat(stranger.getLong("of")).isEqualTo(truth.getJsonObject("courses").getJsonObject(course)
        .getLong("students"));
    assertThat(nowhere.getLong("students")).isZero();
    assertThat(nowhere.getValue("mean_grade")).isNull();
    assertThat(nowhere.getJsonArray("grade_distribution")).containsOnly(0L);
  }

  @Test
  void rankViewShowsTheStandingOnTheHistogram() {
    String best = bestStudent();
    JsonObject rank = (JsonObject) kit.query("class-rank", "rank", Map.of("user", best, "course", course));

    String html = kit.view("class-rank", "rank", Map.of("user", best, "course", course));

    assertThat(html).contains("Ranked <strong>1</strong> of <strong>" + rank.getLong("of") + "</strong>, percentile"
        + "\n    <strong>" + rank.getDouble("percentile") + "</strong>");
    assertThat(html).contains("data-chart=\"").contains("#d9534f");
  }

  @Test
  void distributionViewListsTheTopStudentsWithTheirRanks() {
    String best = bestStudent();
    JsonObject distribution = (JsonObject) kit.query("class-rank", "distribution", Map.of("course", course));

    String html = kit.view("class-rank", "distribution", Map.of("course", course, "top", "3"));

    assertThat(html).contains("<strong>" + distribution.getLong("students") + "</strong> students")
        .contains("<tr><td>1</td><td>" + best + "</td>").contains("data-chart=\"");
    assertThat(html.split("<tr><td>", -1)).hasSize(4);
  }

  private String bestStudent() {
    Recount recount = Recount.of(events, course);
    return recount.points().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  @Nested
  class Submissions {

    private JsonObject check(String user, String problem, int second, double grade) {
      return new JsonObject().put("event_type", "problem_check").put("event_source", "server").put("username", user)
          .put("time", "2026-03-02T10:00:" + String.format("%02d", second) + ".000000+00:00")
          .put("context", new JsonObject().put("course_id", "c"))
          .put("event", new JsonObject().put("problem_id", problem).put("grade", grade).put("max_grade", 2.0)
              .put("success", grade == 2 ? "correct" : "incorrect"));
    }

    @Test
    void aNewSubmissionReplacesTheGradeAndResetsZeroIt() {
      try (ModuleTestKit small = ModuleTestKit.start(ClassRank.class)) {
        small.feed(check("ann", "p1", 0, 1), check("ann", "p1", 1, 2), check("ann", "p2", 2, 2),
            check("bob", "p1", 3, 2), check("bob", "p2", 4, 2),
            new JsonObject().put("event_type", "reset_problem").put("event_source", "server").put("username", "bob")
                .put("time", "2026-03-02T10:00:05.000000+00:00").put("context", new JsonObject().put("course_id", "c"))
                .put("event", new JsonObject().put("problem_id", "p2")),
            check("cid", "p1", 6, 0.5));

        assertThat(standing(small, "ann")).containsExactly(1.0, 1L, 83.3);
        assertThat(standing(small, "bob")).containsExactly(0.5, 2L, 50.0);
        assertThat(standing(small, "cid")).containsExactly(0.125, 3L, 16.7);
      }
    }

    private List<Object> standing(ModuleTestKit kit, String user) {
      JsonObject rank = (JsonObject) kit.query("class-rank", "rank", Map.of("user", user, "course", "c"));
      return List.of(rank.getDouble("grade"), rank.getLong("rank"), rank.getDouble("percentile"));
    }

    @Test
    void studentsLevelOnPointsShareTheirRank() {
      try (ModuleTestKit small = ModuleTestKit.start(ClassRank.class)) {
        small.feed(check("ann", "p1", 0, 2), check("bob", "p1", 1, 2), check("cid", "p1", 2, 0));

        assertThat(standing(small, "ann")).containsExactly(1.0, 1L, 66.7);
        assertThat(standing(small, "bob")).containsExactly(1.0, 1L, 66.7);
        assertThat(standing(small, "cid")).containsExactly(0.0, 3L, 16.7);
      }
    }
  }
}
