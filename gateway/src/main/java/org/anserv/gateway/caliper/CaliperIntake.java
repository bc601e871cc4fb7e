package org.anserv.gateway.caliper;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.gateway.http.ApiError;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.route.EventIds;

/**
 * {@code POST /caliper}: Caliper 1.2 envelopes as event-routing-backends sends them, one per request, or a JSON
 * array of envelopes when its batching is on. Each event of each envelope's {@code data} is stored as sent (its
 * {@code urn:uuid} id deduplicates a retried envelope). Answers as the Caliper spec asks: {@code 200} with an empty
 * body once stored; {@code 415} for a content type other than JSON; {@code 400} for what is not an envelope;
 * {@code 422} for a {@code dataVersion} other than Caliper 1.1 or 1.2.
 */
public final class CaliperIntake {

  /** The path served, for handlers (authentication) mounted in front of it. */
  public static final String PATH = "/caliper";

  private static final Set<String> VERSIONS = Set.of("http://purl.imsglobal.org/ctx/caliper/v1p2",
      "http://purl.imsglobal.org/ctx/caliper/v1p1");

  private final Vertx vertx;
  private final long timeoutMillis;
  private final long maxBodyBytes;
  private final MeterRegistry meters;

  public CaliperIntake(Vertx vertx, long timeoutMillis, long maxBodyBytes, MeterRegistry meters) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
    this.maxBodyBytes = maxBodyBytes;
    this.meters = meters;
  }

  /**
   * Adds the route to {@code router}.
   *
   * @param router the gateway's router
   * @param auth the producer authentication run before an envelope is read
   */
  public void mount(Router router, Handler<RoutingContext> auth) {
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(auth).handler(this::post);
  }

  private void post(RoutingContext ctx) {
    String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json") && !type.startsWith("application/ld+json")) {
      ApiError.send(ctx, 415, "Caliper envelopes are sent as application/json, not " + type + ".");
      return;
    }
    List<Event> events = new ArrayList<>();
    try {
      Object body = Json.decodeValue(ctx.body().buffer());
      JsonArray envelopes = body instanceof JsonArray array ? array : new JsonArray().add(body);
      for (int i = 0; i < envelopes.size(); i++) {
        read(envelopes.getValue(i), "envelope " + i, events);
      }
    } catch (DecodeException | NullPointerException e) {
      ApiError.send(ctx, 400, "The body is not JSON: send one Caliper envelope {\"sensor\", \"sendTime\","
          + " \"dataVersion\", \"data\": [events]} or an array of them.");
      return;
    } catch (EnvelopeException e) {
      ApiError.send(ctx, e.status, e.getMessage());
      return;
    }
    if (events.isEmpty()) {
      ctx.response().setStatusCode(200).end();
      return;
    }
    vertx.eventBus().request(Addresses.SUBMIT, new EventBatch(events, false),
            Addresses.submitOptions(timeoutMillis))
        .onSuccess(reply -> {
          meters.counter("anserv.intake.events", "format", "caliper", "outcome", "accepted").increment(events.size());
          ctx.response().setStatusCode(200).end();
        })
        .onFailure(cause -> ApiError.fromBus(ctx, ApiError.EVENT_LOG, cause));
  }

  private static void read(Object value, String where, List<Event> events) {
    if (!(value instanceof JsonObject envelope)) {
      throw new EnvelopeException(400, where + " is not a JSON object: send {\"sensor\", \"sendTime\","
          + " \"dataVersion\", \"data\": [events]}.");
    }
    for (String field : List.of("sensor", "sendTime", "dataVersion")) {
      if (!(envelope.getValue(field) instanceof String)) {
        throw new EnvelopeException(400, where + " has no \"" + field + "\": a Caliper envelope needs sensor,"
            + " sendTime, dataVersion and data.");
      }
    }
    if (!VERSIONS.contains(envelope.getString("dataVersion"))) {
      throw new EnvelopeException(422, where + " has dataVersion " + envelope.getString("dataVersion")
          + ", which anserv does not read: send http://purl.imsglobal.org/ctx/caliper/v1p2 (or v1p1).");
    }
    if (!(envelope.getValue("data") instanceof JsonArray data)) {
      throw new EnvelopeException(400, where + " has no \"data\" array of events.");
    }
    for (int i = 0; i < data.size(); i++) {
      if (!(data.getValue(i) instanceof JsonObject event) || !(event.getValue("type") instanceof String)) {
        throw new EnvelopeException(400, where + ", data[" + i + "] is not a Caliper event (an object with a"
            + " type).");
      }
      events.add(Event.of(EventIds.of(event).toString(), event, Origin.EXTERNAL));
    }
  }

  private static final class EnvelopeException extends RuntimeException {

    private final int status;

    EnvelopeException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
