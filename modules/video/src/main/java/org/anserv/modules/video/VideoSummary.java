package org.anserv.modules.video;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The figures of one video from its stored totals and viewers:
 * {@code {"video", "course", "block_id", "duration", "viewers", "views", "watch_seconds", "mean_watch_seconds",
 * "completed", "completion_rate", "drop_off": [10 shares]}}.
 *
 * <p>The duration is the longest the player reported, else the furthest playhead position seen, else null. A viewer
 * completed the video when they watched at least 90% of its seconds, reached its last second, or the player said it
 * was completed. {@code drop_off[i]} is the share of viewers whose furthest point reached {@code i} tenths of the
 * video. Rates and shares have 4 decimals, seconds 1; both are null (and drop-off empty) without viewers.
 */
final class VideoSummary {

  /** The share of a video's seconds a viewer must have watched to have completed it. */
  static final double COMPLETE_SHARE = 0.9;

  private VideoSummary() {
  }

  /** The summary of video {@code id} from its document ({@code null} when never seen) and its viewers' documents. */
  static JsonObject of(String id, JsonObject video, List<JsonObject> viewers) {
    JsonObject doc = video == null ? new JsonObject() : video;
    Double duration = duration(doc);
    double watched = doc.getDouble("watched", 0.0);
    long completed = viewers.stream().filter(viewer -> completed(viewer, duration)).count();
    return new JsonObject().put("video", id).put("course", doc.getString("course")).put("block_id",
            doc.getString("block_id"))
        .put("duration", duration)
        .put("viewers", viewers.size())
        .put("views", doc.getLong("plays", 0L))
        .put("watch_seconds", round(watched, 10))
        .put("mean_watch_seconds", viewers.isEmpty() ? null : round(watched / viewers.size(), 10))
        .put("completed", completed)
        .put("completion_rate", viewers.isEmpty() ? null : round((double) completed / viewers.size(), 10_000))
        .put("drop_off", dropOff(viewers, duration));
  }

  /** The video's length in seconds, or null when nothing tells it. */
  static Double duration(JsonObject video) {
    double duration = video.getDouble("duration", 0.0);
    double end = video.getDouble("end", 0.0);
    if (duration > 0) {
      return duration;
    }
    return end > 0 ? Double.valueOf(end) : null;
  }

  /** Whether {@code viewer} completed a video of {@code duration} seconds (null: unknown). */
  static boolean completed(JsonObject viewer, Double duration) {
    if (viewer.getBoolean("completed", false)) {
      return true;
    }
    return duration != null && (viewer.getDouble("furthest", 0.0) >= duration - 1
        || viewer.getInteger("seconds", 0) >= COMPLETE_SHARE * duration);
  }

  private static JsonArray dropOff(List<JsonObject> viewers, Double duration) {
    JsonArray shares = new JsonArray();
    if (duration == null || viewers.isEmpty()) {
      return shares;
    }
    for (int tenth = 0; tenth < 10; tenth++) {
      double mark = duration * tenth / 10;
      long reached = viewers.stream().filter(viewer -> viewer.getDouble("furthest", 0.0) >= mark).count();
      shares.add(round((double) reached / viewers.size(), 10_000));
    }
    return shares;
  }

  private static double round(double value, int scale) {
    return (double) Math.round(value * scale) / scale;
  }
}
