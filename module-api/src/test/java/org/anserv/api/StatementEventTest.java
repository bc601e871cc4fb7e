package org.anserv.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.anserv.api.event.EnrollmentAction;
import org.anserv.api.event.EventKind;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.Score;
import org.anserv.api.event.UsageKey;
import org.anserv.api.event.VideoAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The statements event-routing-backends made of its own fixture events ({@code ../shared/data/xapi}) read as the
 * events they came from: same kind, course, block and time.
 */
class StatementEventTest {

  private static List<Event> statements;
  private static List<Event> inputs;

  @BeforeAll
  static void read() throws IOException {
    Optional<Path> data = RealEventsTest.sharedData();
    assumeTrue(data.isPresent(), "SKIPPED: ../shared/data/xapi not found; these tests need the real statements");
    statements = lines(data.get().resolve("xapi/erb-expected-statements.ndjson"));
    inputs = lines(data.get().resolve("xapi/erb-input-events.ndjson"));
  }

  private static List<Event> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> Event.of(new JsonObject(l)))
        .toList();
  }

  // Statements 14-16 are the children of the multi-question check (13); after them the files pair up again.
  private static Event inputOf(int statementLine) {
    return inputs.get(statementLine <= 13 ? statementLine - 1 : statementLine - 4);
  }

  @Test
  void everyStatementReadsAsTheEventItCameFrom() {
    assertThat(statements).hasSize(37).allSatisfy(s -> assertThat(s.isStatement()).isTrue());
    for (int line = 1; line <= 37; line++) {
      if (line >= 14 && line <= 16) {
        continue;
      }
      Event statement = statements.get(line - 1);
      Event input = inputOf(line);
      String where = "statement " + line + " (" + input.type() + ")";
      assertThat(statement.kind()).as(where).isEqualTo(input.kind());
      assertThat(statement.family()).as(where).isEqualTo(input.family());
      // Line 12 is ERB's "required data only" fixture: its statement has no object id and no course to give.
      if (line != 12) {
        assertThat(statement.courseId()).as(where).isEqualTo(input.courseId());
      }
      if (input.time().isPresent()) {
        assertThat(statement.time()).as(where).isEqualTo(input.time());
      }
      if (input.blockKey().isPresent() && statement.blockKey().isPresent()) {
        assertThat(statement.blockKey()).as(where).isEqualTo(input.blockKey());
      }
    }
  }

  @Test
  void kindsCoverEveryFamilyTheIssueNames() {
    assertThat(statements.stream().map(Event::kind).distinct()).contains(EventKind.VIDEO_LOADED,
        EventKind.VIDEO_PLAYED, EventKind.VIDEO_PAUSED, EventKind.VIDEO_SEEKED, EventKind.VIDEO_STOPPED,
        EventKind.VIDEO_COMPLETED, EventKind.PROBLEM_CHECKED, EventKind.NAVIGATED, EventKind.ENROLLMENT_REGISTERED,
        EventKind.ENROLLMENT_UNREGISTERED, EventKind.GRADE_PASSED, EventKind.GRADE_FAILED, EventKind.GRADE_EARNED,
        EventKind.COMPLETION_PROGRESSED, EventKind.FORUM);
    assertThat(statements.stream().filter(s -> s.kind() == EventKind.OTHER)).hasSize(2);
  }

  @Nested
  class TypedAnswers {

    @Test
    void aPlayedStatementGivesThePositionAndVideo() {
      Event played = statements.get(1);

      assertThat(played.type()).isEqualTo("play_video");
      assertThat(played.source()).contains(Source.BROWSER);
      assertThat(played.verb()).contains("https://w3id.org/xapi/video/verbs/played");
      assertThat(played.video().orElseThrow().action()).isEqualTo(VideoAction.PLAY);
      assertThat(played.video().orElseThrow().currentTime()).contains(0.033);
      assertThat(played.video().orElseThrow().blockId()).isEqualTo(inputOf(2).video().orElseThrow().blockId());
      assertThat(played.blockKey().map(UsageKey::blockType)).contains("video");
    }

    @Test
    void aSeekedStatementGivesFromAndTo() {
      Event seeked = statements.get(3);

      assertThat(seeked.video().orElseThrow().oldTime()).contains(194.381);
      assertThat(seeked.video().orElseThrow().newTime()).contains(10.0);
      assertThat(seeked.video().orElseThrow().newTime()).isEqualTo(inputOf(4).video().orElseThrow().newTime());
    }

    @Test
    void anEvaluatedStatementGivesScoreAndCorrectness() {
      Event evaluated = statements.get(12);

      assertThat(evaluated.problem().orElseThrow().action()).isEqualTo(ProblemAction.CHECK);
      assertThat(evaluated.problem().orElseThrow().correct()).contains(false);
      assertThat(evaluated.problem().orElseThrow().grade()).contains(2.0);
      assertThat(evaluated.problem().orElseThrow().maxGrade()).contains(3.0);
      assertThat(evaluated.score()).contains(new Score(2, 3, Optional.of(0.6666666666666666)));
      assertThat(evaluated.problem().orElseThrow().blockId()).contains("a0effb954cca4759994f1ac9e9434bf4");
    }

    @Test
    void childStatementsOfAMultiQuestionCheckAreNotChecksOfTheirOwn() {
      assertThat(statements.subList(13, 16)).allSatisfy(child -> {
        assertThat(child.kind()).isEqualTo(EventKind.PROBLEM_OTHER);
        assertThat(child.problem().orElseThrow().blockId()).contains("a0effb954cca4759994f1ac9e9434bf4");
      });
    }

    @Test
    void aRegisteredStatementGivesTheModeAndCourse() {
      Event registered = statements.get(24);

      assertThat(registered.enrollment().orElseThrow().action()).isEqualTo(EnrollmentAction.ACTIVATED);
      assertThat(registered.enrollment().orElseThrow().mode()).contains("audit");
      assertThat(registered.enrollment().orElseThrow().courseId()).contains("course-v1:edX+DemoX+Demo_Course");
    }

    @Test
    void theActorIsTheExternalIdUntilResolved() {
      Event registered = statements.get(24);

      assertThat(registered.actor().externalId()).isPresent();
      assertThat(registered.actor().resolved()).isFalse();
      assertThat(registered.username()).isEmpty();
      assertThat(registered.enrollment().orElseThrow().userId()).isEmpty();

      Event resolved = registered.withUser(3, "edx");

      assertThat(resolved.actor().resolved()).isTrue();
      assertThat(resolved.username()).contains("edx");
      assertThat(resolved.userId()).contains(3L);
      assertThat(resolved.enrollment().orElseThrow().userId()).contains(3L);
      assertThat(resolved.json()).isEqualTo(registered.json());
    }

    @Test
    void anEarnedCourseGradeGivesScaledScore() {
      Event earned = statements.get(29);

      assertThat(earned.kind()).isEqualTo(EventKind.GRADE_EARNED);
      assertThat(earned.score()).contains(new Score(1, 1, Optional.of(1.0)));
    }
  }
}
