package org.anserv.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tracking event as a module sees it: a read-only, typed view of the edX event. No accessor throws: a field that
 * is absent or of the wrong type reads as empty.
 *
 * <p>The raw object is shared by every module that receives the event, so {@link #json()} and {@link #payload()}
 * return copies; prefer the typed accessors, which copy nothing.
 */
public final class Event {

  private final String id;
  private final JsonObject raw;
  private final Origin origin;
  private volatile JsonObject payload;

  private Event(String id, JsonObject raw, Origin origin) {
    this.id = Objects.requireNonNull(id, "id");
    this.raw = Objects.requireNonNull(raw, "raw");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /** An event read from {@code raw} with the given id and origin. {@code raw} must not be modified afterwards. */
  public static Event of(String id, JsonObject raw, Origin origin) {
    return new Event(id, raw, origin);
  }

  /** An event received from outside, for tests and tools; its id is empty. */
  public static Event of(JsonObject raw) {
    return new Event("", raw, Origin.EXTERNAL);
  }

  /** The stable id the runtime gave this event (client-provided or derived from its content). */
  public String id() {
    return id;
  }

  /**
   * The event's type: {@code event_type}, or {@code name} when {@code event_type} is absent (eventtracking shape);
   * empty string when neither is present. Server page views carry the URL path here.
   */
  public String type() {
    String type = text(raw, "event_type");
    return type != null ? type : Objects.requireNonNullElse(text(raw, "name"), "");
  }

  /** The newer dotted name ({@code edx.video.played}) when the event carries one beside its legacy type. */
  public Optional<String> name() {
    return Optional.ofNullable(text(raw, "name"));
  }

  /** Where the event was produced ({@code event_source}). */
  public Optional<Source> source() {
    return Source.parse(text(raw, "event_source"));
  }

  /** The acting user's username ({@code username}, else {@code context.username}); empty for anonymous events. */
  public Optional<String> username() {
    String user = text(raw, "username");
    if (user == null || user.isEmpty()) {
      user = text(context(), "username");
    }
    return Optional.ofNullable(user).filter(u -> !u.isEmpty());
  }

  /** The platform's numeric user id ({@code context.user_id}). */
  public Optional<Long> userId() {
    Object value = context().getValue("user_id");
    if (value instanceof Number n) {
      return Optional.of(n.longValue());
    }
    if (value instanceof String s && !s.isEmpty()) {
      try {
        return Optional.of(Long.parseLong(s));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The course id ({@code context.course_id}); empty when the event is not about a course. */
  public Optional<String> courseId() {
    return Optional.ofNullable(text(context(), "course_id")).filter(c -> !c.isEmpty());
  }

  /** When the event happened ({@code time}, else {@code timestamp}), in any of the formats edX emits. */
  public Optional<Instant> time() {
    String time = text(raw, "time");
    return Timestamps.parse(time != null ? time : text(raw, "timestamp"));
  }

  /** The session id ({@code session}). */
  public Optional<String> session() {
    return Optional.ofNullable(text(raw, "session")).filter(s -> !s.isEmpty());
  }

  /** The page URL the event came from ({@code page}). */
  public Optional<String> page() {
    return Optional.ofNullable(text(raw, "page")).filter(s -> !s.isEmpty());
  }

  /** The client IP address ({@code ip}). */
  public Optional<String> ip() {
    return Optional.ofNullable(text(raw, "ip")).filter(s -> !s.isEmpty());
  }

  /** The browser's user agent ({@code agent}). */
  public Optional<String> agent() {
    return Optional.ofNullable(text(raw, "agent")).filter(s -> !s.isEmpty());
  }

  /** The host that logged the event ({@code host}). */
  public Optional<String> host() {
    return Optional.ofNullable(text(raw, "host")).filter(s -> !s.isEmpty());
  }

  /** A string field of the {@code context} object. */
  public Optional<String> contextText(String field) {
    return Optional.ofNullable(text(context(), field));
  }

  /**
   * A copy of the payload: the {@code event} field as an object whether it arrived as an object (server events) or
   * as a JSON-encoded string (browser events), else the {@code data} field (eventtracking shape). Empty object when
   * absent or not a JSON object.
   */
  public JsonObject payload() {
    return parsedPayload().copy();
  }

  /** A string field of the payload, without copying it. */
  public Optional<String> payloadText(String field) {
    return Optional.ofNullable(text(parsedPayload(), field));
  }

  /** A numeric field of the payload (numbers and numeric strings), without copying it. */
  public Optional<Double> payloadNumber(String field) {
    Object value = parsedPayload().getValue(field);
    if (value instanceof Number n) {
      return Optional.of(n.doubleValue());
    }
    if (value instanceof String s) {
      try {
        return Optional.of(Double.parseDouble(s.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The event as received: a copy of the whole object. */
  public JsonObject json() {
    return raw.copy();
  }

  /** Who put the event into anserv: outside producers, or a module through its {@link Emitter}. */
  public Origin origin() {
    return origin;
  }

  JsonObject context() {
    Object context = raw.getValue("context");
    return context instanceof JsonObject c ? c : EMPTY;
  }

  private JsonObject parsedPayload() {
    JsonObject parsed = payload;
    if (parsed == null) {
      parsed = decodePayload(raw.getValue("event"));
      if (parsed == null) {
        parsed = decodePayload(raw.getValue("data"));
      }
      payload = parsed = parsed != null ? parsed : EMPTY;
    }
    return parsed;
  }

  private static JsonObject decodePayload(Object value) {
    if (value instanceof JsonObject object) {
      return object;
    }
    if (value instanceof String text && text.startsWith("{")) {
      try {
        return new JsonObject(text);
      } catch (DecodeException e) {
        return null;
      }
    }
    return null;
  }

  private static String text(JsonObject object, String field) {
    Object value = object.getValue(field);
    return value instanceof String s ? s : null;
  }

  private static final JsonObject EMPTY = new JsonObject();

  @Override
  public String toString() {
    return "Event[" + id + " " + type() + "]";
  }
}
