package org.anserv.runtime.define;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.lang.reflect.Method;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Source;
import org.junit.jupiter.api.Test;

class EventFilterTest {

  @EventHandler
  void everything() {
  }

  @EventHandler(types = {"problem_", "edx.video.", "edx.ui.*", "seq_goto"})
  void typed() {
  }

  @EventHandler(sources = Source.BROWSER, courses = "course-v1:A+B+C")
  void browserInCourse() {
  }

  private static EventFilter filter(String method) throws NoSuchMethodException {
    Method m = EventFilterTest.class.getDeclaredMethod(method);
    return EventFilter.of(m.getAnnotation(EventHandler.class));
  }

  private static Event event(String type, String source, String course) {
    JsonObject raw = new JsonObject().put("event_type", type).put("event_source", source);
    if (course != null) {
      raw.put("context", new JsonObject().put("course_id", course));
    }
    return Event.of(raw);
  }

  @Test
  void matchesEverythingByDefault() throws Exception {
    assertThat(filter("everything").matches(event("anything", "server", null))).isTrue();
    assertThat(filter("everything").matches(Event.of(new JsonObject()))).isTrue();
  }

  @Test
  void matchesExactTypesAndPrefixes() throws Exception {
    EventFilter typed = filter("typed");
    assertThat(typed.matches(event("problem_check", "server", null))).isTrue();
    assertThat(typed.matches(event("edx.video.played", "browser", null))).isTrue();
    assertThat(typed.matches(event("edx.ui.lms.sequence.next_selected", "browser", null))).isTrue();
    assertThat(typed.matches(event("seq_goto", "browser", null))).isTrue();
    assertThat(typed.matches(event("seq_goto_other", "browser", null))).isFalse();
    assertThat(typed.matches(event("play_video", "browser", null))).isFalse();
    assertThat(typed.matches(event("edx.videos", "browser", null))).isFalse();
  }

  @Test
  void matchesSourceAndCourseTogether() throws Exception {
    EventFilter filter = filter("browserInCourse");
    assertThat(filter.matches(event("x", "browser", "course-v1:A+B+C"))).isTrue();
    assertThat(filter.matches(event("x", "server", "course-v1:A+B+C"))).isFalse();
    assertThat(filter.matches(event("x", "browser", "course-v1:A+B+D"))).isFalse();
    assertThat(filter.matches(event("x", "browser", null))).isFalse();
  }
}
