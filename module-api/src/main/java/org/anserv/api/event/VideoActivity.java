package org.anserv.api.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A video player event: what the learner did and where in the video. Times are in seconds of video, speeds are
 * multipliers ({@code 1.5}). Fields come from the payload, whose keys vary by era and client: {@code currentTime} or
 * {@code current_time}, numbers or numeric strings.
 *
 * @param action what happened
 * @param videoId the video's id as sent: a bare 32-hex block id (current browsers), {@code i4x-Org-Course-video-ID}
 *     (old courses) or a {@code block-v1:} usage key (mobile {@code module_id}); see {@link #blockId()}
 * @param code the video source code: a YouTube id, {@code html5} or {@code mobile}
 * @param currentTime the playhead position when the event fired
 * @param speed the playback speed the player reported, when it reported one
 * @param oldSpeed the speed before a {@link VideoAction#SPEED_CHANGE}
 * @param newSpeed the speed after a {@link VideoAction#SPEED_CHANGE}
 * @param oldTime the playhead position before a {@link VideoAction#SEEK}
 * @param newTime the playhead position after a {@link VideoAction#SEEK}
 * @param seekType how a seek was made: {@code onSlideSeek}, {@code onSkipSeek}, ...
 * @param duration the video's length
 */
public record VideoActivity(
    VideoAction action,
    Optional<String> videoId,
    Optional<String> code,
    Optional<Double> currentTime,
    Optional<Double> speed,
    Optional<Double> oldSpeed,
    Optional<Double> newSpeed,
    Optional<Double> oldTime,
    Optional<Double> newTime,
    Optional<String> seekType,
    Optional<Double> duration) {

  /** Checks that no component is null. */
  public VideoActivity {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(currentTime, "currentTime");
    Objects.requireNonNull(speed, "speed");
    Objects.requireNonNull(oldSpeed, "oldSpeed");
    Objects.requireNonNull(newSpeed, "newSpeed");
    Objects.requireNonNull(oldTime, "oldTime");
    Objects.requireNonNull(newTime, "newTime");
    Objects.requireNonNull(seekType, "seekType");
    Objects.requireNonNull(duration, "duration");
  }

  /**
   * The video's block id, the same whichever form {@link #videoId()} took ({@code i4x-edX-DemoX-video-0b9e...} and
   * {@code block-v1:...+block@0b9e...} both give {@code 0b9e...}). Note that old courses reuse one hash across runs:
   * pair it with the course id to tell videos apart.
   */
  public Optional<String> blockId() {
    return videoId.map(UsageKey::blockIdOf);
  }
}
