package org.anserv.modules.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.event.VideoAction;
import org.anserv.api.event.VideoActivity;

/**
 * Turns a batch of player events into stored viewings and video totals: reads the batch's viewers in one query,
 * applies the events to them in log order ({@link Viewer}), then writes each changed viewer once and each video's
 * totals as one update ({@link VideoTotals}). Work per event is constant, bounded by the few open segments and
 * watched spans of one viewer.
 */
final class Recorder {

  /** One player event with what it is about. */
  private record Played(VideoRef video, String user, String session, VideoActivity activity) {

    Key key() {
      return new Key(video.id(), user);
    }
  }

  /** A viewer's identity: a video and a student. */
  private record Key(String video, String user) {

    JsonObject query() {
      return new JsonObject().put("video", video).put("user", user);
    }
  }

  private boolean indexed;

  /** Records the video events of {@code events}; the first call also creates the indexes queries rely on. */
  Future<Void> record(List<Event> events, Db db) {
    List<Played> played = new ArrayList<>();
    for (Event event : events) {
      event.video().ifPresent(activity -> VideoRef.of(event, activity).ifPresent(video -> event.username()
          .ifPresent(user -> played.add(new Played(video, user, event.session().orElse(""), activity)))));
    }
    if (played.isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Void> ready = indexed ? Future.succeededFuture() : createIndexes(db).onSuccess(v -> indexed = true);
    return ready.compose(v -> load(played, db)).compose(viewers -> write(played, viewers, db));
  }

  private static Future<Map<Key, Viewer>> load(List<Played> played, Db db) {
    Set<Key> keys = new LinkedHashSet<>();
    played.forEach(p -> keys.add(p.key()));
    JsonArray any = new JsonArray();
    keys.forEach(key -> any.add(key.query()));
    return db.collection("viewers").find(new JsonObject().put("$or", any)).map(documents -> {
      Map<Key, Viewer> viewers = new LinkedHashMap<>();
      documents.forEach(d -> viewers.put(new Key(d.getString("video"), d.getString("user")), Viewer.of(d)));
      return viewers;
    });
  }

  private static Future<Void> write(List<Played> played, Map<Key, Viewer> viewers, Db db) {
    Map<String, VideoTotals> totals = new LinkedHashMap<>();
    Set<Key> changed = new LinkedHashSet<>();
    for (Played p : played) {
      VideoTotals video = totals.computeIfAbsent(p.video().id(), id -> new VideoTotals(p.video()));
      note(p.activity(), video);
      Viewer viewer = viewers.get(p.key());
      if (viewer == null && p.activity().action() == VideoAction.PLAY) {
        viewer = Viewer.first(p.video(), p.user());
        viewers.put(p.key(), viewer);
        video.newViewer();
      }
      if (viewer != null) {
        viewer.apply(p.activity(), p.session(), video);
        changed.add(p.key());
      }
    }
    List<Future<?>> writes = new ArrayList<>();
    changed.forEach(key -> writes.add(db.collection("viewers").save(key.query(), viewers.get(key).document())));
    totals.forEach((id, video) ->
        writes.add(db.collection("videos").update(new JsonObject().put("_id", id), video.update(), true)));
    return Future.all(writes).mapEmpty();
  }

  // Players that never send a duration still tell how far into the video they got.
  private static void note(VideoActivity activity, VideoTotals video) {
    activity.duration().ifPresent(video::duration);
    activity.currentTime().ifPresent(video::position);
    activity.oldTime().ifPresent(video::position);
    activity.newTime().ifPresent(video::position);
  }

  private static Future<Void> createIndexes(Db db) {
    return Future.all(
        db.collection("viewers").createIndex(new JsonObject().put("video", 1).put("user", 1), true),
        db.collection("viewers").createIndex(new JsonObject().put("user", 1), false),
        db.collection("viewers").createIndex(new JsonObject().put("course", 1), false),
        db.collection("videos").createIndex(new JsonObject().put("course", 1), false)).mapEmpty();
  }
}
