package org.anserv.testkit.example;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;

@Module(name = "video-plays", description = "How often each video was played")
public class VideoPlays {

  @EventHandler(types = {"play_video", "edx.video.played"})
  public Future<Void> played(Event event, Db db) {
    String video = event.payloadText("id").orElse("unknown");
    return db.collection("plays").increment(new JsonObject().put("_id", video), "count", 1);
  }

  @Query(description = "Plays of one video")
  public Future<Long> plays(@Param("video") String video, Db db) {
    return db.collection("plays").findOne(new JsonObject().put("_id", video))
        .map(doc -> doc == null ? 0L : doc.getLong("count"));
  }
}
