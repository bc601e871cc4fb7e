package org.anserv.modules.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.Db;

/** Reads what {@link Recorder} stored, through the indexes it created, and shapes the module's JSON answers. */
final class Reports {

  private static final JsonObject BY_ID = new JsonObject().put("_id", 1);

  private final Db db;

  Reports(Db db) {
    this.db = db;
  }

  /** Every video seen, by id: {@code [{"id", "label"}]}, the label naming the course and the block. */
  Future<JsonArray> videos() {
    return db.collection("videos").find(new JsonObject(), BY_ID, 0).map(videos -> {
      JsonArray list = new JsonArray();
      videos.forEach(video -> list.add(new JsonObject().put("id", video.getString("_id"))
          .put("label", video.getString("course") + " · " + video.getString("block_id"))));
      return list;
    });
  }

  /** The {@link VideoSummary} of one video. */
  Future<JsonObject> summary(String video) {
    Future<JsonObject> doc = db.collection("videos").findOne(new JsonObject().put("_id", video));
    Future<List<JsonObject>> viewers = db.collection("viewers").find(new JsonObject().put("video", video));
    return Future.all(doc, viewers).map(done -> VideoSummary.of(video, doc.result(), viewers.result()));
  }

  /** The {@link VideoSummary} of every video of a course, by video id. */
  Future<JsonArray> course(String course) {
    Future<List<JsonObject>> videos = db.collection("videos").find(new JsonObject().put("course", course), BY_ID, 0);
    Future<List<JsonObject>> viewers = db.collection("viewers").find(new JsonObject().put("course", course));
    return Future.all(videos, viewers).map(done -> {
      Map<String, List<JsonObject>> byVideo = new HashMap<>();
      viewers.result().forEach(v -> byVideo.computeIfAbsent(v.getString("video"), k -> new ArrayList<>()).add(v));
      JsonArray summaries = new JsonArray();
      videos.result().forEach(video -> summaries.add(VideoSummary.of(video.getString("_id"), video,
          byVideo.getOrDefault(video.getString("_id"), List.of()))));
      return summaries;
    });
  }

  /** The {@link HeatMap} of one video. */
  Future<JsonObject> heatMap(String video) {
    return db.collection("videos").findOne(new JsonObject().put("_id", video)).map(doc -> HeatMap.of(video, doc));
  }

  /**
   * The videos a student played, by id: {@code [{"video", "course", "plays", "watch_seconds", "seconds_watched",
   * "furthest", "completed"}]}.
   */
  Future<JsonArray> student(String user) {
    return db.collection("viewers").find(new JsonObject().put("user", user), new JsonObject().put("video", 1), 0)
        .compose(viewings -> {
          JsonArray ids = new JsonArray();
          viewings.forEach(viewing -> ids.add(viewing.getString("video")));
          return db.collection("videos").find(new JsonObject().put("_id", new JsonObject().put("$in", ids)))
              .map(videos -> studentVideos(viewings, videos));
        });
  }

  private static JsonArray studentVideos(List<JsonObject> viewings, List<JsonObject> videos) {
    Map<String, Double> durations = new HashMap<>();
    videos.forEach(video -> durations.put(video.getString("_id"), VideoSummary.duration(video)));
    JsonArray list = new JsonArray();
    for (JsonObject viewing : viewings) {
      list.add(new JsonObject().put("video", viewing.getString("video")).put("course", viewing.getString("course"))
          .put("plays", viewing.getLong("plays"))
          .put("watch_seconds", Math.round(viewing.getDouble("watched") * 10) / 10.0)
          .put("seconds_watched", viewing.getInteger("seconds"))
          .put("furthest", viewing.getDouble("furthest"))
          .put("completed", VideoSummary.completed(viewing, durations.get(viewing.getString("video")))));
    }
    return list;
  }
}
