package org.anserv.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.anserv.api.Event;
import org.anserv.api.Source;
import org.anserv.api.event.NavigationAction;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.VideoAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The true figures agree with a naive recount of the events through the event userspace. */
class TruthTest {

  private static JsonObject truth;
  private static final Map<String, Course> courses = new TreeMap<>();
  private static final Map<String, Long> eventsPerUser = new TreeMap<>();
  private static long total;

  @BeforeAll
  static void recount() {
    DemoWorld world = DemoWorld.generate(DemoSpec.defaults());
    for (Iterator<JsonObject> it = world.events(); it.hasNext(); ) {
      Event event = Event.of(it.next());
      total++;
      eventsPerUser.merge(event.username().orElseThrow(), 1L, Long::sum);
      courses.computeIfAbsent(event.courseId().orElseThrow(), c -> new Course()).add(event);
    }
    truth = world.truth();
  }

  @Test
  void countsEveryEventAndEveryUser() {
    assertThat(truth.getLong("events")).isEqualTo(total);
    assertThat(truth.getJsonObject("events_per_user").getMap()).isEqualTo(new TreeMap<>(eventsPerUser));
    assertThat(truth.getJsonObject("courses").fieldNames()).containsExactlyInAnyOrderElementsOf(courses.keySet());
  }

  @Test
  void enrollmentFiguresMatchTheEnrollmentEvents() {
    courses.forEach((id, course) -> {
      JsonObject figures = truth.getJsonObject("courses").getJsonObject(id);
      assertThat(figures.getLong("events")).isEqualTo(course.events);
      assertThat(figures.getInteger("students")).isEqualTo(course.students.size());
      assertThat(figures.getInteger("enrollments_active_at_end")).isEqualTo(course.modes.size());
      JsonObject modes = figures.getJsonObject("modes_at_end");
      for (String mode : modes.fieldNames()) {
        assertThat(modes.getLong(mode)).as(mode)
            .isEqualTo(course.modes.values().stream().filter(mode::equals).count());
      }
    });
  }

  @Test
  void activeStudentsPerDayMatch() {
    courses.forEach((id, course) -> {
      JsonObject days = truth.getJsonObject("courses").getJsonObject(id).getJsonObject("active_students_per_day");
      assertThat(days.size()).isEqualTo(30);
      days.forEach(day -> assertThat(day.getValue()).as(id + " " + day.getKey())
          .isEqualTo(course.activeByDay.getOrDefault(day.getKey(), Set.of()).size()));
    });
  }

  @Test
  void videoPlaysAndViewersMatch() {
    courses.forEach((id, course) -> {
      JsonObject videos = truth.getJsonObject("courses").getJsonObject(id).getJsonObject("videos");
      long plays = 0;
      for (String key : videos.fieldNames()) {
        JsonObject video = videos.getJsonObject(key);
        String block = video.getString("block_id");
        assertThat(video.getLong("plays")).as(key).isEqualTo(course.plays.getOrDefault(block, 0L));
        assertThat(video.getInteger("viewers")).as(key)
            .isEqualTo(course.viewers.getOrDefault(block, Set.of()).size());
        plays += video.getLong("plays");
      }
      assertThat(plays).isPositive();
    });
  }

  @Test
  void firstAttemptCorrectnessMatches() {
    courses.forEach((id, course) -> {
      JsonObject figures = truth.getJsonObject("courses").getJsonObject(id);
      JsonObject problems = figures.getJsonObject("problems");
      for (String key : problems.fieldNames()) {
        long[] counts = course.firstAttempts.getOrDefault(key, new long[2]);
        assertThat(problems.getJsonObject(key).getLong("first_attempts")).as(key).isEqualTo(counts[0]);
        assertThat(problems.getJsonObject(key).getLong("first_attempt_correct")).as(key).isEqualTo(counts[1]);
      }
      assertThat(figures.getLong("first_attempts")).isPositive();
    });
  }

  @Test
  void gradeDistributionMatchesTheLastGradeOfEveryProblem() {
    courses.forEach((id, course) -> {
      JsonObject figures = truth.getJsonObject("courses").getJsonObject(id);
      JsonObject problems = figures.getJsonObject("problems");
      int possible = problems.fieldNames().stream().mapToInt(k -> problems.getJsonObject(k).getInteger("max_grade"))
          .sum();
      long[] buckets = new long[10];
      for (long student : course.students) {
        double points = course.lastGrades.getOrDefault(student, Map.of()).values().stream()
            .mapToDouble(Double::doubleValue).sum();
        buckets[Math.min(9, (int) Math.floor(points / possible * 10))]++;
      }
      JsonArray expected = new JsonArray();
      for (long bucket : buckets) {
        expected.add(bucket);
      }
      assertThat(figures.getJsonArray("grade_distribution")).isEqualTo(expected);
    });
  }

  @Test
  void navigationHappens() {
    assertThat(courses.values()).allSatisfy(course -> assertThat(course.navigation).isPositive());
  }

  /** A course's figures, recounted from its events alone. */
  private static final class Course {

    long events;
    long navigation;
    final Set<Long> students = new HashSet<>();
    final Map<Long, String> modes = new HashMap<>();
    final Map<String, Set<String>> activeByDay = new HashMap<>();
    final Map<String, Long> plays = new HashMap<>();
    final Map<String, Set<String>> viewers = new HashMap<>();
    final Map<String, long[]> firstAttempts = new HashMap<>();
    final Map<Long, Map<String, Double>> lastGrades = new HashMap<>();

    void add(Event event) {
      events++;
      String user = event.username().orElseThrow();
      activeByDay.computeIfAbsent(event.time().orElseThrow().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
          d -> new HashSet<>()).add(user);
      event.enrollment().ifPresent(enrollment -> {
        long id = enrollment.userId().orElseThrow();
        switch (enrollment.action()) {
          case ACTIVATED -> {
            students.add(id);
            modes.put(id, enrollment.mode().orElseThrow());
          }
          case MODE_CHANGED -> modes.put(id, enrollment.mode().orElseThrow());
          case DEACTIVATED -> modes.remove(id);
          default -> { }
        }
      });
      event.video().filter(video -> video.action() == VideoAction.PLAY).ifPresent(video -> {
        plays.merge(video.blockId().orElseThrow(), 1L, Long::sum);
        viewers.computeIfAbsent(video.blockId().orElseThrow(), v -> new HashSet<>()).add(user);
      });
      event.navigation().filter(nav -> nav.action() != NavigationAction.OTHER).ifPresent(nav -> navigation++);
      event.problem()
          .filter(p -> p.action() == ProblemAction.CHECK && event.source().orElseThrow() == Source.SERVER)
          .ifPresent(problem -> {
            String key = problem.problemId().orElseThrow();
            if (problem.attempts().orElseThrow() == 1) {
              long[] counts = firstAttempts.computeIfAbsent(key, k -> new long[2]);
              counts[0]++;
              counts[1] += problem.correct().orElseThrow() ? 1 : 0;
            }
            lastGrades.computeIfAbsent(event.userId().orElseThrow(), u -> new HashMap<>())
                .put(key, problem.grade().orElseThrow());
          });
    }
  }
}
