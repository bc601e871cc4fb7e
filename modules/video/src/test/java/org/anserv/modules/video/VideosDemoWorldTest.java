package org.anserv.modules.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds a small demo world and checks every query against the generator's true figures (plays, viewers, durations)
 * and, for what the truth does not hold (watch time, completion, drop-off, heat map, videos per student), against a
 * naive recount over the generated events, written here with plain loops and per-second flags and no module code.
 */
class VideosDemoWorldTest {

  private static final DemoSpec SPEC = new DemoSpec(7, 1, 60, 14, LocalDate.of(2026, 2, 2));
  private static final String SENTINEL = "video/sentinel";

  private static ModuleTestKit kit;
  private static JsonObject videos;
  private static String course;
  private static Recount recount;

  @BeforeAll
  static void feedTheWorld() throws InterruptedException {
    DemoWorld world = DemoWorld.generate(SPEC);
    List<JsonObject> events = new ArrayList<>();
    world.events().forEachRemaining(events::add);
    course = world.truth().getJsonObject("courses").fieldNames().iterator().next();
    videos = world.truth().getJsonObject("courses").getJsonObject(course).getJsonObject("videos");
    recount = new Recount(events);
    kit = ModuleTestKit.start(Videos.class);
    kit.feed(events);
    awaitHandled();
  }

  // The handler is batched and the module handles one call at a time: once a play fed after the world is counted,
  // the whole world has been handled.
  private static void awaitHandled() throws InterruptedException {
    kit.feed(new JsonObject().put("username", "sentinel").put("event_type", "play_video")
        .put("time", "2030-01-01T00:00:00Z").put("event", new JsonObject().put("id", "sentinel").encode()));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (summary(SENTINEL).getLong("views") == 0) {
      assertThat(System.nanoTime()).as("the world handled within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    kit.close();
  }

  private static JsonObject summary(String video) {
    return (JsonObject) kit.query("video", "summary", Map.of("video", video));
  }

  @Test
  void countsViewsAndViewersAndKnowsDurationsAsTheTruth() {
    for (String video : videos.fieldNames()) {
      JsonObject truth = videos.getJsonObject(video);
      JsonObject summary = summary(video);

      assertThat(summary.getLong("views")).as(video).isEqualTo(truth.getLong("plays"));
      assertThat(summary.getLong("viewers")).as(video).isEqualTo(truth.getLong("viewers"));
      if (truth.getLong("plays") > 0) {
        assertThat(summary.getDouble("duration")).as(video).isEqualTo(truth.getDouble("duration"));
        assertThat(summary.getString("block_id")).isEqualTo(truth.getString("block_id"));
      }
    }
    assertThat(recount.viewers.keySet()).as("the demo plays several videos").hasSizeGreaterThan(5);
  }

  @Test
  void measuresWatchTimeCompletionAndDropOffAsARecount() {
    for (String video : recount.viewers.keySet()) {
      JsonObject summary = summary(video);
      int duration = videos.getJsonObject(video).getInteger("duration");

      assertThat(summary.getDouble("watch_seconds")).as(video).isCloseTo(recount.watchTime(video), within(0.051));
      assertThat(summary.getLong("completed")).as(video).isEqualTo(recount.completed(video, duration));
      assertThat(summary.getJsonArray("drop_off").getList()).as(video).isEqualTo(recount.dropOff(video, duration));
    }
  }

  @Test
  void mapsDistinctViewersPerSecondAsARecount() {
    for (String video : recount.viewers.keySet()) {
      JsonObject heat = (JsonObject) kit.query("video", "heat-map", Map.of("video", video));
      int duration = videos.getJsonObject(video).getInteger("duration");

      int bin = Math.max(1, (int) Math.ceil(duration / 300.0));
      assertThat(heat.getInteger("bin_seconds")).isEqualTo(bin);
      assertThat(heat.getJsonArray("viewers").getList()).as(video).isEqualTo(recount.heat(video, duration, bin));
    }
  }

  @Test
  void listsEveryStudentsVideosAsARecount() {
    for (String user : recount.users) {
      JsonArray list = (JsonArray) kit.query("video", "student-videos", Map.of("user", user));
      List<String> watched = recount.viewers.entrySet().stream().filter(e -> e.getValue().containsKey(user))
          .map(Map.Entry::getKey).sorted().toList();

      assertThat(list.stream().map(v -> ((JsonObject) v).getString("video")).toList()).as(user).isEqualTo(watched);
      for (Object entry : list) {
        JsonObject seen = (JsonObject) entry;
        Viewing viewing = recount.viewers.get(seen.getString("video")).get(user);
        int duration = videos.getJsonObject(seen.getString("video")).getInteger("duration");
        assertThat(seen.getLong("plays")).isEqualTo(viewing.plays);
        assertThat(seen.getLong("seconds_watched")).isEqualTo(viewing.seconds());
        assertThat(seen.getDouble("watch_seconds")).isCloseTo(viewing.watched, within(0.051));
        assertThat(seen.getBoolean("completed")).isEqualTo(viewing.completed(duration));
      }
    }
  }

  @Test
  void summarisesTheCoursesVideosAndListsThemForPicking() {
    JsonArray course = (JsonArray) kit.query("video", "course-videos", Map.of("course", VideosDemoWorldTest.course));
    JsonArray pickList = (JsonArray) kit.query("video", "videos");

    Set<String> seen = new TreeSet<>(recount.seen);
    assertThat(course.stream().map(v -> ((JsonObject) v).getString("video")).toList())
        .isEqualTo(new ArrayList<>(seen));
    for (Object entry : course) {
      assertThat((JsonObject) entry).isEqualTo(summary(((JsonObject) entry).getString("video")));
    }
    seen.add(SENTINEL);
    assertThat(pickList.stream().map(v -> ((JsonObject) v).getString("id")).toList())
        .isEqualTo(new ArrayList<>(seen));
  }

  @Test
  void viewsShowTheFigures() {
    String video = recount.viewers.keySet().iterator().next();
    JsonObject summary = summary(video);
    String user = recount.users.iterator().next();

    assertThat(kit.view("video", "video", Map.of("video", video)))
        .contains("<td class=\"viewers\">" + summary.getLong("viewers") + "</td>")
        .contains("<td class=\"views\">" + summary.getLong("views") + "</td>")
        .contains("Engagement").contains("Drop-off");
    assertThat(kit.view("video", "course", Map.of("course", course)))
        .contains("<td>" + summary.getLong("viewers") + "</td><td>" + summary.getLong("views") + "</td>");
    assertThat(kit.view("video", "student", Map.of("user", user)))
        .contains("<td>" + recount.viewers.values().stream().filter(v -> v.containsKey(user)).map(v -> v.get(user))
            .findFirst().orElseThrow().plays + "</td>");
  }

  /** One student's viewing of one video, second by second. */
  private static final class Viewing {

    final BitSet watchedSeconds = new BitSet();
    long plays;
    double watched;
    double furthest;

    long seconds() {
      return watchedSeconds.cardinality();
    }

    boolean completed(int duration) {
      return furthest >= duration - 1 || seconds() >= 0.9 * duration;
    }
  }

  /** The figures recounted the plainest way from the events. */
  private static final class Recount {

    final Map<String, Map<String, Viewing>> viewers = new TreeMap<>();
    final Set<String> users = new TreeSet<>();
    final Set<String> seen = new TreeSet<>();
    private final Map<String, Double> openAt = new HashMap<>();
    private final Map<String, Double> watchTimes = new HashMap<>();

    Recount(List<JsonObject> events) {
      for (JsonObject event : events) {
        String type = event.getString("event_type");
        if (!Set.of("play_video", "pause_video", "stop_video", "seek_video", "load_video").contains(type)) {
          continue;
        }
        Object raw = event.getValue("event");
        JsonObject payload = raw instanceof String text ? new JsonObject(text) : (JsonObject) raw;
        String user = event.getString("username");
        String course = event.getJsonObject("context").getString("course_id");
        String video = "block-v1:" + course.substring("course-v1:".length()) + "+type@video+block@"
            + payload.getString("id");
        String segment = user + " " + video + " " + event.getString("session", "");
        seen.add(video);
        Viewing viewing = viewers.getOrDefault(video, Map.of()).get(user);
        if (type.equals("play_video")) {
          viewing = viewers.computeIfAbsent(video, v -> new TreeMap<>()).computeIfAbsent(user, u -> new Viewing());
          users.add(user);
          viewing.plays++;
          close(segment, video, viewing, payload.getDouble("currentTime"));
          openAt.put(segment, payload.getDouble("currentTime"));
        } else if (viewing == null) {
          continue;
        } else if (type.equals("pause_video") || type.equals("stop_video")) {
          close(segment, video, viewing, payload.getDouble("currentTime"));
        } else if (type.equals("seek_video") && openAt.containsKey(segment)) {
          close(segment, video, viewing, payload.getDouble("old_time"));
          openAt.put(segment, payload.getDouble("new_time"));
        } else if (type.equals("load_video")) {
          openAt.remove(segment);
        }
      }
    }

    private void close(String segment, String video, Viewing viewing, double end) {
      Double start = openAt.remove(segment);
      if (start == null || end <= start) {
        return;
      }
      viewing.watched += end - start;
      watchTimes.merge(video, end - start, Double::sum);
      viewing.furthest = Math.max(viewing.furthest, end);
      for (long second = Math.round(start); second < Math.round(end); second++) {
        viewing.watchedSeconds.set((int) second);
      }
    }

    double watchTime(String video) {
      return watchTimes.getOrDefault(video, 0.0);
    }

    long completed(String video, int duration) {
      return viewers.get(video).values().stream().filter(v -> v.completed(duration)).count();
    }

    List<Double> dropOff(String video, int duration) {
      List<Double> shares = new ArrayList<>();
      for (int tenth = 0; tenth < 10; tenth++) {
        long reached = 0;
        for (Viewing viewing : viewers.get(video).values()) {
          reached += viewing.furthest >= duration * tenth / 10.0 ? 1 : 0;
        }
        shares.add(Math.round(10_000.0 * reached / viewers.get(video).size()) / 10_000.0);
      }
      return shares;
    }

    List<Long> heat(String video, int duration, int bin) {
      List<Long> bins = new ArrayList<>();
      for (int from = 0; from < duration; from += bin) {
        long most = 0;
        for (int second = from; second < Math.min(duration, from + bin); second++) {
          long viewersOfSecond = 0;
          for (Viewing viewing : viewers.get(video).values()) {
            viewersOfSecond += viewing.watchedSeconds.get(second) ? 1 : 0;
          }
          most = Math.max(most, viewersOfSecond);
        }
        bins.add(most);
      }
      return bins;
    }
  }
}
