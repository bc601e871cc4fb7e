package org.anserv.modules.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.anserv.api.Access;
import org.anserv.api.Db;
import org.anserv.api.Delivery;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Memoize;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.Template;
import org.anserv.api.View;

/**
 * How videos are watched: per video its viewers, views, watch time, completion rate, drop-off and a
 * second-by-second heat map of distinct viewers; per student the videos they watched.
 *
 * <p>Everything comes from the segments of playback that play, pause, seek and stop events delimit, followed per
 * student, video and session ({@link Viewer} states the rules). A viewer is a student who played the video; a view
 * is a play event. Events are handled in batches ({@link Recorder}), so figures lag the stream by about a second.
 */
@Module(name = "video", description = "Per video: viewers, views, watch time, completion rate, drop-off and a "
    + "second-by-second heat map, from play, pause, seek and stop segments; per student: videos watched.")
public class Videos {

  private final Recorder recorder = new Recorder();

  /** Follows playback in every video event of the batch. */
  @EventHandler(types = {"play_video", "pause_video", "seek_video", "stop_video", "load_video", "complete_video",
      "edx.video."}, delivery = Delivery.BATCHED, batchSize = 1000, batchSeconds = 1)
  public Future<Void> watch(List<Event> events, Db db) {
    return recorder.record(events, db);
  }

  @Query(description = "Every video seen, by id (the dashboard's pick list): [{\"id\": \"block-v1:Org+Course+Run"
      + "+type@video+block@ab12...\", \"label\": \"<course> · <block id>\"}, ...]")
  @Memoize(10)
  public Future<JsonArray> videos(Db db) {
    return new Reports(db).videos();
  }

  @Query(description = "One video's figures (zeros and nulls for an unknown video): {\"video\", \"course\", "
      + "\"block_id\", \"duration\": 312.0, \"viewers\": 40, \"views\": 95, \"watch_seconds\": 9001.5, "
      + "\"mean_watch_seconds\": 225.0, \"completed\": 22, \"completion_rate\": 0.55, \"drop_off\": [1.0, 0.9, ...10 "
      + "shares of viewers who reached each tenth]}")
  public Future<JsonObject> summary(@Param(value = "video", description = "The video id, as the videos query lists "
      + "it") String video, Db db) {
    return new Reports(db).summary(video);
  }

  @Query(description = "Distinct viewers per second of one video, in at most 300 bins (each the most viewers of any "
      + "of its seconds; none for an unknown video): {\"video\", \"duration\": 312.0, \"bin_seconds\": 1, "
      + "\"viewers\": [40, 40, 39, ...]}")
  @Memoize(10)
  public Future<JsonObject> heatMap(@Param(value = "video", description = "The video id") String video, Db db) {
    return new Reports(db).heatMap(video);
  }

  @Query(description = "The figures of every video of a course, by video id, as the summary query gives them "
      + "(empty for an unknown course): [{\"video\", \"viewers\", \"views\", ...}, ...]")
  @Memoize(10)
  public Future<JsonArray> courseVideos(@Param(value = "course", description = "The course id") String course,
      Db db) {
    return new Reports(db).course(course);
  }

  @Query(access = Access.STUDENT, description = "The videos a student played, by id (empty for an unknown user): [{\"video\", \"course\", "
      + "\"plays\": 2, \"watch_seconds\": 300.5, \"seconds_watched\": 290, \"furthest\": 312.0, \"completed\": true}]")
  public Future<JsonArray> studentVideos(@Param(value = "user", description = "The username") String user, Db db) {
    return new Reports(db).student(user);
  }

  @View(description = "One video: viewers, views, watch time, completion, drop-off and the engagement heat map.")
  public Future<Template> video(@Param(value = "video", description = "The video id") String video, Db db) {
    Reports reports = new Reports(db);
    return Future.all(reports.summary(video), reports.heatMap(video)).map(all -> {
      JsonObject summary = all.resultAt(0);
      JsonObject heat = all.resultAt(1);
      return Template.of("templates/video/video.hbs", summary.copy()
          .put("drop_off_chart", dropOffChart(summary.getJsonArray("drop_off")))
          .put("heat_chart", heatChart(heat))
          .put("completion_percent", percent(summary.getDouble("completion_rate"))));
    });
  }

  @View(description = "Every video of a course with its viewers, views, watch time and completion rate.")
  public Future<Template> course(@Param(value = "course", description = "The course id") String course, Db db) {
    return courseVideos(course, db).map(videos -> {
      JsonArray labels = new JsonArray();
      JsonArray viewers = new JsonArray();
      videos.forEach(v -> {
        labels.add(((JsonObject) v).getString("block_id"));
        viewers.add(((JsonObject) v).getLong("viewers"));
      });
      videos.forEach(v -> ((JsonObject) v).put("completion_percent",
          percent(((JsonObject) v).getDouble("completion_rate"))));
      return Template.of("templates/video/course.hbs", new JsonObject().put("course", course).put("videos", videos)
          .put("chart", new BarChart("viewers", labels, viewers, null).encode()));
    });
  }

  @View(access = Access.STUDENT, description = "The videos a student played, how long and how far.")
  public Future<Template> student(@Param(value = "user", description = "The username") String user, Db db) {
    return studentVideos(user, db).map(videos -> Template.of("templates/video/student.hbs",
        new JsonObject().put("user", user).put("videos", videos)));
  }

  private static String dropOffChart(JsonArray shares) {
    JsonArray labels = new JsonArray();
    JsonArray percents = new JsonArray();
    for (int tenth = 0; tenth < shares.size(); tenth++) {
      labels.add(tenth * 10 + "%");
      percents.add(Math.round(shares.getDouble(tenth) * 1000) / 10.0);
    }
    return new BarChart("% of viewers who reached it", labels, percents, 100).encode();
  }

  private static String heatChart(JsonObject heat) {
    JsonArray labels = new JsonArray();
    int bin = heat.getInteger("bin_seconds");
    for (int i = 0; i < heat.getJsonArray("viewers").size(); i++) {
      int second = i * bin;
      labels.add(String.format(Locale.ROOT, "%d:%02d", second / 60, second % 60));
    }
    return new BarChart("viewers", labels, heat.getJsonArray("viewers"), null).encode();
  }

  private static String percent(Double share) {
    return share == null ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
