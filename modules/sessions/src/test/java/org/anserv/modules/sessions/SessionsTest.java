package org.anserv.modules.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.Test;

class SessionsTest {

  private static final Instant START = Instant.parse("2026-10-05T08:00:00Z");

  private static JsonObject event(String user, long minutesAfterStart) {
    return new JsonObject().put("event_type", "play_video").put("event_source", "browser").put("username", user)
        .put("time", START.plusSeconds(minutesAfterStart * 60).toString());
  }

  @Test
  void aPauseOverThirtyMinutesEndsASessionAndTimeBetweenEventsOfASessionCounts() {
    try (ModuleTestKit kit = ModuleTestKit.start(Sessions.class)) {
      // session 1: 0, 10, 25 min (25 minutes spent); pause of 35 min; session 2: 60, 61 (1 minute)
      kit.feed(event("ann", 0), event("ann", 10), event("ann", 25), event("ann", 60), event("ann", 61));
      assertThat(kit.query("sessions", "learner", Map.of("user", "ann"))).isEqualTo(new JsonObject()
          .put("user", "ann").put("sessions", 2L).put("minutes", 26.0).put("events", 5L)
          .put("first", "2026-10-05T08:00:00Z").put("last", "2026-10-05T09:01:00Z"));
      assertThat(kit.query("sessions", "learner", Map.of("user", "nobody"))).isEqualTo(new JsonObject()
          .put("user", "nobody").put("sessions", 0L).put("minutes", 0.0).put("events", 0L).putNull("first")
          .putNull("last"));
    }
  }

  @Test
  void aLateEventIsCountedWithoutReopeningASession() {
    JsonObject known = Sessions.next(Sessions.next(null, "ann", 600_000), "ann", 900_000);
    JsonObject late = Sessions.next(known, "ann", 0);
    assertThat(late.getLong("events")).isEqualTo(3L);
    assertThat(late.getLong("first")).isZero();
    assertThat(late.getLong("last")).isEqualTo(900_000L);
    assertThat(late.getLong("sessions")).isEqualTo(1L);
    assertThat(late.getLong("seconds")).isEqualTo(300L);
  }

  @Test
  void splitIntoShardsItGivesTheSameAnswersAsWhole() {
    List<JsonObject> events = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      // 40 learners, each seen every ~17 minutes with a long pause now and then
      events.add(event("learner" + (i % 40), i / 40 * 17 + (i % 7 == 0 ? 45 : 0) + i % 40));
    }
    try (ModuleTestKit whole = ModuleTestKit.start(Sessions.class);
        ModuleTestKit sharded = ModuleTestKit.sharded(4, Sessions.class)) {
      whole.feed(events);
      sharded.feed(events);
      JsonObject totals = (JsonObject) whole.query("sessions", "totals");
      assertThat(totals.getLong("learners")).isEqualTo(40L);
      assertThat(totals.getLong("events")).isEqualTo(600L);
      assertThat(sharded.query("sessions", "totals")).isEqualTo(totals);
      for (int learner = 0; learner < 40; learner++) {
        Map<String, String> params = Map.of("user", "learner" + learner);
        assertThat(sharded.query("sessions", "learner", params)).isEqualTo(whole.query("sessions", "learner", params));
      }
      assertThat(sharded.schema().getJsonArray("modules").getJsonObject(0).getJsonObject("shards")
          .getInteger("count")).isEqualTo(4);
    }
  }
}
