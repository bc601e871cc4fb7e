package org.anserv.modules.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VideosTest {

  private static final String COURSE = "course-v1:Org+Course+Run";
  private static final String V1 = "block-v1:Org+Course+Run+type@video+block@v1";

  private ModuleTestKit kit;
  private Instant clock = Instant.parse("2026-02-02T10:00:00Z");

  @BeforeEach
  void start() {
    kit = ModuleTestKit.start(Videos.class);
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  /** A browser video event one second after the previous one, its payload as JSON text as browsers send it. */
  private JsonObject event(String user, String session, String type, JsonObject payload) {
    clock = clock.plusSeconds(1);
    return new JsonObject().put("username", user).put("session", session).put("event_type", type)
        .put("event_source", "browser").put("time", clock.toString()).put("event", payload.encode())
        .put("context", new JsonObject().put("course_id", COURSE));
  }

  private JsonObject at(String user, String session, String type, double currentTime) {
    return event(user, session, type, new JsonObject().put("id", "v1").put("currentTime", currentTime)
        .put("duration", 100));
  }

  private JsonObject seek(String user, String session, double from, double to) {
    return event(user, session, "seek_video", new JsonObject().put("id", "v1").put("old_time", from)
        .put("new_time", to).put("type", "onSlideSeek").put("duration", 100));
  }

  private int sentinels;

  // The handler is batched and the module handles one call at a time, so once a play fed last is counted, every
  // event before it has been handled.
  private void feed(JsonObject... events) throws InterruptedException {
    List<JsonObject> all = new ArrayList<>(List.of(events));
    clock = clock.plusSeconds(1);
    all.add(new JsonObject().put("username", "sentinel").put("event_type", "play_video").put("time", clock.toString())
        .put("event", new JsonObject().put("id", "sentinel").put("currentTime", 0).encode()));
    kit.feed(all);
    sentinels++;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (summary("video/sentinel").getLong("views") < sentinels) {
      assertThat(System.nanoTime()).as("events handled within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private JsonObject summary(String video) {
    return (JsonObject) kit.query("video", "summary", Map.of("video", video));
  }

  private JsonArray heat(String video) {
    return ((JsonObject) kit.query("video", "heat-map", Map.of("video", video))).getJsonArray("viewers");
  }

  private void watchTheStory() throws InterruptedException {
    feed(at("ann", "s1", "load_video", 0), at("ann", "s1", "play_video", 0), at("ann", "s1", "pause_video", 30),
        seek("ann", "s1", 30, 60), at("ann", "s1", "play_video", 60),
        at("bob", "s2", "play_video", 0), seek("bob", "s2", 10, 50), at("bob", "s2", "pause_video", 55.4),
        at("ann", "s1", "stop_video", 100), at("bob", "s3", "play_video", 50), at("cid", "s4", "load_video", 0));
  }

  @Test
  void countsViewersViewsWatchTimeCompletionAndDropOffFromSegments() throws InterruptedException {
    watchTheStory();

    assertThat(summary(V1)).isEqualTo(new JsonObject().put("video", V1).put("course", COURSE).put("block_id", "v1")
        .put("duration", 100.0).put("viewers", 2).put("views", 4).put("watch_seconds", 85.4)
        .put("mean_watch_seconds", 42.7).put("completed", 1).put("completion_rate", 0.5)
        .put("drop_off", new JsonArray(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5))));
  }

  @Test
  void mapsDistinctViewersOfEverySecond() throws InterruptedException {
    watchTheStory();
    feed(at("ann", "s5", "play_video", 0), at("ann", "s5", "pause_video", 20));

    List<Long> expected = new ArrayList<>();
    expected.addAll(Collections.nCopies(10, 2L));
    expected.addAll(Collections.nCopies(20, 1L));
    expected.addAll(Collections.nCopies(20, 0L));
    expected.addAll(Collections.nCopies(5, 1L));
    expected.addAll(Collections.nCopies(5, 0L));
    expected.addAll(Collections.nCopies(40, 1L));
    assertThat(heat(V1).getList()).isEqualTo(expected);
  }

  @Test
  void listsAStudentsVideos() throws InterruptedException {
    watchTheStory();

    assertThat((JsonArray) kit.query("video", "student-videos", Map.of("user", "bob"))).containsExactly(
        new JsonObject().put("video", V1).put("course", COURSE).put("plays", 2).put("watch_seconds", 15.4)
            .put("seconds_watched", 15).put("furthest", 55.4).put("completed", false));
    assertThat((JsonArray) kit.query("video", "student-videos", Map.of("user", "cid"))).isEmpty();
  }

  @Test
  void completesAtNinetyPercentOfTheSecondsWatched() throws InterruptedException {
    feed(at("ann", "a", "play_video", 0), at("ann", "a", "pause_video", 90),
        at("bob", "b", "play_video", 0), at("bob", "b", "pause_video", 89.4));

    assertThat(summary(V1).getLong("completed")).isEqualTo(1);
  }

  @Test
  void readsMobileEventsNamedByUsageKeyWithoutSession() throws InterruptedException {
    JsonObject mobile = new JsonObject().put("username", "ann").put("event_type", "play_video")
        .put("name", "edx.video.played").put("event_source", "mobile").put("time", "2026-02-02T09:00:00Z")
        .put("context", new JsonObject().put("course_id", COURSE))
        .put("event", new JsonObject().put("id", V1).put("currentTime", 10).put("duration", 100));
    JsonObject paused = mobile.copy().put("event_type", "pause_video").put("name", "edx.video.paused")
        .put("time", "2026-02-02T09:00:30Z").put("event", new JsonObject().put("id", V1).put("currentTime", 40));
    feed(mobile, paused);

    assertThat(summary(V1).getDouble("watch_seconds")).isEqualTo(30.0);
  }

  @Test
  void takesTheFurthestPositionAsTheLengthOfAVideoWithoutDuration() throws InterruptedException {
    JsonObject play = event("ann", "s", "play_video", new JsonObject().put("id", "v1").put("currentTime", 0));
    JsonObject pause = event("ann", "s", "pause_video", new JsonObject().put("id", "v1").put("currentTime", 42));
    feed(play, pause);

    assertThat(summary(V1).getDouble("duration")).isEqualTo(42.0);
    assertThat(summary(V1).getLong("completed")).isEqualTo(1);
    assertThat(heat(V1)).hasSize(42);
  }

  @Test
  void keepsTheHeatMapOfALongVideoWithinThreeHundredBins() throws InterruptedException {
    JsonObject play = event("ann", "s", "play_video", new JsonObject().put("id", "v1").put("currentTime", 0)
        .put("duration", 1000));
    JsonObject pause = event("ann", "s", "pause_video", new JsonObject().put("id", "v1").put("currentTime", 402)
        .put("duration", 1000));
    feed(play, pause);

    JsonObject heat = (JsonObject) kit.query("video", "heat-map", Map.of("video", V1));
    assertThat(heat.getInteger("bin_seconds")).isEqualTo(4);
    assertThat(heat.getJsonArray("viewers")).hasSize(250);
    assertThat(heat.getJsonArray("viewers").getLong(100)).isEqualTo(1);
    assertThat(heat.getJsonArray("viewers").getLong(101)).isZero();
  }

  @Test
  void answersEmptyFiguresForAnUnknownVideo() {
    JsonObject summary = summary("nope");

    assertThat(summary.getLong("viewers")).isZero();
    assertThat(summary.getValue("duration")).isNull();
    assertThat(summary.getValue("completion_rate")).isNull();
    assertThat(summary.getJsonArray("drop_off")).isEmpty();
    assertThat(heat("nope")).isEmpty();
    assertThat((JsonArray) kit.query("video", "course-videos", Map.of("course", "nope"))).isEmpty();
  }

  @Test
  void viewsShowTheFiguresAndChartsWithNamesEscaped() throws InterruptedException {
    watchTheStory();
    feed(at("<i>eve</i>", "e", "play_video", 0));

    String video = kit.view("video", "video", Map.of("video", V1));
    String course = kit.view("video", "course", Map.of("course", COURSE));
    String student = kit.view("video", "student", Map.of("user", "<i>eve</i>"));

    assertThat(video).contains("<td class=\"viewers\">3</td>").contains("<td class=\"watch\">85.4</td>")
        .containsPattern("(?s)data-chart=.*data-chart=");
    assertThat(course).contains("<td title=\"" + V1.replace("=", "&#x3D;") + "\">v1</td><td>3</td><td>5</td>");
    assertThat(student).contains("&lt;i&gt;eve&lt;/i&gt;").doesNotContain("<i>eve");
  }
}
