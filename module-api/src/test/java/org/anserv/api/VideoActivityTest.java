package org.anserv.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.anserv.api.event.VideoAction;
import org.anserv.api.event.VideoActivity;
import org.junit.jupiter.api.Test;

class VideoActivityTest {

  private static VideoActivity video(String fixture) {
    return Fixtures.event(fixture).video().orElseThrow();
  }

  @Test
  void readsBrowserPlay() {
    VideoActivity video = video("browser-play-video");

    assertThat(video.action()).isEqualTo(VideoAction.PLAY);
    assertThat(video.videoId()).contains("3f8a0c2e9b1d4e7fa6c5b4d3e2f1a0b9");
    assertThat(video.blockId()).contains("3f8a0c2e9b1d4e7fa6c5b4d3e2f1a0b9");
    assertThat(video.code()).contains("dQw4w9WgXcQ");
    assertThat(video.currentTime()).contains(12.5);
    assertThat(video.duration()).contains(300.2);
    assertThat(video.oldTime()).isEmpty();
  }

  @Test
  void readsMobilePlayWithNewNameSnakeCaseAndUsageKey() {
    VideoActivity video = video("mobile-video-played");

    assertThat(video.action()).isEqualTo(VideoAction.PLAY);
    assertThat(video.currentTime()).contains(47.25);
    assertThat(video.videoId()).hasValueSatisfying(id -> assertThat(id).startsWith("block-v1:"));
    assertThat(video.blockId()).contains("3f8a0c2e9b1d4e7fa6c5b4d3e2f1a0b9");
  }

  @Test
  void readsSeekWithOldStyleIdReducedToTheBlockHash() {
    VideoActivity video = video("seek-video-2014");

    assertThat(video.action()).isEqualTo(VideoAction.SEEK);
    assertThat(video.oldTime()).contains(38.91);
    assertThat(video.newTime()).contains(147.0);
    assertThat(video.seekType()).contains("onSlideSeek");
    assertThat(video.blockId()).contains("3f8a0c2e9b1d4e7fa6c5b4d3e2f1a0b9");
  }

  @Test
  void readsSpeedChangeWithStringSpeeds() {
    VideoActivity video = video("speed-change-video");

    assertThat(video.action()).isEqualTo(VideoAction.SPEED_CHANGE);
    assertThat(video.oldSpeed()).contains(1.0);
    assertThat(video.newSpeed()).contains(1.5);
    assertThat(video.currentTime()).contains(3.5);
  }

  @Test
  void understandsNewNamesWithoutLegacyType() {
    Event event = Event.of(new JsonObject().put("name", "edx.video.position.changed")
        .put("data", new JsonObject().put("id", "v").put("new_time", 195).put("currentTime", 194)));

    assertThat(event.video()).hasValueSatisfying(video -> {
      assertThat(video.action()).isEqualTo(VideoAction.SEEK);
      assertThat(video.newTime()).contains(195.0);
    });
  }

  @Test
  void isEmptyForOtherEvents() {
    assertThat(Fixtures.event("server-problem-check").video()).isEmpty();
  }
}
