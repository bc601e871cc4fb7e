package org.anserv.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.anserv.api.Event;
import org.anserv.api.Source;
import org.anserv.api.event.EnrollmentAction;
import org.anserv.api.event.EventFamily;
import org.anserv.api.event.NavigationAction;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.ProblemActivity;
import org.anserv.api.event.VideoAction;
import org.anserv.api.event.VideoActivity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default demo log read back through the module-api event userspace. */
class GeneratedEventsTest {

  private static final Pattern EDX_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");

  private static List<JsonObject> raw;
  private static List<Event> events;

  @BeforeAll
  static void generate() {
    raw = new ArrayList<>();
    for (Iterator<JsonObject> it = DemoWorld.generate(DemoSpec.defaults()).events(); it.hasNext(); ) {
      raw.add(it.next());
    }
    events = raw.stream().map(Event::of).toList();
  }

  @Test
  void defaultDemoHasAUsefulSize() {
    assertThat(events).hasSizeBetween(20_000, 60_000);
  }

  @Test
  void everyEventHasTheCoreFieldsInEdxForm() {
    assertThat(raw).allSatisfy(json -> assertThat(json.getString("time")).matches(EDX_TIME));
    assertThat(events).allSatisfy(e -> {
      assertThat(e.type()).isNotEmpty();
      assertThat(e.username()).isPresent();
      assertThat(e.userId()).isPresent();
      assertThat(e.courseId()).hasValueSatisfying(id -> assertThat(id).startsWith("course-v1:"));
      assertThat(e.orgId()).isPresent();
      assertThat(e.source()).isPresent();
      assertThat(e.host()).contains("lms.example.org");
      assertThat(e.family()).isNotEqualTo(EventFamily.OTHER);
    });
  }

  @Test
  void eventsAreInTimeOrder() {
    Instant previous = Instant.MIN;
    for (Event event : events) {
      Instant time = event.time().orElseThrow();
      assertThat(time).isAfterOrEqualTo(previous);
      previous = time;
    }
  }

  @Test
  void browserEventsCarryTheirPayloadAsAJsonString() {
    List<JsonObject> browser = raw.stream().filter(json -> "browser".equals(json.getString("event_source"))).toList();

    assertThat(browser).isNotEmpty();
    assertThat(browser).allSatisfy(json -> assertThat(json.getValue("event")).isInstanceOf(String.class));
    // Server and mobile events keep an object, except page requests, whose payload is the request dump as text.
    assertThat(raw.stream().filter(json -> !"browser".equals(json.getString("event_source"))))
        .allSatisfy(json -> assertThat(json.getValue("event"))
            .isInstanceOf(json.getString("event_type").startsWith("/") ? String.class : JsonObject.class));
  }

  @Test
  void videoEventsReadAsVideoActivity() {
    Set<VideoAction> seen = EnumSet.noneOf(VideoAction.class);
    events.stream().filter(e -> e.family() == EventFamily.VIDEO).forEach(e -> {
      VideoActivity video = e.video().orElseThrow();
      seen.add(video.action());
      assertThat(video.blockId()).isPresent();
      assertThat(video.duration()).isPresent();
      switch (video.action()) {
        case PLAY, PAUSE, STOP -> assertThat(video.currentTime()).isPresent();
        case SEEK -> assertThat(video.oldTime().isPresent() && video.newTime().isPresent()).isTrue();
        case SPEED_CHANGE -> assertThat(video.oldSpeed().isPresent() && video.newSpeed().isPresent()).isTrue();
        default -> { }
      }
    });
    assertThat(seen).containsExactlyInAnyOrder(VideoAction.LOAD, VideoAction.PLAY, VideoAction.PAUSE,
        VideoAction.SEEK, VideoAction.SPEED_CHANGE, VideoAction.STOP);
  }

  @Test
  void mobileVideoEventsCarryTheNewNames() {
    List<Event> mobile = events.stream().filter(e -> e.source().equals(java.util.Optional.of(Source.MOBILE))).toList();

    assertThat(mobile).isNotEmpty();
    assertThat(mobile).allSatisfy(e -> {
      assertThat(e.name()).hasValueSatisfying(name -> assertThat(name).startsWith("edx.video."));
      assertThat(e.video()).isPresent();
    });
  }

  @Test
  void problemEventsReadAsProblemActivity() {
    Set<ProblemAction> seen = EnumSet.noneOf(ProblemAction.class);
    events.stream().filter(e -> e.family() == EventFamily.PROBLEM).forEach(e -> {
      ProblemActivity problem = e.problem().orElseThrow();
      seen.add(problem.action());
      assertThat(problem.blockId()).isPresent();
      if (problem.action() == ProblemAction.CHECK && e.source().orElseThrow() == Source.SERVER) {
        assertThat(problem.correct()).isPresent();
        assertThat(problem.grade()).isPresent();
        assertThat(problem.maxGrade()).isPresent();
        assertThat(problem.attempts()).isPresent();
        assertThat(e.usageKey()).isEqualTo(problem.problemId());
      }
    });
    assertThat(seen).containsExactlyInAnyOrder(ProblemAction.CHECK, ProblemAction.SCORE_SUBMITTED,
        ProblemAction.RESET, ProblemAction.SHOW_ANSWER);
  }

  @Test
  void navigationEventsReadAsNavigationActivity() {
    Set<NavigationAction> seen = EnumSet.noneOf(NavigationAction.class);
    events.stream().filter(e -> e.family() == EventFamily.NAVIGATION).forEach(e -> {
      var navigation = e.navigation().orElseThrow();
      seen.add(navigation.action());
      if (navigation.action() != NavigationAction.OUTLINE_SELECTED) {
        assertThat(navigation.sequenceId()).isPresent();
        assertThat(navigation.oldTab()).isPresent();
        assertThat(navigation.newTab()).isPresent();
        assertThat(navigation.tabCount()).isPresent();
      }
    });
    assertThat(seen).containsExactlyInAnyOrder(NavigationAction.NEXT, NavigationAction.PREVIOUS,
        NavigationAction.TAB_SELECTED, NavigationAction.OUTLINE_SELECTED);
  }

  @Test
  void enrollmentEventsNameTheLearnerAndMode() {
    Set<EnrollmentAction> seen = EnumSet.noneOf(EnrollmentAction.class);
    events.stream().filter(e -> e.family() == EventFamily.ENROLLMENT).forEach(e -> {
      var enrollment = e.enrollment().orElseThrow();
      seen.add(enrollment.action());
      assertThat(enrollment.userId()).isEqualTo(e.userId());
      assertThat(enrollment.mode()).isPresent();
      assertThat(enrollment.courseId()).isEqualTo(e.courseId());
    });
    assertThat(seen).containsExactlyInAnyOrder(EnrollmentAction.ACTIVATED, EnrollmentAction.DEACTIVATED,
        EnrollmentAction.MODE_CHANGED);
  }
}
