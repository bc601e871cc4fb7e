package org.anserv.modules.atrisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.api.Cron;
import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
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
 * Feeds the demo world and compares the at-risk list with a plain recount over the events; checks that the signals
 * travel as events emitted by {@code at-risk} (seen by a second module), and that grades come from a module named
 * {@code progress} over the event bus, or are null without one.
 */
@TestInstance(Lifecycle.PER_CLASS)
class AtRiskTest {

  private static final DemoSpec SPEC = new DemoSpec(7, 1, 60, 14, LocalDate.of(2026, 2, 2));
  private static final String COURSE = "course-v1:Org+Course+Run";
  private static final AtomicInteger BARRIERS = new AtomicInteger();

  private List<JsonObject> events;
  private String course;
  private ModuleTestKit kit;

  /** Another module subscribed to the signals: it sees them as any consumer would. */
  @Module(name = "observer")
  public static class Observer {
    @EventHandler(types = "anserv.atrisk.")
    public Future<String> saw(Event event, Db db) {
      return db.collection("seen").insert(new JsonObject().put("type", event.type())
          .put("emitter", event.origin().emittingModule().orElse(null)).put("hops", event.origin().hops())
          .put("user", event.username().orElse(null)).put("course", event.courseId().orElse(null))
          .put("problem", event.payloadText("problem_id").orElse(null))
          .put("last_active", event.payloadText("last_active").orElse(null)));
    }
  }

  /**
   * The module as shipped, plus its hourly search run every second once a test arms it: the tests need not wait an
   * hour, and the search runs only after the whole world was fed.
   */
  @Module(name = "at-risk")
  public static class AtRiskOnDemand extends AtRisk {
    static volatile boolean armed;

    @Cron(every = "1s")
    public void flagInactiveWhenArmed(Db db, Emitter emitter) {
      if (armed) {
        flagInactive(db, emitter);
      }
    }
  }

  /** Stands in for the progress module: a grade made from the username, so the test knows it. */
  @Module(name = "progress")
  public static class FakeProgress {
    @Query
    public JsonObject student(@Param("user") String user, @Param("course") String course) {
      return new JsonObject().put("grade", user.length() / 100.0).put("time_on_task_seconds", 0)
          .put("last_active", null).put("chapters_completed", 0);
    }
  }

  @BeforeAll
  void feedTheWorld() {
    DemoWorld world = DemoWorld.generate(SPEC);
    events = new ArrayList<>();
    world.events().forEachRemaining(events::add);
    course = world.courses().getFirst().id();
    kit = ModuleTestKit.start(AtRiskOnDemand.class, Observer.class);
    feed(kit, events);
  }

  @AfterAll
  void stop() {
    AtRiskOnDemand.armed = false;
    if (kit != null) {
      kit.close();
    }
  }

  /** Feeds in chunks, then a barrier: its answer comes after every event logged before it, emitted ones too. */
  private static void feed(ModuleTestKit kit, List<JsonObject> events) {
    kit.feed(events);
    barrier(kit);
  }

  private static void barrier(ModuleTestKit kit) {
    kit.feed(new JsonObject().put("event_type", "test.barrier").put("event", new JsonObject()
        .put("n", BARRIERS.incrementAndGet())));
  }

  /** Per user, the problems on which a third incorrect server check in a row happened; and how many times. */
  private record Recount(Map<String, TreeSet<String>> problems, int signals) {

    static Recount of(List<JsonObject> events, String course) {
      Map<String, Integer> inARow = new HashMap<>();
      Map<String, TreeSet<String>> problems = new TreeMap<>();
      int signals = 0;
      for (JsonObject event : events) {
        if (!"problem_check".equals(event.getString("event_type")) || !"server".equals(event.getString("event_source"))
            || !course.equals(event.getJsonObject("context").getString("course_id"))) {
          continue;
        }
        JsonObject payload = event.getJsonObject("event");
        String user = event.getString("username");
        String key = user + " " + payload.getString("problem_id");
        if ("correct".equals(payload.getString("success"))) {
          inARow.put(key, 0);
        } else if (inARow.merge(key, 1, Integer::sum) == 3) {
          problems.computeIfAbsent(user, u -> new TreeSet<>()).add(payload.getString("problem_id"));
          signals++;
        }
      }
      return new Recount(problems, signals);
    }
  }

  private static Map<String, TreeSet<String>> failedProblems(JsonArray students) {
    Map<String, TreeSet<String>> failed = new TreeMap<>();
    for (Object entry : students) {
      JsonObject student = (JsonObject) entry;
      for (Object reason : student.getJsonArray("reasons")) {
        if (((JsonObject) reason).getString("reason").equals("failed_attempts")) {
          TreeSet<String> problems = new TreeSet<>();
          ((JsonObject) reason).getJsonArray("problems").forEach(p -> problems.add((String) p));
          failed.put(student.getString("user"), problems);
        }
      }
    }
    return failed;
  }

  @Test
  void failedAttemptReasonsEqualARecountOfTheEvents() {
    Recount expected = Recount.of(events, course);
    assertThat(expected.problems()).as("the demo world has students failing in a row").hasSizeGreaterThan(3);

    JsonArray students = (JsonArray) kit.query("at-risk", "students", Map.of("course", course));

    assertThat(failedProblems(students)).isEqualTo(expected.problems());
    assertThat(students.stream().map(s -> ((JsonObject) s).getValue("grade"))).containsOnlyNulls();
  }

  @Test
  void signalsAreEventsEmittedByAtRiskThatOtherModulesReceive() {
    Recount expected = Recount.of(events, course);

    List<Object> seen = signals(Signals.FAILED_ATTEMPTS);

    assertThat(seen).hasSize(expected.signals());
    for (Object entry : seen) {
      JsonObject signal = (JsonObject) entry;
      assertThat(signal.getString("type")).isEqualTo(Signals.FAILED_ATTEMPTS);
      assertThat(signal.getString("emitter")).isEqualTo("at-risk");
      assertThat(signal.getInteger("hops")).isEqualTo(1);
      assertThat(expected.problems().get(signal.getString("user"))).contains(signal.getString("problem"));
    }
  }

  @Test
  void studentsViewShowsEveryStudentWithReasonsAndSaysGradesNeedProgress() {
    Recount expected = Recount.of(events, course);

    String html = kit.view("at-risk", "students", Map.of("course", course));

    expected.problems().forEach((user, problems) -> assertThat(html)
        .contains("<td>" + user + "</td><td><ul><li>3 incorrect attempts in a row on " + problems.size()
            + " problem(s)</li>"));
    assertThat(html).contains("Grades need the progress module: No module named &#x27;progress&#x27; is deployed.");
  }

  @Test
  void unknownCourseHasNoStudentsAtRisk() {
    assertThat((JsonArray) kit.query("at-risk", "students", Map.of("course", "course-v1:No+Such+Run"))).isEmpty();
    assertThat(kit.view("at-risk", "students", Map.of("course", "course-v1:No+Such+Run")))
        .contains("No student at risk in this course.");
  }

  @Test
  void enrolledStudentsQuietForSevenDaysBeforeTheLatestActivityAreFlaggedOnce() throws Exception {
    Map<String, String> expected = quietStudents();
    assertThat(expected).as("the demo world has quiet students").hasSizeGreaterThan(3);

    AtRiskOnDemand.armed = true;
    awaitSignals(Signals.INACTIVE, expected.size());
    Thread.sleep(2_500); // two more runs, which must find nobody new
    barrier(kit);

    assertThat(signals(Signals.INACTIVE)).hasSize(expected.size());
    Map<String, String> flagged = new TreeMap<>();
    for (Object entry : (JsonArray) kit.query("at-risk", "students", Map.of("course", course))) {
      JsonObject student = (JsonObject) entry;
      student.getJsonArray("reasons").stream().map(JsonObject.class::cast)
          .filter(r -> r.getString("reason").equals("inactive"))
          .forEach(r -> flagged.put(student.getString("user"), r.getString("last_active")));
    }
    assertThat(flagged).isEqualTo(expected);
  }

  /** Enrolled users whose last event in the course is 7 days or more before the last event of anyone in it. */
  private Map<String, String> quietStudents() {
    long latest = 0;
    Map<String, Long> last = new HashMap<>();
    Map<String, Boolean> enrolled = new HashMap<>();
    for (JsonObject event : events) {
      long time = OffsetDateTime.parse(event.getString("time")).toInstant().toEpochMilli();
      String user = event.getString("username");
      if (user != null && course.equals(event.getJsonObject("context").getString("course_id"))) {
        latest = Math.max(latest, time);
        last.merge(user, time, Math::max);
        String type = event.getString("event_type");
        if (type.equals("edx.course.enrollment.activated") || type.equals("edx.course.enrollment.deactivated")) {
          enrolled.put(user, type.endsWith(".activated"));
        }
      }
    }
    long cutoff = latest - Duration.ofDays(7).toMillis();
    Map<String, String> quiet = new TreeMap<>();
    last.forEach((user, time) -> {
      if (time <= cutoff && enrolled.getOrDefault(user, true)) {
        quiet.put(user, Instant.ofEpochMilli(time).toString());
      }
    });
    return quiet;
  }

  private void awaitSignals(String type, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (signals(type).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private List<Object> signals(String type) {
    return kit.documents("observer", "seen").stream()
        .filter(s -> ((JsonObject) s).getString("type").equals(type)).toList();
  }

  @Nested
  class Chaining {

    private JsonObject check(String user, int second, boolean correct) {
      return new JsonObject().put("event_type", "problem_check").put("event_source", "server").put("username", user)
          .put("time", "2026-03-02T10:00:" + String.format("%02d", second) + ".000000+00:00")
          .put("context", new JsonObject().put("course_id", COURSE))
          .put("event", new JsonObject().put("problem_id", "block-v1:Org+Course+Run+type@problem+block@p1")
              .put("success", correct ? "correct" : "incorrect").put("attempts", second + 1));
    }

    @Test
    void gradesComeFromTheProgressModuleOverTheEventBus() {
      try (ModuleTestKit withProgress = ModuleTestKit.start(AtRisk.class, FakeProgress.class)) {
        withProgress.feed(check("ann", 0, false), check("ann", 1, false), check("ann", 2, false));
        barrier(withProgress);

        JsonArray students = (JsonArray) withProgress.query("at-risk", "students", Map.of("course", COURSE));

        assertThat(students).containsExactly(new JsonObject().put("user", "ann")
            .put("reasons", new JsonArray().add(new JsonObject().put("reason", "failed_attempts")
                .put("problems", new JsonArray().add("block-v1:Org+Course+Run+type@problem+block@p1"))))
            .put("grade", 0.03));
        assertThat(withProgress.view("at-risk", "students", Map.of("course", COURSE)))
            .contains("<td>3%</td>").doesNotContain("Grades need the progress module");
      }
    }

    @Test
    void aCorrectCheckEndsTheRunOfIncorrectOnes() {
      try (ModuleTestKit alone = ModuleTestKit.start(AtRisk.class)) {
        alone.feed(check("ann", 0, false), check("ann", 1, false), check("ann", 2, true), check("ann", 3, false),
            check("ann", 4, false),
            check("bob", 0, false), check("bob", 1, false), check("bob", 2, true), check("bob", 3, false),
            check("bob", 4, false), check("bob", 5, false), check("bob", 6, false));
        barrier(alone);

        JsonArray students = (JsonArray) alone.query("at-risk", "students", Map.of("course", COURSE));

        assertThat(students.stream().map(s -> ((JsonObject) s).getString("user"))).containsExactly("bob");
      }
    }

    @Test
    void signalsSentFromOutsideAnservAreNotTrusted() {
      try (ModuleTestKit alone = ModuleTestKit.start(AtRisk.class)) {
        alone.feed(new JsonObject().put("event_type", Signals.FAILED_ATTEMPTS).put("username", "mallory")
            .put("context", new JsonObject().put("course_id", COURSE))
            .put("event", new JsonObject().put("problem_id", "p1")));

        assertThat((JsonArray) alone.query("at-risk", "students", Map.of("course", COURSE))).isEmpty();
      }
    }
  }
}
