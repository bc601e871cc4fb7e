package org.anserv.demo.activity;

import io.vertx.core.json.JsonObject;
import org.anserv.demo.Dice;
import org.anserv.demo.world.Persona;
import org.anserv.demo.world.Video;

/**
 * Watches one video the way the edX player reports it: load, play, then pauses, seeks and a speed change until the
 * learner reaches the end (stop) or leaves (pause). Wall-clock time passes at the playback speed. In the browser,
 * events carry legacy names and a JSON-string payload; in the mobile app, the new names and an object.
 */
final class VideoWatcher {

  private static final int MAX_STEPS = 40;

  private final Session session;
  private final Dice dice;
  private Video video;
  private double position;
  private double speed;

  VideoWatcher(Session session) {
    this.session = session;
    this.dice = session.dice();
  }

  void watch(Video video) {
    this.video = video;
    VideoState state = session.state(video);
    session.advance(dice.uniform(2, 8));
    emit("load_video", "edx.video.loaded", base());
    position = state.position() < video.durationSeconds() - 15 ? state.position() : 0;
    speed = state.speed();
    session.advance(dice.uniform(1, 5));
    play();
    Persona persona = session.visit().learner().persona();
    if (!session.visit().mobile() && speed != persona.preferredSpeed() && dice.chance(0.7)) {
      watchFor(dice.uniform(3, 20));
      changeSpeed(persona.preferredSpeed());
    }
    boolean completed = run(persona);
    state.leave(session.now(), round(position), speed, completed);
  }

  // Returns whether the learner reached the end.
  private boolean run(Persona persona) {
    double leaving = 0.04 + 0.12 * (1 - persona.diligence());
    for (int step = 0; step < MAX_STEPS; step++) {
      double left = video.durationSeconds() - position;
      watchFor(Math.min(left, 5 + dice.exponential(90)));
      if (position >= video.durationSeconds()) {
        emit("stop_video", "edx.video.stopped", at(video.durationSeconds()));
        return true;
      }
      double roll = dice.unit();
      if (roll < leaving || session.late(15 * 60)) {
        emit("pause_video", "edx.video.paused", at(position));
        return false;
      } else if (roll < leaving + 0.3) {
        emit("pause_video", "edx.video.paused", at(position));
        session.advance(dice.uniform(3, 90));
        play();
      } else if (roll < leaving + 0.5) {
        seek();
      }
    }
    emit("pause_video", "edx.video.paused", at(position));
    return false;
  }

  private void play() {
    emit("play_video", "edx.video.played", at(position));
    session.tally().play(session.visit(), video.usageKey());
  }

  private void seek() {
    double target = Math.max(0, Math.min(video.durationSeconds() - 1, position + dice.gaussian() * 60));
    JsonObject payload = base().put("old_time", round(position)).put("new_time", round(target))
        .put("type", dice.chance(0.8) ? "onSlideSeek" : "onSkipSeek");
    emit("seek_video", "edx.video.position.changed", payload);
    position = target;
    session.advance(dice.uniform(0.3, 2));
  }

  private void changeSpeed(double to) {
    JsonObject payload = base().put("current_time", round(position)).put("old_speed", speedText(speed))
        .put("new_speed", speedText(to));
    emit("speed_change_video", null, payload);
    speed = to;
  }

  private void watchFor(double videoSeconds) {
    position = Math.min(video.durationSeconds(), position + videoSeconds);
    session.advance(videoSeconds / speed);
  }

  private JsonObject at(double time) {
    return base().put("currentTime", round(time));
  }

  private JsonObject base() {
    return new JsonObject().put("id", video.blockId())
        .put("code", session.visit().mobile() ? "mobile" : video.youtubeId())
        .put("duration", video.durationSeconds());
  }

  private void emit(String legacy, String name, JsonObject payload) {
    Visit visit = session.visit();
    session.emit(visit.mobile()
        ? EdxEvents.mobile(visit, session.now(), legacy, name, payload)
        : EdxEvents.browser(visit, session.now(), legacy, legacy, payload, session.page()));
  }

  // The player reports speeds as strings such as "1.0" and "1.50".
  private static String speedText(double speed) {
    return speed == Math.rint(speed) ? (int) speed + ".0" : String.format(java.util.Locale.ROOT, "%.2f", speed);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
