package org.anserv.runtime.route;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.anserv.api.Event;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an identical re-send of an xAPI statement from a conflicting one: same id, different content. The log keeps
 * the first either way; a conflict is counted ({@code anserv_xapi_conflicts_total}), logged, and reported to the
 * sender, who decides what to answer. Only duplicates are compared, by reading the stored original at the offset
 * the log gave, so fresh statements cost nothing. Comparison ignores what the xAPI spec says an LRS may set
 * ({@code stored}, {@code authority}, {@code version}) and the verb's display text.
 */
final class StatementConflicts {

  private static final Logger LOG = LoggerFactory.getLogger(StatementConflicts.class);

  private final EventLog log;
  private final MeterRegistry meters;

  StatementConflicts(EventLog log, MeterRegistry meters) {
    this.log = log;
    this.meters = meters;
  }

  /** The ids of the statements of {@code events} that duplicate a stored statement with different content. */
  Future<JsonArray> find(List<Event> events, List<AppendResult> results) {
    List<Future<String>> checks = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      if (results.get(i).duplicate() && event.isStatement()) {
        checks.add(compare(event, results.get(i).offset()));
      }
    }
    if (checks.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    return Future.join(checks).map(all -> {
      JsonArray conflicts = new JsonArray();
      for (Future<String> check : checks) {
        if (check.succeeded() && check.result() != null) {
          conflicts.add(check.result());
        }
      }
      return conflicts;
    });
  }

  private Future<String> compare(Event resent, long offset) {
    return log.read(offset, 1).map(records -> {
      if (records.isEmpty() || records.getFirst().offset() != offset) {
        return null; // removed by retention: nothing left to compare with
      }
      JsonObject stored = LogCodec.event(records.getFirst()).event().json();
      JsonObject again = resent.json();
      if (comparable(stored).equals(comparable(again))) {
        return null;
      }
      String id = String.valueOf(again.getValue("id"));
      meters.counter("anserv.xapi.conflicts").increment();
      LOG.warn("xAPI statement {} was sent again with different content; the first one is kept. Stored: {} Sent: {}",
          id, stored.encode(), again.encode());
      return id;
    });
  }

  private static JsonObject comparable(JsonObject statement) {
    statement.remove("stored");
    statement.remove("authority");
    statement.remove("version");
    if (statement.getValue("verb") instanceof JsonObject verb) {
      verb.remove("display");
    }
    return statement;
  }
}
