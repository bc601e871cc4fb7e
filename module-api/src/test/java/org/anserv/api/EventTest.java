package org.anserv.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.anserv.api.event.EventFamily;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventTest {

  @Nested
  class TrackingLogShape {

    private final Event event = Fixtures.event("browser-play-video");

    @Test
    void readsCoreFields() {
      assertThat(event.type()).isEqualTo("play_video");
      assertThat(event.name()).contains("play_video");
      assertThat(event.source()).contains(Source.BROWSER);
      assertThat(event.username()).contains("ada");
      assertThat(event.userId()).contains(17L);
      assertThat(event.courseId()).contains("course-v1:AnservX+VID101+2026_T1");
      assertThat(event.orgId()).contains("AnservX");
      assertThat(event.time()).contains(Instant.parse("2026-01-05T10:00:00.123456Z"));
      assertThat(event.session()).contains("0123456789abcdef0123456789abcdef");
      assertThat(event.ip()).contains("192.0.2.7");
      assertThat(event.host()).contains("lms.example.org");
      assertThat(event.agent()).contains("Mozilla/5.0 (X11; Linux x86_64)");
      assertThat(event.contextPath()).contains("/event");
      assertThat(event.family()).isEqualTo(EventFamily.VIDEO);
    }

    @Test
    void decodesBrowserPayloadFromJsonText() {
      assertThat(event.payloadText("id")).contains("3f8a0c2e9b1d4e7fa6c5b4d3e2f1a0b9");
      assertThat(event.payloadNumber("currentTime")).contains(12.5);
      assertThat(event.payload().getString("code")).isEqualTo("dQw4w9WgXcQ");
      assertThat(event.payloadString()).isEmpty();
    }

    @Test
    void payloadIsACopyThatLeavesTheEventAlone() {
      event.payload().put("id", "changed");
      event.json().put("username", "changed");

      assertThat(event.payloadText("id")).contains("3f8a0c2e9b1d4e7fa6c5b4d3e2f1a0b9");
      assertThat(event.username()).contains("ada");
    }
  }

  @Nested
  class EventtrackingShape {

    private final Event event = Fixtures.event("speed-change-video");

    @Test
    void takesTypeFromNameAndTimeFromTimestamp() {
      assertThat(event.type()).isEqualTo("speed_change_video");
      assertThat(event.time()).contains(Instant.parse("2026-01-06T08:30:00.000001Z"));
    }

    @Test
    void findsUserAndSourceInContext() {
      assertThat(event.username()).contains("edsger");
      assertThat(event.source()).contains(Source.BROWSER);
    }

    @Test
    void readsPayloadFromData() {
      assertThat(event.payloadText("code")).contains("html5");
    }
  }

  @Nested
  class OlderShapes {

    @Test
    void readsSessionFromContextOf2014Events() {
      assertThat(Fixtures.event("seek-video-2014").session()).contains("feedfacefeedfacefeedfacefeedface");
    }

    @Test
    void acceptsOldCourseKeysAndDerivesTheOrg() {
      Event event = Fixtures.event("browser-problem-check-2014");

      assertThat(event.courseId()).contains("AnservX/VID101/2014_T1");
      assertThat(event.orgId()).contains("AnservX");
    }

    @Test
    void decodesDoubleEncodedPayloadToItsText() {
      assertThat(Fixtures.event("browser-problem-check-2014").payloadString())
          .hasValueSatisfying(text -> assertThat(text).startsWith("input_i4x-AnservX-VID101-problem-"));
    }
  }

  @Nested
  class CourseRecovery {

    @Test
    void findsCourseOfIframeEventInThePageUsageKey() {
      Event event = Fixtures.event("browser-problem-check");

      assertThat(event.courseId()).contains("course-v1:AnservX+VID101+2026_T1");
      assertThat(event.orgId()).contains("AnservX");
    }

    @Test
    void findsCourseOfPageViewInItsUrlType() {
      Event event = Fixtures.event("page-view-truncated");

      assertThat(event.courseId()).contains("AnservX/VID101/2014_T1");
      assertThat(event.family()).isEqualTo(EventFamily.REQUEST);
    }

    @Test
    void prefersThePayloadCourseWhenContextHasNone() {
      assertThat(Fixtures.event("enrollment-mode-changed").courseId()).contains("course-v1:AnservX+VID101+2026_T1");
    }

    @Test
    void hasNoCourseWhenNothingNamesOne() {
      Event event = Event.of(new JsonObject().put("event_type", "/dashboard").put("page", "https://lms.example.org/"));

      assertThat(event.courseId()).isEmpty();
    }
  }

  @Nested
  class Payloads {

    @Test
    void keepsTruncatedRequestDumpAsOpaqueText() {
      Event event = Fixtures.event("page-view-truncated");

      assertThat(event.payload()).isEqualTo(new JsonObject());
      assertThat(event.payloadString()).hasValueSatisfying(text -> assertThat(text).startsWith("{\"POST\""));
    }

    @Test
    void exposesArrayPayloadsAsArrays() {
      assertThat(Fixtures.event("browser-problem-graded").payloadArray())
          .hasValueSatisfying(array -> assertThat(array.size()).isEqualTo(2));
    }

    @Test
    void readsServerObjectPayload() {
      Event event = Fixtures.event("server-problem-check");

      assertThat(event.payloadNumber("max_grade")).contains(3.0);
      assertThat(event.usageKey())
          .contains("block-v1:AnservX+VID101+2026_T1+type@problem+block@9c0ffee000000000000000000000beef");
      assertThat(event.page()).contains("x_module");
    }
  }

  @Nested
  class BadInput {

    private final Event event = Fixtures.event("hostile");

    @Test
    void readsMistypedFieldsAsEmpty() {
      assertThat(event.type()).isEmpty();
      assertThat(event.name()).isEmpty();
      assertThat(event.source()).isEmpty();
      assertThat(event.username()).isEmpty();
      assertThat(event.userId()).isEmpty();
      assertThat(event.courseId()).isEmpty();
      assertThat(event.orgId()).isEmpty();
      assertThat(event.time()).isEmpty();
      assertThat(event.session()).isEmpty();
      assertThat(event.page()).isEmpty();
      assertThat(event.usageKey()).isEmpty();
      assertThat(event.payload()).isEqualTo(new JsonObject());
      assertThat(event.payloadString()).isEmpty();
      assertThat(event.payloadNumber("x")).isEmpty();
      assertThat(event.family()).isEqualTo(EventFamily.OTHER);
    }

    @Test
    void hasNoTypedActivity() {
      assertThat(event.video()).isEmpty();
      assertThat(event.problem()).isEmpty();
      assertThat(event.navigation()).isEmpty();
      assertThat(event.enrollment()).isEmpty();
    }

    @Test
    void readsAnEmptyObject() {
      Event empty = Event.of(new JsonObject());

      assertThat(empty.type()).isEmpty();
      assertThat(empty.time()).isEmpty();
      assertThat(empty.courseId()).isEmpty();
      assertThat(empty.video()).isEmpty();
    }

    @Test
    void treatsUnparsableJsonTextAsText() {
      Event event = Event.of(new JsonObject().put("event_type", "play_video").put("event", "{\"id\": \"v1\", \"curr"));

      assertThat(event.video()).hasValueSatisfying(video -> assertThat(video.videoId()).isEmpty());
      assertThat(event.payloadString()).contains("{\"id\": \"v1\", \"curr");
    }

    @Test
    void ignoresNonFiniteAndNonNumericNumbers() {
      Event event = Event.of(new JsonObject().put("event_type", "pause_video")
          .put("event", new JsonObject().put("currentTime", "NaN").put("duration", "long").put("speed", "Infinity")));

      assertThat(event.video()).hasValueSatisfying(video -> {
        assertThat(video.currentTime()).isEmpty();
        assertThat(video.duration()).isEmpty();
        assertThat(video.speed()).isEmpty();
      });
    }
  }
}
