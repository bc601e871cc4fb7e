package org.anserv.modules.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.anserv.testkit.CallFailedException;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivityTest {

  private static final String COURSE = "course-v1:Org+Course+Run";

  private ModuleTestKit kit;
  private long fed;

  @BeforeEach
  void start() {
    kit = ModuleTestKit.start(Activity.class);
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  private static JsonObject event(String user, String course, String time) {
    JsonObject event = new JsonObject().put("event_type", "play_video").put("event_source", "browser")
        .put("time", time).put("context", new JsonObject());
    if (course != null) {
      event.getJsonObject("context").put("course_id", course);
    }
    return user == null ? event : event.put("username", user);
  }

  // The handler is batched: wait until it counted everything fed so far.
  private void feed(JsonObject... events) throws InterruptedException {
    kit.feed(events);
    fed += events.length;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (((JsonObject) kit.query("activity", "events")).getLong("events") < fed) {
      assertThat(System.nanoTime()).as("events counted within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private JsonObject query(String name, Map<String, String> params) {
    return (JsonObject) kit.query("activity", name, params);
  }

  @Test
  void countsAStudentOncePerDayAndWeekEvenWhenEventsArriveLate() throws InterruptedException {
    feed(event("ann", COURSE, "2026-02-03T10:00:00Z"), event("bob", COURSE, "2026-02-02T09:00:00Z"));
    feed(event("ann", COURSE, "2026-02-02T23:59:59Z"), event("ann", COURSE, "2026-02-03T11:00:00Z"),
        event("bob", COURSE, "2026-02-02T12:00:00Z"));

    assertThat(query("active-per-day", Map.of("course", COURSE)).getJsonObject("days"))
        .isEqualTo(new JsonObject().put("2026-02-02", 2).put("2026-02-03", 1));
    assertThat(query("active-per-week", Map.of("course", COURSE)).getJsonObject("weeks"))
        .isEqualTo(new JsonObject().put("2026-W06", 2));
    JsonObject ann = query("last-seen", Map.of("user", "ann"));
    assertThat(ann.getLong("events")).isEqualTo(3);
    assertThat(ann.getString("first")).isEqualTo("2026-02-02T23:59:59Z");
    assertThat(ann.getString("last")).isEqualTo("2026-02-03T11:00:00Z");
  }

  @Test
  void fillsDaysAndWeeksWithoutActivityWithZerosAcrossTheNewYear() throws InterruptedException {
    feed(event("ann", COURSE, "2025-12-22T10:00:00Z"), event("ann", COURSE, "2025-12-29T10:00:00Z"),
        event("bob", COURSE, "2026-01-04T10:00:00Z"), event("ann", COURSE, "2026-01-19T10:00:00Z"));

    JsonObject weeks = query("active-per-week", Map.of()).getJsonObject("weeks");
    JsonObject days = query("active-per-day", Map.of()).getJsonObject("days");

    assertThat(weeks).isEqualTo(new JsonObject().put("2025-W52", 1).put("2026-W01", 2).put("2026-W02", 0)
        .put("2026-W03", 0).put("2026-W04", 1));
    assertThat(days.size()).isEqualTo(29);
    assertThat(days.getLong("2025-12-23")).isZero();
    assertThat(days.getLong("2026-01-04")).isEqualTo(1);
  }

  @Test
  void countsEventsWithoutACourseInAllCoursesOnlyAndEventsWithoutAUserAsNoStudent() throws InterruptedException {
    feed(event("ann", null, "2026-02-02T10:00:00Z"), event(null, COURSE, "2026-02-02T10:00:01Z"),
        event("bob", COURSE, "2026-02-02T10:00:02Z"));

    JsonObject events = query("events", Map.of());
    assertThat(events.getLong("events")).isEqualTo(3);
    assertThat(events.getLong("students")).isEqualTo(2);
    assertThat(events.getJsonObject("courses")).isEqualTo(new JsonObject().put(COURSE, 2));
    assertThat(query("course", Map.of("course", COURSE)).getLong("students")).isEqualTo(1);
    assertThat(query("active-per-day", Map.of()).getJsonObject("days").getLong("2026-02-02")).isEqualTo(2);
    assertThat(query("active-per-day", Map.of("course", COURSE)).getJsonObject("days").getLong("2026-02-02"))
        .isEqualTo(1);
  }

  @Test
  void countsRecentStudentsBackFromTheLatestEventNotTheClock() throws InterruptedException {
    feed(event("ann", COURSE, "2026-02-02T10:00:00Z"), event("bob", COURSE, "2026-02-02T09:59:00.001Z"),
        event("cid", COURSE, "2026-02-02T09:59:00Z"), event("dan", COURSE, "2026-02-01T10:00:00.001Z"),
        event("eve", COURSE, "2026-01-26T10:00:00.001Z"), event("fay", COURSE, "2026-01-26T10:00:00Z"));

    JsonObject recent = query("recent", Map.of());

    assertThat(recent).isEqualTo(new JsonObject().put("course", "").put("now", "2026-02-02T10:00:00Z")
        .put("minute", 2).put("hour", 3).put("day", 4).put("week", 5));
  }

  @Test
  void answersEmptyFiguresForUnknownCoursesAndUsers() throws InterruptedException {
    assertThat(query("recent", Map.of()).getValue("now")).isNull();
    feed(event("ann", COURSE, "2026-02-02T10:00:00Z"));

    assertThat(query("course", Map.of("course", "nope"))).isEqualTo(new JsonObject().put("course", "nope")
        .put("events", 0).put("students", 0).putNull("last"));
    assertThat(query("active-per-day", Map.of("course", "nope")).getJsonObject("days")).isEmpty();
    assertThat(query("last-seen", Map.of("user", "nobody"))).isEqualTo(new JsonObject().put("user", "nobody")
        .put("events", 0).putNull("first").putNull("last").put("courses", new JsonArray()));
    assertThat((JsonArray) kit.query("activity", "course-last-seen", Map.of("course", "nope"))).isEmpty();
  }

  @Test
  void refusesALimitOutOfRangeSayingWhichRangeIsAllowed() throws InterruptedException {
    assertThatThrownBy(() -> kit.query("activity", "students", Map.of("limit", "0")))
        .isInstanceOf(CallFailedException.class).hasMessageContaining("limit must be from 1 to 10000, was 0");
  }

  @Test
  void escapesUsernamesInViews() throws InterruptedException {
    feed(event("<b>x</b>", COURSE, "2026-02-02T10:00:00Z"));

    String student = kit.view("activity", "student", Map.of("user", "<b>x</b>"));
    String course = kit.view("activity", "course-activity", Map.of("course", COURSE));

    assertThat(student).contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x");
    assertThat(course).contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x");
  }

  @Test
  void marksPerStudentViewsAndQueriesAsStudentAndPickListsAsGlobal() throws InterruptedException {
    JsonObject module = kit.schema().getJsonArray("modules").getJsonObject(0);
    Map<String, String> categories = new java.util.TreeMap<>();
    for (String kind : new String[] {"views", "queries"}) {
      module.getJsonArray(kind).forEach(m -> categories.put(kind + ":" + ((JsonObject) m).getString("name"),
          ((JsonObject) m).getString("category")));
    }

    assertThat(categories).containsEntry("views:student", "student").containsEntry("queries:last-seen", "student")
        .containsEntry("queries:courses", "global").containsEntry("queries:students", "global")
        .containsEntry("views:course-activity", "course").containsEntry("views:logins", "global")
        .containsEntry("views:overview", "global");
  }
}
