package org.anserv.modules.video;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.anserv.api.event.VideoActivity;

/**
 * One student's viewing of one video, and the rules that turn player events into watched segments.
 *
 * <p>Playback is followed per session (a student may have the video open in two tabs): a play opens a segment at
 * the playhead; a pause or stop closes it at the playhead; a seek closes it where the seek started and, as the
 * player keeps playing, opens the next where it landed; a play while a segment is open closes that one first; a load
 * forgets an open segment (the page was reloaded; its end is unknown). A closed segment from {@code a} to {@code b}
 * seconds adds {@code b - a} to the watch time when {@code b > a}, moves the furthest point reached to {@code b}, and
 * covers the whole seconds from {@code round(a)} to {@code round(b)}, excluded.
 */
final class Viewer {

  private final JsonObject document;
  private final Coverage coverage;
  // Session id to the playhead where its open segment started; stored as a list, session ids are no field names.
  private final Map<String, Double> open = new LinkedHashMap<>();

  private Viewer(JsonObject document) {
    this.document = document;
    this.coverage = Coverage.of(document.getJsonArray("covered"));
    document.getJsonArray("open", new JsonArray()).forEach(segment -> open.put(
        ((JsonObject) segment).getString("session"), ((JsonObject) segment).getDouble("at")));
  }

  /** A viewer as stored. */
  static Viewer of(JsonObject document) {
    return new Viewer(document.copy());
  }

  /** A student starting to watch {@code video}. */
  static Viewer first(VideoRef video, String user) {
    return new Viewer(new JsonObject().put("video", video.id()).put("course", video.course()).put("user", user)
        .put("plays", 0L).put("watched", 0.0).put("furthest", 0.0).put("seconds", 0).put("completed", false));
  }

  /** Applies one player event of {@code session}, adding what it changes to the video's {@code totals}. */
  void apply(VideoActivity activity, String session, VideoTotals totals) {
    switch (activity.action()) {
      case PLAY -> {
        document.put("plays", document.getLong("plays") + 1);
        totals.play();
        activity.currentTime().ifPresent(at -> close(session, at, totals));
        activity.currentTime().ifPresentOrElse(at -> open.put(session, at), () -> open.remove(session));
      }
      case PAUSE, STOP -> activity.currentTime().ifPresentOrElse(at -> close(session, at, totals),
          () -> open.remove(session));
      case SEEK -> seek(session, activity.oldTime(), activity.newTime(), totals);
      case LOAD -> open.remove(session);
      case COMPLETE -> document.put("completed", true);
      default -> {
      }
    }
  }

  private void seek(String session, Optional<Double> from, Optional<Double> to, VideoTotals totals) {
    if (!open.containsKey(session)) {
      return;
    }
    from.ifPresentOrElse(at -> close(session, at, totals), () -> open.remove(session));
    to.ifPresent(at -> open.put(session, at));
  }

  private void close(String session, double end, VideoTotals totals) {
    Double start = open.remove(session);
    if (start == null || end <= start) {
      return;
    }
    document.put("watched", document.getDouble("watched") + (end - start));
    document.put("furthest", Math.max(document.getDouble("furthest"), end));
    totals.watched(end - start);
    coverage.add((int) Math.round(start), (int) Math.round(end)).forEach(totals::newlyWatched);
  }

  /**
   * The document to store: {@code {video, course, user, plays, watched, furthest, seconds, covered, completed,
   * open}}.
   */
  JsonObject document() {
    JsonArray segments = new JsonArray();
    open.forEach((session, at) -> segments.add(new JsonObject().put("session", session).put("at", at)));
    return document.put("covered", coverage.toJson()).put("seconds", coverage.seconds()).put("open", segments);
  }
}
