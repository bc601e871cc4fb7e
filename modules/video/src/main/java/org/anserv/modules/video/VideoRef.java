package org.anserv.modules.video;

import java.util.Optional;
import org.anserv.api.Event;
import org.anserv.api.event.UsageKey;
import org.anserv.api.event.VideoActivity;

/**
 * Which video an event is about, named by one id whatever form the player sent: the usage key
 * ({@code block-v1:Org+Course+Run+type@video+block@ID}) when the course id allows building it or the event carried
 * it, else {@code <course>/video/<block id>} for old {@code Org/Course/Run} courses (whose block ids recur across
 * runs, so the course must be part of the id), or {@code video/<block id>} without a course.
 *
 * @param id the video's id in queries and views
 * @param course the course id, empty when the event had none
 * @param blockId the video's block id (the 32-hex hash or name)
 */
record VideoRef(String id, String course, String blockId) {

  /** The video {@code activity} of {@code event} is about; empty when the player sent no video id. */
  static Optional<VideoRef> of(Event event, VideoActivity activity) {
    Optional<String> blockId = activity.blockId().filter(id -> !id.isEmpty());
    if (blockId.isEmpty()) {
      return Optional.empty();
    }
    String course = event.courseId().orElse("");
    String sent = activity.videoId().orElse("");
    String id = sent.startsWith("block-v1:") || sent.startsWith("ccx-block-v1:") ? sent : id(course, blockId.get());
    return Optional.of(new VideoRef(id, UsageKey.parse(id).flatMap(UsageKey::courseId).orElse(course),
        blockId.get()));
  }

  private static String id(String course, String blockId) {
    if (course.startsWith("course-v1:")) {
      return "block-v1:" + course.substring("course-v1:".length()) + "+type@video+block@" + blockId;
    }
    if (course.startsWith("ccx-v1:")) {
      return "ccx-block-v1:" + course.substring("ccx-v1:".length()) + "+type@video+block@" + blockId;
    }
    return course.isEmpty() ? "video/" + blockId : course + "/video/" + blockId;
  }
}
