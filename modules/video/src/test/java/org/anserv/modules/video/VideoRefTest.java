package org.anserv.modules.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.anserv.api.Event;
import org.junit.jupiter.api.Test;

class VideoRefTest {

  private static Optional<VideoRef> ref(String course, String id) {
    JsonObject raw = new JsonObject().put("event_type", "play_video")
        .put("event", new JsonObject().put("id", id).put("currentTime", 1).encode());
    if (course != null) {
      raw.put("context", new JsonObject().put("course_id", course));
    }
    Event event = Event.of(raw);
    return event.video().flatMap(activity -> VideoRef.of(event, activity));
  }

  @Test
  void buildsTheUsageKeyFromACurrentCourseId() {
    assertThat(ref("course-v1:Org+C+R", "abc")).contains(
        new VideoRef("block-v1:Org+C+R+type@video+block@abc", "course-v1:Org+C+R", "abc"));
  }

  @Test
  void keepsAUsageKeyThePlayerSent() {
    assertThat(ref(null, "block-v1:Org+C+R+type@video+block@abc")).contains(
        new VideoRef("block-v1:Org+C+R+type@video+block@abc", "course-v1:Org+C+R", "abc"));
  }

  @Test
  void namesVideosOfOldCoursesByCourseAndBlockBecauseTheirHashesRecurAcrossRuns() {
    assertThat(ref("edX/DemoX/2013", "i4x-edX-DemoX-video-0b9e")).contains(
        new VideoRef("edX/DemoX/2013/video/0b9e", "edX/DemoX/2013", "0b9e"));
    assertThat(ref("edX/DemoX/2014", "i4x-edX-DemoX-video-0b9e").map(VideoRef::id))
        .contains("edX/DemoX/2014/video/0b9e");
  }

  @Test
  void ignoresEventsWithoutAVideoId() {
    assertThat(ref("course-v1:Org+C+R", "")).isEmpty();
  }
}
