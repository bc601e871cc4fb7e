package org.anserv.modules.video;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The engagement heat map of one video: {@code {"video", "duration", "bin_seconds", "viewers": [...]}}, where
 * {@code viewers[i]} is the largest number of distinct viewers who watched any one second of
 * {@code [i * bin_seconds, (i + 1) * bin_seconds)}. Bins are one second long up to a 300-second video and longer
 * beyond, so a heat map never has more than {@value #MAX_BINS} values.
 */
final class HeatMap {

  /** The most values a heat map has. */
  static final int MAX_BINS = 300;

  private HeatMap() {
  }

  /** The heat map of video {@code id} from its document, {@code null} when never seen: no bins then. */
  static JsonObject of(String id, JsonObject video) {
    JsonObject doc = video == null ? new JsonObject() : video;
    Double duration = VideoSummary.duration(doc);
    JsonObject heat = doc.getJsonObject("heat", new JsonObject());
    int seconds = duration == null ? 0 : (int) Math.ceil(duration);
    int bin = Math.max(1, (seconds + MAX_BINS - 1) / MAX_BINS);
    long[] bins = new long[(seconds + bin - 1) / bin];
    long viewers = 0;
    for (int second = 0; second < seconds; second++) {
      viewers += heat.getLong(Integer.toString(second), 0L);
      bins[second / bin] = Math.max(bins[second / bin], viewers);
    }
    JsonArray values = new JsonArray();
    for (long value : bins) {
      values.add(value);
    }
    return new JsonObject().put("video", id).put("duration", duration).put("bin_seconds", bin).put("viewers", values);
  }
}
