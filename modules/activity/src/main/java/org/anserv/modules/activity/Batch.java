package org.anserv.modules.activity;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anserv.api.Event;

/**
 * A batch of events summed in memory, so that each document they touch is written once per batch however many
 * events touch it: event counters per scope, per student in a scope, and per student in a scope and period. An event
 * counts in the scope of all courses and, when it has a course id, in that course's scope.
 */
final class Batch {

  private final Map<String, Counter> scopes = new LinkedHashMap<>();
  private final Map<Student, Counter> students = new LinkedHashMap<>();
  private final Map<Mark, Long> marks = new LinkedHashMap<>();

  /** A student in a scope. */
  record Student(String scope, String user) {

    /** The query finding the student's document in {@code students}. */
    JsonObject query() {
      return new JsonObject().put("course", scope).put("user", user);
    }
  }

  /** One period (a day or a week, by key) in one scope. */
  record Slot(Period period, String scope, String key) {

    /** The query finding the slot's count of active students in its period's counts. */
    JsonObject query() {
      return new JsonObject().put("course", scope).put(period.field(), key);
    }
  }

  /** A student's presence in a slot. */
  record Mark(Slot slot, String user) {

    /** The query finding the presence mark in its period's collection. */
    JsonObject query() {
      return slot.query().put("user", user);
    }
  }

  /** A batch of {@code events}. */
  static Batch of(List<Event> events) {
    Batch batch = new Batch();
    events.forEach(batch::add);
    return batch;
  }

  private void add(Event event) {
    Optional<Instant> time = event.time();
    Optional<String> user = event.username();
    add(Activity.ALL, user, time);
    event.courseId().ifPresent(course -> add(course, user, time));
  }

  private void add(String scope, Optional<String> user, Optional<Instant> time) {
    scopes.computeIfAbsent(scope, s -> new Counter()).add(time);
    if (user.isEmpty()) {
      return;
    }
    students.computeIfAbsent(new Student(scope, user.get()), s -> new Counter()).add(time);
    time.ifPresent(t -> {
      LocalDate date = LocalDate.ofInstant(t, ZoneOffset.UTC);
      for (Period period : Period.values()) {
        marks.merge(new Mark(new Slot(period, scope, period.key(date)), user.get()), 1L, Long::sum);
      }
    });
  }

  /** Events, first and last time per scope ({@link Activity#ALL} or a course id). */
  Map<String, Counter> scopes() {
    return scopes;
  }

  /** Events, first and last time per student and scope. */
  Map<Student, Counter> students() {
    return students;
  }

  /** Events per presence mark: student, scope and period. */
  Map<Mark, Long> marks() {
    return marks;
  }
}
