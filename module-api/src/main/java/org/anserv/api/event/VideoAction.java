package org.anserv.api.event;

import java.util.Map;
import java.util.Optional;

/**
 * What a video event says the learner did, whichever name the platform used: the legacy {@code event_type}
 * ({@code play_video}) or the newer {@code name} ({@code edx.video.played}, which mobile apps send).
 */
public enum VideoAction {

  /** The player loaded the video: {@code load_video}, {@code edx.video.loaded}. */
  LOAD,
  /** Playback started or resumed: {@code play_video}, {@code edx.video.played}. */
  PLAY,
  /** Playback paused: {@code pause_video}, {@code edx.video.paused}. */
  PAUSE,
  /**
   * The learner moved the playhead: {@code seek_video}, {@code edx.video.position.changed}, {@code edx.video.seeked}.
   */
  SEEK,
  /** Playback speed changed: {@code speed_change_video}, {@code edx.video.speed.changed}. */
  SPEED_CHANGE,
  /** Playback stopped, usually at the end of the video: {@code stop_video}, {@code edx.video.stopped}. */
  STOP,
  /** The video was watched to completion: {@code complete_video}, {@code edx.video.completed}. */
  COMPLETE,
  /** The transcript was shown: {@code show_transcript}, {@code edx.video.transcript.shown}. */
  TRANSCRIPT_SHOWN,
  /** The transcript was hidden: {@code hide_transcript}, {@code edx.video.transcript.hidden}. */
  TRANSCRIPT_HIDDEN,
  /** Closed captions were shown: {@code edx.video.closed_captions.shown}. */
  CAPTIONS_SHOWN,
  /** Closed captions were hidden: {@code edx.video.closed_captions.hidden}. */
  CAPTIONS_HIDDEN,
  /** The captions language menu was opened: {@code video_show_cc_menu}, {@code edx.video.language_menu.shown}. */
  CAPTIONS_MENU_SHOWN,
  /** The captions language menu was closed: {@code video_hide_cc_menu}, {@code edx.video.language_menu.hidden}. */
  CAPTIONS_MENU_HIDDEN,
  /** Another {@code edx.video.*} event this version does not know. */
  OTHER;

  private static final Map<String, VideoAction> NAMES = Map.ofEntries(
      Map.entry("load_video", LOAD), Map.entry("edx.video.loaded", LOAD),
      Map.entry("play_video", PLAY), Map.entry("edx.video.played", PLAY),
      Map.entry("pause_video", PAUSE), Map.entry("edx.video.paused", PAUSE),
      Map.entry("seek_video", SEEK), Map.entry("edx.video.position.changed", SEEK),
      Map.entry("edx.video.seeked", SEEK),
      Map.entry("speed_change_video", SPEED_CHANGE), Map.entry("edx.video.speed.changed", SPEED_CHANGE),
      Map.entry("stop_video", STOP), Map.entry("edx.video.stopped", STOP),
      Map.entry("complete_video", COMPLETE), Map.entry("edx.video.completed", COMPLETE),
      Map.entry("show_transcript", TRANSCRIPT_SHOWN), Map.entry("edx.video.transcript.shown", TRANSCRIPT_SHOWN),
      Map.entry("hide_transcript", TRANSCRIPT_HIDDEN), Map.entry("edx.video.transcript.hidden", TRANSCRIPT_HIDDEN),
      Map.entry("edx.video.closed_captions.shown", CAPTIONS_SHOWN),
      Map.entry("edx.video.closed_captions.hidden", CAPTIONS_HIDDEN),
      Map.entry("video_show_cc_menu", CAPTIONS_MENU_SHOWN),
      Map.entry("edx.video.language_menu.shown", CAPTIONS_MENU_SHOWN),
      Map.entry("video_hide_cc_menu", CAPTIONS_MENU_HIDDEN),
      Map.entry("edx.video.language_menu.hidden", CAPTIONS_MENU_HIDDEN));

  /** The action an event named {@code name} reports; empty when it is not a video event. */
  public static Optional<VideoAction> ofName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    VideoAction action = NAMES.get(name);
    if (action == null && name.startsWith("edx.video.")) {
      action = OTHER;
    }
    return Optional.ofNullable(action);
  }
}
