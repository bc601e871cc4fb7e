package org.anserv.runtime.define;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.lang.reflect.Method;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Source;
import org.anserv.api.event.EventKind;
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

  @EventHandler(kinds = EventKind.VIDEO_PLAYED)
  void played() {
  }

  @EventHandler(types = "https://w3id.org/xapi/video/verbs/played")
  void playedVerb() {
  }

  @EventHandler(types = "play_video", kinds = EventKind.VIDEO_PLAYED)
  void typesAndKinds() {
  }

  @EventHandler(kinds = EventKind.OTHER)
  void other() {
  }

  private static final JsonObject PLAYED_STATEMENT = new JsonObject("""
      {"id": "203e182c-6a2d-5458-9c61-a271297d459a",
       "actor": {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "32e08e30"}},
       "verb": {"id": "https://w3id.org/xapi/video/verbs/played"},
       "object": {"id": "https://lms.example.org/xblock/block-v1:A+B+C+type@video+block@v1",
                  "definition": {"type": "https://w3id.org/xapi/video/activity-type/video"}},
       "result": {"extensions": {"https://w3id.org/xapi/video/extensions/time": 3.5}},
       "timestamp": "2024-03-01T10:00:00.000000+00:00"}""");

  @Test
  void kindsMatchTrackingEventsAndStatementsAlike() throws Exception {
    EventFilter played = filter("played");
    assertThat(played.matches(event("play_video", "browser", null))).isTrue();
    assertThat(played.matches(Event.of(new JsonObject().put("name", "edx.video.played")))).isTrue();
    assertThat(played.matches(Event.of(PLAYED_STATEMENT))).isTrue();
    assertThat(played.matches(event("pause_video", "browser", null))).isFalse();
  }

  @Test
  void typesMatchAStatementsVerbAndItsEdxType() throws Exception {
    assertThat(filter("playedVerb").matches(Event.of(PLAYED_STATEMENT))).isTrue();
    assertThat(filter("playedVerb").matches(event("play_video", "browser", null))).isFalse();
    assertThat(filter("typed").matches(Event.of(PLAYED_STATEMENT))).isFalse();
  }

  @Test
  void typesAndKindsTogetherOrTheKindOtherAreDefinitionProblems() throws Exception {
    assertThat(EventFilter.problems(EventFilterTest.class.getDeclaredMethod("typesAndKinds")
        .getAnnotation(EventHandler.class))).singleElement().asString().startsWith("has both types and kinds");
    assertThat(EventFilter.problems(EventFilterTest.class.getDeclaredMethod("other")
        .getAnnotation(EventHandler.class))).singleElement().asString().startsWith("has the kind OTHER");
    assertThat(EventFilter.problems(EventFilterTest.class.getDeclaredMethod("played")
        .getAnnotation(EventHandler.class))).isEmpty();
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
