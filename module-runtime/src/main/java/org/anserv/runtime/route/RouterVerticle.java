package org.anserv.runtime.route;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Event;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.registry.ModuleRegistry;

/**
 * Takes submitted events (from intake and from module emitters) and delivers them: published to every module, or,
 * for hard realtime, sent to each module and answered only when all have run their handlers, with a per-handler
 * report. Chains of emitted events deeper than the limit are refused.
 */
public final class RouterVerticle extends VerticleBase {

  private final ModuleRegistry registry;
  private final int maxHops;
  private final long timeoutMillis;
  private final MeterRegistry meters;

  public RouterVerticle(ModuleRegistry registry, int maxHops, long timeoutMillis, MeterRegistry meters) {
    this.registry = registry;
    this.maxHops = maxHops;
    this.timeoutMillis = timeoutMillis;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<EventBatch>consumer(Addresses.SUBMIT, this::submit).completion();
  }

  private void submit(Message<EventBatch> message) {
    EventBatch batch = message.body();
    for (Event event : batch.events()) {
      if (event.origin().hops() > maxHops) {
        meters.counter("anserv.events.chain.refused", "module", event.origin().emittingModule().orElse("")).increment();
        message.fail(Failures.BAD_REQUEST, "Event chain too deep: '" + event.type() + "' emitted by module '"
            + event.origin().emittingModule().orElse("?") + "' is " + event.origin().hops() + " emits deep; the"
            + " limit is " + maxHops + " (setting events.max.hops). Two modules may be feeding each other.");
        return;
      }
    }
    if (!batch.sync()) {
      vertx.eventBus().publish(Addresses.EVENTS, batch);
      message.reply(new JsonObject().put("accepted", batch.events().size()));
      return;
    }
    deliverNow(batch).onComplete(report -> message.reply(report.result()));
  }

  private Future<JsonObject> deliverNow(EventBatch batch) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    List<Future<JsonObject>> replies = registry.names().stream()
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
      return new JsonObject().put("accepted", batch.events().size()).put("failed", failed).put("handlers", handlers);
    });
  }

  private static JsonObject unanswered(String module, Throwable cause) {
    String why = cause instanceof ReplyException r && r.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT
        ? "did not finish in time" : String.valueOf(cause.getMessage());
    JsonObject entry = new JsonObject().put("handler", "*").put("events", 0).put("failed", 1)
        .put("errors", new JsonArray().add(new JsonObject().put("error", "Module '" + module + "' " + why)));
    return new JsonObject().put("module", module).put("handlers", new JsonArray().add(entry));
  }
}
