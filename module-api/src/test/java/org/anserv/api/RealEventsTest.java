package org.anserv.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.anserv.api.event.EventFamily;
import org.anserv.api.event.ProblemAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every real event in {@code ../shared/data} through every accessor. The expected counts were obtained with an
 * independent Python reading of the same files and agree with {@code edx-events/FORMATS.md} where it states them.
 */
class RealEventsTest {

  private static Corpus edx;
  private static Corpus xapiInput;

  @BeforeAll
  static void readSharedData() throws IOException {
    Optional<Path> data = sharedData();
    assumeTrue(data.isPresent(),
        "SKIPPED: real edX events not found (looked for shared/data beside an ancestor of "
            + Path.of("").toAbsolutePath() + "); these tests need ../shared/data");
    Path events = data.get().resolve("edx-events");
    try (Stream<Path> files = Files.list(events)) {
      edx = Corpus.read(files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".ndjson"))
          .sorted().toList());
    }
    xapiInput = Corpus.read(List.of(data.get().resolve("xapi/erb-input-events.ndjson")));
  }

  static Optional<Path> sharedData() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data");
      if (Files.isDirectory(candidate.resolve("edx-events"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Test
  void everyLineButTheTwoBrokenOnesParsesAndNoAccessorThrows() {
    assertThat(edx.lines).isEqualTo(2739);
    assertThat(edx.broken).isEqualTo(2);
    assertThat(edx.events).hasSize(2737);
    edx.events.forEach(RealEventsTest::touchEverything);
    assertThat(xapiInput.broken).isZero();
    assertThat(xapiInput.events).hasSize(34);
    xapiInput.events.forEach(RealEventsTest::touchEverything);
  }

  @Test
  void everyVideoEventHasAVideoId() {
    List<Event> videos = edx.events.stream().filter(e -> e.video().isPresent()).toList();

    assertThat(videos).hasSize(156);
    assertThat(videos).allSatisfy(e -> assertThat(e.video().orElseThrow().blockId()).isPresent());
    assertThat(videos).allSatisfy(e -> assertThat(e.family()).isEqualTo(EventFamily.VIDEO));
  }

  @Test
  void serverChecksCarryTheirOutcome() {
    long correct = countChecks(true);
    long incorrect = countChecks(false);

    assertThat(correct).isEqualTo(108);
    assertThat(incorrect).isEqualTo(157);
  }

  @Test
  void browserChecksNameTheirProblemThroughInputNames() {
    long named = edx.events.stream()
        .filter(e -> e.payloadString().isPresent())
        .filter(e -> e.problem().filter(p -> p.action() == ProblemAction.CHECK && p.problemId().isPresent())
            .isPresent())
        .count();

    assertThat(named).isEqualTo(147);
  }

  @Test
  void enrollmentsNameTheLearnerInThePayload() {
    List<Event> enrollments = edx.events.stream().filter(e -> e.enrollment().isPresent()).toList();

    assertThat(enrollments).hasSize(75);
    assertThat(enrollments.stream().filter(e -> e.enrollment().orElseThrow().userId().isPresent())).hasSize(74);
  }

  @Test
  void navigationEventsAreRecognisedUnderBothNames() {
    List<Event> navigation = edx.events.stream().filter(e -> e.navigation().isPresent()).toList();

    assertThat(navigation).hasSize(107);
    assertThat(navigation.stream().filter(e -> e.navigation().orElseThrow().sequenceId().isPresent())).hasSize(66);
  }

  @Test
  void recoversCoursesBeyondTheContextField() {
    long inContext = edx.events.stream()
        .filter(e -> e.contextText("course_id").filter(c -> !c.isEmpty()).isPresent()).count();
    long found = edx.events.stream().filter(e -> e.courseId().isPresent()).count();

    assertThat(inContext).isEqualTo(1780);
    assertThat(found).isGreaterThan(inContext);
  }

  @Test
  void everyTrackingShapedEventHasATime() {
    assertThat(edx.events.stream().filter(e -> !e.type().isEmpty()).filter(e -> e.time().isEmpty())).isEmpty();
  }

  private static long countChecks(boolean correct) {
    return edx.events.stream()
        .filter(e -> e.problem().filter(p -> p.action() == ProblemAction.CHECK && p.problemId().isPresent()
            && p.correct().equals(Optional.of(correct))).isPresent())
        .count();
  }

  private static void touchEverything(Event e) {
    e.id();
    e.type();
    e.name();
    e.family();
    e.source();
    e.username();
    e.userId();
    e.courseId();
    e.orgId();
    e.time();
    e.session();
    e.page();
    e.referer();
    e.ip();
    e.agent();
    e.host();
    e.contextPath();
    e.usageKey();
    e.contextText("course_id");
    e.payload();
    e.payloadArray();
    e.payloadString();
    e.payloadText("id");
    e.payloadNumber("currentTime");
    e.json();
    e.origin();
    e.video().ifPresent(v -> v.blockId());
    e.problem().ifPresent(p -> {
      p.blockId();
      p.score();
    });
    e.navigation();
    e.enrollment();
    e.toString();
  }

  private record Corpus(int lines, int broken, List<Event> events) {

    static Corpus read(List<Path> files) throws IOException {
      int lines = 0;
      int broken = 0;
      List<Event> events = new ArrayList<>();
      for (Path file : files) {
        for (String line : Files.readAllLines(file)) {
          String json = jsonOf(line);
          if (json == null) {
            continue;
          }
          lines++;
          try {
            events.add(Event.of(new JsonObject(json)));
          } catch (DecodeException e) {
            broken++;
          }
        }
      }
      return new Corpus(lines, broken, events);
    }

    // Blank and '#' lines are fixture artefacts; a Python logging prefix ends with " - " before the JSON.
    private static String jsonOf(String line) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        return null;
      }
      int prefix = trimmed.indexOf(" - {");
      return !trimmed.startsWith("{") && prefix >= 0 ? trimmed.substring(prefix + 3) : trimmed;
    }
  }
}
