package org.anserv.modules.activity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.Collection;
import org.anserv.api.Db;
import org.anserv.modules.activity.Batch.Mark;
import org.anserv.modules.activity.Batch.Slot;

/**
 * Writes what a {@link Batch} of events changes: the event counters of each scope, each student's events and first
 * and last seen, and, for students seen for the first time in a period, that period's count of active students.
 *
 * <p>Every write updates one small document found through a unique index, once per batch whatever the number of
 * events, in two rounds of writes that run side by side. Whether a student is new in a period is answered by the
 * database itself (the first round's update of their presence mark matches nothing; the second round creates it and
 * counts them), so the counts stay exact when events arrive late or out of order; that relies on no two batches
 * being handled at once, which the runtime guarantees.
 *
 * <p>Measured on the embedded MongoDB (mongo-java-server) with the demo world: handled event by event, several
 * round trips per event held the module to about 220 events/s; in batches of 1,000 it handles about 2,000 events/s
 * on a loaded 2-core machine.
 */
final class Recorder {

  private boolean indexed;

  /** Writes {@code batch}; the first call also creates the indexes every write and query relies on. */
  Future<Void> record(Batch batch, Db db) {
    Future<Void> ready = indexed ? Future.succeededFuture() : createIndexes(db).onSuccess(v -> indexed = true);
    return ready.compose(v -> write(batch, db));
  }

  private static Future<Void> write(Batch batch, Db db) {
    List<Future<?>> writes = new ArrayList<>();
    batch.scopes().forEach((scope, counter) ->
        writes.add(db.collection("scopes").update(new JsonObject().put("_id", scope), counter.update(false), true)));
    batch.students().forEach((student, counter) ->
        writes.add(db.collection("students").update(student.query(), counter.update(true), true)));
    Map<Mark, Future<Long>> known = new LinkedHashMap<>();
    batch.marks().forEach((mark, events) ->
        known.put(mark, db.collection(mark.slot().period().presence()).update(mark.query(), seen(events), false)));
    writes.addAll(known.values());
    return Future.all(writes).compose(done -> {
      List<Mark> first = known.entrySet().stream().filter(e -> e.getValue().result() == 0).map(Map.Entry::getKey)
          .toList();
      return markFirst(first, batch, db);
    });
  }

  // Marks students seen for the first time in a period, and adds them to the period's count.
  private static Future<Void> markFirst(List<Mark> marks, Batch batch, Db db) {
    List<Future<?>> writes = new ArrayList<>();
    Map<Slot, Long> newcomers = new LinkedHashMap<>();
    for (Mark mark : marks) {
      Collection presence = db.collection(mark.slot().period().presence());
      writes.add(presence.update(mark.query(), seen(batch.marks().get(mark)), true));
      newcomers.merge(mark.slot(), 1L, Long::sum);
    }
    newcomers.forEach((slot, students) ->
        writes.add(db.collection(slot.period().counts()).increment(slot.query(), "students", students)));
    return Future.all(writes).mapEmpty();
  }

  private static JsonObject seen(long events) {
    return new JsonObject().put("$inc", new JsonObject().put("events", events));
  }

  private static Future<Void> createIndexes(Db db) {
    List<Future<Void>> indexes = new ArrayList<>();
    Collection students = db.collection("students");
    indexes.add(students.createIndex(new JsonObject().put("course", 1).put("user", 1), true));
    indexes.add(students.createIndex(new JsonObject().put("course", 1).put("last", -1), false));
    indexes.add(students.createIndex(new JsonObject().put("user", 1), false));
    for (Period period : Period.values()) {
      indexes.add(db.collection(period.presence()).createIndex(
          new JsonObject().put("course", 1).put(period.field(), 1).put("user", 1), true));
      indexes.add(db.collection(period.counts()).createIndex(
          new JsonObject().put("course", 1).put(period.field(), 1), true));
    }
    return Future.all(indexes).mapEmpty();
  }
}
