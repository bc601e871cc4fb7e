package org.anserv.modules.video;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch adds to a video's totals, summed in memory and written as one update: plays, new viewers, seconds
 * watched, the largest duration and playhead position reported, and the changes of the heat map.
 *
 * <p>The heat map is stored as a difference array: a viewer who newly watched seconds {@code [from, to)} adds 1 at
 * {@code from} and -1 at {@code to}, so the viewers of second {@code s} are the sum of the entries up to {@code s}.
 * A segment of any length costs two counters, not one per second.
 */
final class VideoTotals {

  private final VideoRef video;
  private long plays;
  private long viewers;
  private double watched;
  private double duration;
  private double end;
  private final Map<Integer, Long> heat = new TreeMap<>();

  VideoTotals(VideoRef video) {
    this.video = video;
  }

  void play() {
    plays++;
  }

  void newViewer() {
    viewers++;
  }

  void watched(double seconds) {
    watched += seconds;
  }

  /** Counts one more viewer on the seconds {@code [from, to)}. */
  void newlyWatched(Coverage.Span span) {
    heat.merge(span.from(), 1L, Long::sum);
    heat.merge(span.to(), -1L, Long::sum);
  }

  /** Notes a duration the player reported. */
  void duration(double seconds) {
    duration = Math.max(duration, seconds);
  }

  /** Notes a playhead position the player reported: the length of a video whose duration is never sent. */
  void position(double seconds) {
    end = Math.max(end, seconds);
  }

  /** The update of the video's document: {@code $inc} of the counts, {@code $max} of the lengths, names set. */
  JsonObject update() {
    JsonObject inc = new JsonObject().put("plays", plays).put("viewers", viewers).put("watched", watched);
    heat.forEach((second, delta) -> {
      if (delta != 0) {
        inc.put("heat." + second, delta);
      }
    });
    JsonObject max = new JsonObject().put("end", end);
    if (duration > 0) {
      max.put("duration", duration);
    }
    return new JsonObject().put("$inc", inc).put("$max", max)
        .put("$set", new JsonObject().put("course", video.course()).put("block_id", video.blockId()));
  }
}
