package org.anserv.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.anserv.api.Event;
import org.anserv.api.event.EventKind;
import org.anserv.demo.world.Learner;
import org.anserv.demo.xapi.ErbStatements;
import org.anserv.demo.xapi.XapiActors;
import org.junit.jupiter.api.Test;

/** The demo's statements read back, through anserv's event model, as the events they were made from. */
class ErbStatementsTest {

  private final DemoWorld world = DemoWorld.generate(new DemoSpec(7, 1, 30, 6, LocalDate.of(2024, 3, 4)));

  @Test
  void everyStatementReadsAsItsEventOnceItsActorIsResolved() {
    ErbStatements erb = new ErbStatements(7, DemoWorld.LMS_ROOT);
    Map<String, Learner> byExternalId = new HashMap<>();
    for (Learner learner : world.learners()) {
      byExternalId.put(XapiActors.externalId(7, learner.id()), learner);
    }
    Map<EventKind, Integer> kinds = new HashMap<>();
    int statements = 0;
    for (Iterator<JsonObject> events = world.events(); events.hasNext(); ) {
      JsonObject raw = events.next();
      Optional<JsonObject> statement = erb.of(raw);
      Event event = Event.of(raw);
      if (statement.isEmpty()) {
        assertThat(event.kind()).as(event.type()).isIn(EventKind.OTHER, EventKind.PROBLEM_OTHER,
            EventKind.PROBLEM_ANSWER_SHOWN);
        continue;
      }
      statements++;
      Event read = Event.of(statement.get());
      Learner learner = byExternalId.get(read.actor().externalId().orElseThrow());
      read = read.withUser(learner.id(), learner.username());
      String where = event.type() + " at " + raw.getString("time");
      assertThat(read.kind()).as(where).isEqualTo(event.kind());
      assertThat(read.courseId()).as(where).isEqualTo(event.courseId());
      assertThat(read.time()).as(where).isEqualTo(event.time());
      assertThat(read.blockKey()).as(where).isEqualTo(event.blockKey());
      assertThat(read.video().map(v -> v.currentTime())).as(where).isEqualTo(event.video().map(v -> v.currentTime()));
      assertThat(read.problem().map(p -> p.grade())).as(where).isEqualTo(event.problem().map(p -> p.grade()));
      assertThat(read.problem().map(p -> p.correct())).as(where).isEqualTo(event.problem().map(p -> p.correct()));
      assertThat(read.problem().map(p -> p.attempts())).as(where).isEqualTo(event.problem().map(p -> p.attempts()));
      if (event.kind() == EventKind.PROBLEM_CHECKED) {
        assertThat(read.json().getJsonObject("object").encode()).as(where).contains("attempt-id");
      }
      assertThat(read.enrollment().map(e -> e.mode())).as(where).isEqualTo(event.enrollment().map(e -> e.mode()));
      assertThat(read.enrollment().map(e -> e.userId())).as(where)
          .isEqualTo(event.enrollment().map(e -> e.userId()));
      if (!event.kind().name().startsWith("ENROLLMENT")) {
        assertThat(read.username()).as(where).isEqualTo(event.username());
      }
      kinds.merge(read.kind(), 1, Integer::sum);
    }
    System.out.println("demo statements by kind: " + kinds);
    assertThat(statements).isGreaterThan(1000);
    assertThat(kinds).containsKeys(EventKind.VIDEO_PLAYED, EventKind.PROBLEM_CHECKED, EventKind.NAVIGATED,
        EventKind.ENROLLMENT_REGISTERED);
  }
}
