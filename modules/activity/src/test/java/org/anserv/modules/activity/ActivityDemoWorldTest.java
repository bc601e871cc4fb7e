package org.anserv.modules.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds a small demo world and checks every query against the generator's true figures, or, where the truth has no
 * such figure, against a naive recount over the generated events written here with plain loops and no module code.
 */
class ActivityDemoWorldTest {

  private static final DemoSpec SPEC = new DemoSpec(7, 1, 60, 14, LocalDate.of(2026, 2, 2));

  private static ModuleTestKit kit;
  private static JsonObject truth;
  private static Recount recount;

  @BeforeAll
  static void feedTheWorld() {
    DemoWorld world = DemoWorld.generate(SPEC);
    List<JsonObject> events = new ArrayList<>();
    world.events().forEachRemaining(events::add);
    truth = world.truth();
    recount = new Recount(events);
    kit = ModuleTestKit.start(Activity.class);
    kit.feed(events);
    awaitAllCounted(events.size());
  }

  // The handler is batched: it runs after the feed returns, at most a second later.
  private static void awaitAllCounted(long events) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (((JsonObject) kit.query("activity", "events")).getLong("events") < events) {
      assertThat(System.nanoTime()).as("all events counted within 30 s").isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @AfterAll
  static void stop() {
    kit.close();
  }

  private static JsonObject courses() {
    return truth.getJsonObject("courses");
  }

  private static String course() {
    return courses().fieldNames().iterator().next();
  }

  @Test
  void countsEventsInTotalAndPerCourseAsTheTruth() {
    JsonObject events = (JsonObject) kit.query("activity", "events");

    assertThat(events.getLong("events")).isEqualTo(truth.getLong("events"));
    assertThat(events.getLong("students")).isEqualTo(recount.lastSeen.size());
    assertThat(events.getString("now")).isEqualTo(Instant.ofEpochMilli(recount.now).toString());
    JsonObject expected = new JsonObject();
    courses().forEach(c -> expected.put(c.getKey(), ((JsonObject) c.getValue()).getLong("events")));
    assertThat(events.getJsonObject("courses")).isEqualTo(expected);
  }

  @Test
  void summarisesOneCourseAsTheTruth() {
    JsonObject course = (JsonObject) kit.query("activity", "course", Map.of("course", course()));

    assertThat(course.getLong("events")).isEqualTo(courses().getJsonObject(course()).getLong("events"));
    assertThat(course.getLong("students")).isEqualTo(recount.studentsIn.get(course()).size());
    assertThat(course.getString("last")).isEqualTo(Instant.ofEpochMilli(recount.now).toString());
  }

  @Test
  void countsActiveStudentsPerDayInTheCourseAsTheTruth() {
    JsonObject days = ((JsonObject) kit.query("activity", "active-per-day", Map.of("course", course())))
        .getJsonObject("days");

    assertThat(days).isEqualTo(withoutLeadingAndTrailingZeros(
        courses().getJsonObject(course()).getJsonObject("active_students_per_day")));
    assertThat(days.size()).as("a day of the demo had activity").isGreaterThan(7);
  }

  @Test
  void countsActiveStudentsPerDayInAllCoursesAsARecount() {
    JsonObject days = ((JsonObject) kit.query("activity", "active-per-day")).getJsonObject("days");

    assertThat(days).isEqualTo(recount.series(recount.activeByDay.get(Activity.ALL), false));
  }

  @Test
  void countsActiveStudentsPerIsoWeekAsARecount() {
    JsonObject inCourse = ((JsonObject) kit.query("activity", "active-per-week", Map.of("course", course())))
        .getJsonObject("weeks");
    JsonObject inAll = ((JsonObject) kit.query("activity", "active-per-week")).getJsonObject("weeks");

    assertThat(inCourse).isEqualTo(recount.series(recount.activeByWeek.get(course()), true));
    assertThat(inAll).isEqualTo(recount.series(recount.activeByWeek.get(Activity.ALL), true));
    assertThat(inAll.fieldNames()).contains("2026-W06", "2026-W07");
  }

  @Test
  void tellsEveryStudentsEventsAndFirstAndLastSeen() {
    JsonObject perUser = truth.getJsonObject("events_per_user");
    for (String user : perUser.fieldNames()) {
      JsonObject seen = (JsonObject) kit.query("activity", "last-seen", Map.of("user", user));

      assertThat(seen.getLong("events")).as(user).isEqualTo(perUser.getLong(user));
      assertThat(seen.getString("first")).as(user).isEqualTo(iso(recount.firstSeen.get(user)));
      assertThat(seen.getString("last")).as(user).isEqualTo(iso(recount.lastSeen.get(user)));
      JsonObject inCourse = seen.getJsonArray("courses").getJsonObject(0);
      assertThat(inCourse.getString("course")).isEqualTo(course());
      assertThat(inCourse.getLong("events")).isEqualTo(perUser.getLong(user));
    }
  }

  @Test
  void listsACoursesStudentsMostRecentlySeenFirst() {
    JsonArray list = (JsonArray) kit.query("activity", "course-last-seen", Map.of("course", course(), "limit", "10"));

    List<String> expected = recount.lastSeen.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(10).map(Map.Entry::getKey).toList();
    assertThat(list.stream().map(e -> ((JsonObject) e).getString("user")).toList()).isEqualTo(expected);
    assertThat(list.getJsonObject(0).getString("last")).isEqualTo(iso(recount.now));
  }

  @Test
  void countsStudentsActiveInTheLastMinuteHourDayAndWeekBeforeTheLatestEvent() {
    JsonObject recent = (JsonObject) kit.query("activity", "recent");

    assertThat(recent.getString("now")).isEqualTo(iso(recount.now));
    assertThat(recent.getLong("minute")).isEqualTo(recount.activeWithin(60_000L));
    assertThat(recent.getLong("hour")).isEqualTo(recount.activeWithin(3_600_000L));
    assertThat(recent.getLong("day")).isEqualTo(recount.activeWithin(86_400_000L));
    assertThat(recent.getLong("week")).isEqualTo(recount.activeWithin(7 * 86_400_000L));
    assertThat(recent.getLong("week")).as("the windows differ on this world").isGreaterThan(recent.getLong("day"));
    assertThat(recent.getLong("minute")).isGreaterThanOrEqualTo(1L);
  }

  @Test
  void fillsThePickListsWithTheCoursesAndStudentsSeen() {
    assertThat((JsonArray) kit.query("activity", "courses")).containsExactly(course());
    JsonArray students = (JsonArray) kit.query("activity", "students");
    assertThat(students.getList()).isEqualTo(new ArrayList<>(new TreeMap<>(recount.lastSeen).keySet()));
  }

  @Test
  void viewsShowTheFigures() {
    String overview = kit.view("activity", "overview", Map.of());
    String course = kit.view("activity", "course-activity", Map.of("course", course()));
    String user = truth.getJsonObject("events_per_user").fieldNames().iterator().next();
    String student = kit.view("activity", "student", Map.of("user", user));
    String logins = kit.view("activity", "logins", Map.of());

    assertThat(overview).contains("<strong class=\"events\">" + truth.getLong("events") + "</strong>")
        .contains("data-chart=\"");
    assertThat(course).contains("<strong class=\"events\">" + courses().getJsonObject(course()).getLong("events"))
        .contains("Students active per ISO week").containsPattern("data-chart=\"[^\"]*2026-W06");
    assertThat(student).contains("<strong class=\"events\">" + truth.getJsonObject("events_per_user").getLong(user))
        .contains(iso(recount.lastSeen.get(user)));
    assertThat(logins).contains("<td class=\"week\">" + recount.activeWithin(7 * 86_400_000L) + "</td>");
  }

  private static JsonObject withoutLeadingAndTrailingZeros(JsonObject days) {
    List<String> active = days.fieldNames().stream().filter(d -> days.getLong(d) > 0).sorted().toList();
    JsonObject kept = new JsonObject();
    days.fieldNames().stream().sorted()
        .filter(d -> d.compareTo(active.getFirst()) >= 0 && d.compareTo(active.getLast()) <= 0)
        .forEach(d -> kept.put(d, days.getLong(d)));
    return kept;
  }

  private static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  /** The figures recounted the plainest way from the events themselves. */
  private static final class Recount {

    final Map<String, Map<String, Set<String>>> activeByDay = new HashMap<>();
    final Map<String, Map<String, Set<String>>> activeByWeek = new HashMap<>();
    final Map<String, Set<String>> studentsIn = new HashMap<>();
    final Map<String, Long> firstSeen = new HashMap<>();
    final Map<String, Long> lastSeen = new HashMap<>();
    long now;

    Recount(List<JsonObject> events) {
      for (JsonObject event : events) {
        String user = event.getString("username");
        String course = event.getJsonObject("context").getString("course_id");
        long millis = OffsetDateTime.parse(event.getString("time")).toInstant().toEpochMilli();
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        String week = week(day);
        now = Math.max(now, millis);
        firstSeen.merge(user, millis, Math::min);
        lastSeen.merge(user, millis, Math::max);
        studentsIn.computeIfAbsent(course, c -> new HashSet<>()).add(user);
        for (String scope : List.of(Activity.ALL, course)) {
          activeByDay.computeIfAbsent(scope, s -> new TreeMap<>()).computeIfAbsent(day.toString(),
              d -> new HashSet<>()).add(user);
          activeByWeek.computeIfAbsent(scope, s -> new TreeMap<>()).computeIfAbsent(week, w -> new HashSet<>())
              .add(user);
        }
      }
    }

    static String week(LocalDate day) {
      return day.get(IsoFields.WEEK_BASED_YEAR) + "-W"
          + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    long activeWithin(long millis) {
      return lastSeen.values().stream().filter(last -> last > now - millis).count();
    }

    // From the first period to the last, with zeros where nobody was active.
    JsonObject series(Map<String, Set<String>> byPeriod, boolean weeks) {
      List<String> keys = byPeriod.keySet().stream().sorted().toList();
      LocalDate first = weeks ? LocalDate.parse(keys.getFirst() + "-1", DateTimeFormatter.ISO_WEEK_DATE)
          : LocalDate.parse(keys.getFirst());
      JsonObject series = new JsonObject();
      for (LocalDate date = first; series.size() == 0 || !series.containsKey(keys.getLast());
          date = date.plusDays(1)) {
        String key = weeks ? week(date) : date.toString();
        series.put(key, (long) byPeriod.getOrDefault(key, Set.of()).size());
      }
      return series;
    }
  }
}
