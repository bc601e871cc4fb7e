package org.anserv.gateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.gateway.GatewaySettings;
import org.anserv.gateway.http.ApiError;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.route.EventIds;

/**
 * {@code POST /events} and {@code GET /events}: reads events in every format producers send, gives each a stable
 * id, and submits them for delivery. Answers {@code 202} once submitted, or with {@code ?sync=true} (or header
 * {@code Anserv-Sync: true}) {@code 200} after every subscribed handler ran, with a per-handler report.
 */
public final class EventIntake {

  /** The header asking for hard-realtime delivery. */
  public static final String SYNC_HEADER = "Anserv-Sync";

  private final Vertx vertx;
  private final GatewaySettings settings;
  private final EventText text;
  private final IntakeMetrics metrics;

  public EventIntake(Vertx vertx, GatewaySettings settings, MeterRegistry meters) {
    this.vertx = vertx;
    this.settings = settings;
    this.text = new EventText(settings.maxEventBytes(), settings.maxEventsPerRequest());
    this.metrics = new IntakeMetrics(meters);
  }

  /** {@code POST /events}, its body already read. */
  public void post(RoutingContext ctx) {
    String type = mediaType(ctx.request().getHeader("Content-Type"));
    String format = format(type);
    Timer.Sample sample = metrics.start();
    try {
      Buffer body = format.equals("form") ? null
          : BodyDecoding.decode(ctx.request().getHeader("Content-Encoding"), ctx.body().buffer(),
              settings.maxBodyBytes());
      switch (format) {
        case "json" -> submit(ctx, format, text.json(body), sample);
        case "ndjson" -> submit(ctx, format, text.lines(body), sample);
        case "form" -> submit(ctx, format, text.any(logMessage(ctx.request().formAttributes())), sample);
        default -> throw new BadBodyException(415, (type.isEmpty() ? "The request has no Content-Type" :
            "Content-Type " + type + " is not an event format") + ": send application/json (an event or an array),"
            + " application/x-ndjson (one event per line) or application/x-www-form-urlencoded with the event in"
            + " field msg, as Python's logging HTTPHandler does.");
      }
    } catch (BadBodyException e) {
      metrics.refused(format, e.status());
      ApiError.send(ctx, e.status(), e.getMessage());
    }
  }

  private static String format(String mediaType) {
    return switch (mediaType) {
      case "application/json", "text/json" -> "json";
      case "application/x-ndjson", "application/ndjson", "application/jsonlines", "application/x-jsonlines",
           "application/jsonl", "text/plain" -> "ndjson";
      case "application/x-www-form-urlencoded", "multipart/form-data" -> "form";
      default -> "other";
    };
  }

  /** {@code GET /events?msg=...}: what Python's logging HTTPHandler sends in its default GET mode. */
  public void get(RoutingContext ctx) {
    Timer.Sample sample = metrics.start();
    try {
      submit(ctx, "query", text.any(logMessage(ctx.queryParams())), sample);
    } catch (BadBodyException e) {
      metrics.refused("query", e.status());
      ApiError.send(ctx, e.status(), e.getMessage());
    }
  }

  private void submit(RoutingContext ctx, String format, ParsedEvents parsed, Timer.Sample sample) {
    metrics.rejected(format, parsed.rejectedByReason());
    if (parsed.events().isEmpty()) {
      metrics.refused(format, 400);
      ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(ApiError.body(400, "No event in the request could be read: see 'rejected' for each part and why.")
              .put("rejected", parsed.rejected()).encode());
      return;
    }
    boolean sync = isSync(ctx);
    List<Event> events = new ArrayList<>(parsed.events().size());
    int withoutType = 0;
    int withoutTime = 0;
    for (JsonObject raw : parsed.events()) {
      Event event = Event.of(EventIds.of(raw).toString(), raw, Origin.EXTERNAL);
      // Field presence only: parsing every timestamp here would cost more than the rest of intake per event.
      withoutType += event.type().isEmpty() ? 1 : 0;
      withoutTime += raw.getValue("time") instanceof String || raw.getValue("timestamp") instanceof String ? 0 : 1;
      events.add(event);
    }
    metrics.quirks(format, withoutType, withoutTime);
    vertx.eventBus().<JsonObject>request(Addresses.SUBMIT, new EventBatch(events, sync),
            Addresses.submitOptions(settings.callTimeoutMillis()))
        .map(Message::body)
        .onSuccess(report -> {
          metrics.stored(format, report.getInteger("accepted", 0) - report.getInteger("duplicates", 0),
              report.getInteger("duplicates", 0));
          metrics.done(sample, format, sync, sync ? 200 : 202);
          if (!parsed.rejected().isEmpty()) {
            report.put("rejected", parsed.rejected());
          }
          ctx.response().setStatusCode(sync ? 200 : 202).putHeader("Content-Type", "application/json; charset=utf-8")
              .end(report.encode());
        })
        .onFailure(cause -> {
          metrics.refusedEvents(format, events.size());
          metrics.done(sample, format, sync, ApiError.failure(ApiError.EVENT_LOG, cause).status());
          ApiError.fromBus(ctx, ApiError.EVENT_LOG, cause);
        });
  }

  private static boolean isSync(RoutingContext ctx) {
    String param = ctx.request().getParam("sync");
    String header = ctx.request().getHeader(SYNC_HEADER);
    return "true".equalsIgnoreCase(param) || "1".equals(param) || "true".equalsIgnoreCase(header);
  }

  private static String logMessage(MultiMap fields) {
    String message = fields.get("msg");
    if (message == null) {
      message = fields.get("message");
    }
    if (message == null) {
      throw new BadBodyException(400, "The form has no field 'msg' (nor 'message'): put the event JSON in msg, as"
          + " Python's logging HTTPHandler does. Sending JSON? Set Content-Type: application/json.");
    }
    return message;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
