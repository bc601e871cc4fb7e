package org.anserv.runtime.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.anserv.api.Event;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.bus.LiveBatch;
import org.anserv.runtime.bus.LoggedEvent;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogUnavailableException;
import org.anserv.runtime.registry.ModuleRegistry;

/**
 * Takes submitted events (from intake and from module emitters), appends them durably to the event log, and only
 * then answers: with {@code accepted} and {@code duplicates} (and {@code conflicts}, the ids of xAPI statements
 * re-sent with different content, when there are any), after pushing the new events to every module's
 * realtime handlers; or, for hard realtime, after every module ran them, with a per-handler report. Runs as one
 * instance, so pushes leave in log order. Chains of emitted events deeper than the limit are refused.
 */
public final class RouterVerticle extends VerticleBase {

  private final EventLog log;
  private final ModuleRegistry registry;
  private final int maxHops;
  private final long timeoutMillis;
  private final MeterRegistry meters;
  private final StatementConflicts statementConflicts;

  public RouterVerticle(EventLog log, ModuleRegistry registry, int maxHops, long timeoutMillis, MeterRegistry meters) {
    this.log = log;
    this.registry = registry;
    this.maxHops = maxHops;
    this.timeoutMillis = timeoutMillis;
    this.meters = meters;
    this.statementConflicts = new StatementConflicts(log, meters);
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<EventBatch>consumer(Addresses.SUBMIT, this::submit).completion();
  }

  private void submit(Message<EventBatch> message) {
    EventBatch batch = message.body();
    for (Event event : batch.events()) {
      if (event.origin().hops() > maxHops) {
        Counter.builder("anserv.events.chain.refused").description("Emitted events refused as chained too deep")
            .tag("module", event.origin().emittingModule().orElse("")).register(meters).increment();
        message.fail(Failures.BAD_REQUEST, "Event chain too deep: '" + event.type() + "' emitted by module '"
            + event.origin().emittingModule().orElse("?") + "' is " + event.origin().hops() + " emits deep; the"
            + " limit is " + maxHops + " (setting events.max.hops). Two modules may be feeding each other.");
        return;
      }
    }
    List<LogEntry> entries = batch.events().stream().map(LogCodec::entry).toList();
    log.append(entries).onComplete(appended -> {
      if (appended.failed()) {
        refuse(message, appended.cause());
        return;
      }
      List<LoggedEvent> fresh = fresh(batch.events(), appended.result());
      int duplicates = batch.events().size() - fresh.size();
      if (!fresh.isEmpty() && !batch.sync()) {
        vertx.eventBus().publish(Addresses.EVENTS, new LiveBatch(fresh));
      }
      Future<JsonArray> conflicts = duplicates == 0 ? Future.succeededFuture(new JsonArray())
          : statementConflicts.find(batch.events(), appended.result()).otherwise(new JsonArray());
      conflicts.onComplete(found -> {
        JsonObject counts = new JsonObject().put("accepted", batch.events().size()).put("duplicates", duplicates);
        if (!found.result().isEmpty()) {
          counts.put("conflicts", found.result());
        }
        if (!batch.sync()) {
          message.reply(counts);
        } else {
          deliverNow(new LiveBatch(fresh)).onComplete(report -> message.reply(report.result().mergeIn(counts)));
        }
      });
    });
  }

  private static List<LoggedEvent> fresh(List<Event> events, List<AppendResult> results) {
    long now = System.currentTimeMillis();
    List<LoggedEvent> fresh = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      if (!results.get(i).duplicate()) {
        fresh.add(new LoggedEvent(results.get(i).offset(), now, events.get(i)));
      }
    }
    return fresh;
  }

  private void refuse(Message<EventBatch> message, Throwable cause) {
    Counter.builder("anserv.events.refused").description("Batches of events the router refused, by reason")
        .tag("reason", cause instanceof LogUnavailableException ? "log_unavailable" : "bad_request")
        .register(meters).increment();
    if (cause instanceof LogUnavailableException) {
      message.fail(Failures.UNAVAILABLE, "The event log cannot accept events now (" + cause.getMessage() + ");"
          + " nothing of this request was stored: retry in a few seconds.");
    } else {
      message.fail(Failures.BAD_REQUEST, String.valueOf(cause.getMessage()));
    }
  }

  private Future<JsonObject> deliverNow(LiveBatch batch) {
    if (batch.events().isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("failed", 0).put("handlers", new JsonArray()));
    }
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    List<Future<JsonObject>> replies = registry.instances().stream()
        .map(module -> vertx.eventBus().<JsonObject>request(Addresses.moduleEvents(module), batch, options)
            .map(Message::body)
            .otherwise(cause -> unanswered(module, cause)))
        .toList();
    return Future.join(replies).map(all -> {
      JsonArray handlers = new JsonArray();
      int failed = 0;
      for (Future<JsonObject> reply : replies) {
        JsonObject body = reply.result();
        for (Object h : body.getJsonArray("handlers")) {
          JsonObject handler = ((JsonObject) h).copy().put("module", body.getString("module"));
          failed += handler.getInteger("failed", 0);
          handlers.add(handler);
        }
      }
      return new JsonObject().put("failed", failed).put("handlers", handlers);
    });
  }

  private static JsonObject unanswered(String module, Throwable cause) {
    String why = cause instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT
        ? "did not finish in time; the events are in the log and it will handle them" : String.valueOf(
            cause.getMessage());
    JsonObject entry = new JsonObject().put("handler", "*").put("events", 0).put("failed", 1)
        .put("errors", new JsonArray().add(new JsonObject().put("error", "Module '" + module + "' " + why)));
    return new JsonObject().put("module", module).put("handlers", new JsonArray().add(entry));
  }
}
