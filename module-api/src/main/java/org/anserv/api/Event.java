package org.anserv.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.anserv.api.event.Actor;
import org.anserv.api.event.EnrollmentActivity;
import org.anserv.api.event.EventFamily;
import org.anserv.api.event.EventKind;
import org.anserv.api.event.NavigationActivity;
import org.anserv.api.event.ProblemActivity;
import org.anserv.api.event.Score;
import org.anserv.api.event.UsageKey;
import org.anserv.api.event.VideoActivity;

/**
 * One tracking event as a module sees it: a read-only, typed view of the edX event. No accessor throws: a field that
 * is absent or of the wrong type reads as empty.
 *
 * <p>Every real layout is understood: the tracking-log line ({@code event_type}, {@code time}, {@code event}), the
 * eventtracking record ({@code name}, {@code timestamp}, {@code data}, user and source inside {@code context}), and
 * hybrids of the two. The payload is decoded whether it arrived as an object (server), as JSON text (browser) or as
 * JSON text of JSON text (2014-era browser).
 *
 * <pre>{@code
 * event.video().filter(v -> v.action() == VideoAction.PLAY)
 *     .ifPresent(v -> count(event.courseId().orElse(""), v.blockId().orElse("")));
 * }</pre>
 *
 * <p>The raw object is shared by every module that receives the event, so {@link #json()} and {@link #payload()}
 * return copies; prefer the typed accessors, which copy nothing.
 */
public final class Event {

  private static final JsonObject EMPTY = new JsonObject();

  private final String id;
  private final JsonObject received;
  // What every accessor reads: the received object, or for an xAPI statement the edX event it stands for.
  private final JsonObject raw;
  private final boolean statement;
  private final Origin origin;
  private volatile Payload payload;

  private Event(String id, JsonObject received, Origin origin, StatementView.ResolvedUser user) {
    this.id = Objects.requireNonNull(id, "id");
    this.received = Objects.requireNonNull(received, "raw");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.statement = StatementView.isStatement(received);
    this.raw = statement ? StatementView.edxView(received, user) : received;
  }

  /** An event read from {@code raw} with the given id and origin. {@code raw} must not be modified afterwards. */
  public static Event of(String id, JsonObject raw, Origin origin) {
    return new Event(id, raw, origin, null);
  }

  /** An event received from outside, for tests and tools; its id is empty. */
  public static Event of(JsonObject raw) {
    return new Event("", raw, Origin.EXTERNAL, null);
  }

  /**
   * A copy of this xAPI statement with its actor resolved to the platform user {@code userId} / {@code username}:
   * {@link #username()}, {@link #userId()} and {@link #actor()} then answer as for a tracking event. The runtime does
   * this from the SQL read-replica; for any other event this returns the event itself.
   */
  public Event withUser(long userId, String username) {
    return statement ? new Event(id, received, origin, new StatementView.ResolvedUser(userId, username)) : this;
  }

  /** The stable id the runtime gave this event (client-provided or derived from its content). */
  public String id() {
    return id;
  }

  /**
   * The event's type: {@code event_type}, or {@code name} when {@code event_type} is absent or empty (eventtracking
   * shape); empty string when neither is present. Server page views carry the URL path here. Legacy events keep their
   * legacy type ({@code play_video}, {@code seq_next}) even when {@link #name()} gives the new one.
   */
  public String type() {
    String type = text(raw, "event_type");
    if (type != null && !type.isEmpty()) {
      return type;
    }
    return Objects.requireNonNullElse(text(raw, "name"), "");
  }

  /** The newer dotted name ({@code edx.video.played}) when the event carries one beside its legacy type. */
  public Optional<String> name() {
    return Optional.ofNullable(nameOrNull());
  }

  /**
   * Whether the event arrived as an xAPI statement. The accessors then read the edX event the statement was made
   * from: {@link #type()} is that event's type ({@code play_video} for the verb {@code played}), {@link #source()}
   * its source, and the typed activities come from the statement's object, result and context.
   */
  public boolean isStatement() {
    return statement;
  }

  /** The xAPI verb IRI ({@code https://w3id.org/xapi/video/verbs/played}), for statements; empty otherwise. */
  public Optional<String> verb() {
    return statement ? Optional.of(received.getJsonObject("verb").getString("id")) : Optional.empty();
  }

  /** What the event reports, the same for a tracking event and the statement made of it. */
  public EventKind kind() {
    return Kinds.of(this);
  }

  /**
   * Who acted: username and user id from the event, or for a statement its actor's external id (account name, or
   * {@code mbox} / {@code mbox_sha1sum}) with the user once the runtime resolved it.
   */
  public Actor actor() {
    Optional<String> external = Optional.empty();
    if (statement) {
      Lenient actor = new Lenient(received.getJsonObject("actor"));
      external = actor.object("account").text("name").or(() -> actor.text("mbox", "mbox_sha1sum"));
    }
    return new Actor(username(), userId(), external);
  }

  /**
   * The usage key of the block the event is about: {@code context.module.usage_key}, else the video, problem or
   * sequence the payload names, completed with the course when the payload gives a bare block id.
   */
  public Optional<UsageKey> blockKey() {
    return Kinds.blockKey(this);
  }

  /** The score a problem check or grade event reports; empty when it reports none. */
  public Optional<Score> score() {
    return Kinds.score(this);
  }

  /** What the event is about, from its type and name. */
  public EventFamily family() {
    return EventFamily.of(type(), nameOrNull());
  }

  /** Where the event was produced: {@code event_source}, else {@code context.event_source} (eventtracking shape). */
  public Optional<Source> source() {
    return Source.parse(text(raw, "event_source")).or(() -> Source.parse(text(context(), "event_source")));
  }

  /** The acting user's username ({@code username}, else {@code context.username}); empty for anonymous events. */
  public Optional<String> username() {
    return field("username");
  }

  /** The platform's numeric user id ({@code context.user_id}, a number or a numeric string). */
  public Optional<Long> userId() {
    return new Lenient(context()).integer("user_id");
  }

  /**
   * The course id ({@code context.course_id}); when that is empty, the payload's {@code course_id}, else the course
   * named in the URL of the event type, {@code context.path}, {@code page} or {@code referer} ({@code /courses/<key>/}
   * or a {@code block-v1:} usage key). Empty when the event is not about a course. Keys come as
   * {@code course-v1:Org+Course+Run}, {@code ccx-v1:...} or old {@code Org/Course/Run}.
   */
  public Optional<String> courseId() {
    String course = text(context(), "course_id");
    if (course != null && !course.isEmpty()) {
      return Optional.of(course);
    }
    return decodedPayload().fields().text("course_id")
        .or(() -> CourseLocator.find(type()))
        .or(() -> CourseLocator.find(text(context(), "path")))
        .or(() -> CourseLocator.find(text(raw, "page")))
        .or(() -> referer().flatMap(CourseLocator::find));
  }

  /**
   * The organization ({@code context.org_id}), else the one named by the course id ({@code course-v1:Org+...} or
   * {@code Org/Course/Run}).
   */
  public Optional<String> orgId() {
    return new Lenient(context()).text("org_id").or(() -> courseId().flatMap(Event::orgOf));
  }

  /** When the event happened ({@code time}, else {@code timestamp}), in any of the formats edX emits. */
  public Optional<Instant> time() {
    String time = text(raw, "time");
    return Timestamps.parse(time != null ? time : text(raw, "timestamp"));
  }

  /** The session id ({@code session}, else {@code context.session}). */
  public Optional<String> session() {
    return field("session");
  }

  /** The page URL the event came from ({@code page}, else {@code context.page}); server events often have none. */
  public Optional<String> page() {
    return field("page");
  }

  /** The HTTP referer ({@code referer}, else {@code context.referer}). */
  public Optional<String> referer() {
    return field("referer");
  }

  /** The client IP address ({@code ip}, else {@code context.ip}). */
  public Optional<String> ip() {
    return field("ip");
  }

  /** The browser's user agent ({@code agent}, else {@code context.agent}). */
  public Optional<String> agent() {
    return field("agent");
  }

  /** The host that logged the event ({@code host}, else {@code context.host}). */
  public Optional<String> host() {
    return field("host");
  }

  /** The request path the server logged the event for ({@code context.path}): {@code /event} for browser events. */
  public Optional<String> contextPath() {
    return new Lenient(context()).text("path");
  }

  /** The usage key of the block the event happened in ({@code context.module.usage_key}), for server events. */
  public Optional<String> usageKey() {
    return new Lenient(context()).object("module").text("usage_key");
  }

  /**
   * The title of the block the event happened in ({@code context.module.display_name}; for a statement, the name
   * of its object), e.g. {@code "Problem 1.1.1a"}; empty when the event names none.
   */
  public Optional<String> displayName() {
    return new Lenient(context()).object("module").text("display_name");
  }

  /** A string field of the {@code context} object. */
  public Optional<String> contextText(String field) {
    return Optional.ofNullable(text(context(), field));
  }

  /** The video activity, for video events ({@link EventFamily#VIDEO}); empty for any other event. */
  public Optional<VideoActivity> video() {
    return VideoReader.read(this);
  }

  /** The problem activity, for problem events ({@link EventFamily#PROBLEM}); empty for any other event. */
  public Optional<ProblemActivity> problem() {
    return ProblemReader.read(this);
  }

  /** The navigation activity, for navigation events ({@link EventFamily#NAVIGATION}); empty for any other event. */
  public Optional<NavigationActivity> navigation() {
    return NavigationReader.read(this);
  }

  /** The enrollment change, for enrollment events ({@link EventFamily#ENROLLMENT}); empty for any other event. */
  public Optional<EnrollmentActivity> enrollment() {
    return EnrollmentReader.read(this);
  }

  /**
   * A copy of the payload: the {@code event} field as an object whether it arrived as an object (server events) or
   * as a JSON-encoded string (browser events), else the {@code data} field (eventtracking shape). Empty object when
   * absent or not a JSON object.
   */
  public JsonObject payload() {
    JsonObject object = decodedPayload().object();
    return object != null ? object.copy() : new JsonObject();
  }

  /** A copy of the payload when it is a JSON array, as in browser {@code problem_graded} events. */
  public Optional<JsonArray> payloadArray() {
    return decodedPayload().array().map(JsonArray::copy);
  }

  /**
   * The payload when it is text that is not JSON: the query string of a browser {@code problem_check}, or a request
   * dump the platform cut at 512 characters. Keep such text opaque.
   */
  public Optional<String> payloadString() {
    return decodedPayload().text();
  }

  /** A string field of the payload, without copying it. */
  public Optional<String> payloadText(String field) {
    JsonObject object = decodedPayload().object();
    return object != null ? Optional.ofNullable(text(object, field)) : Optional.empty();
  }

  /** A numeric field of the payload (numbers and numeric strings), without copying it. */
  public Optional<Double> payloadNumber(String field) {
    return decodedPayload().fields().number(field);
  }

  /** The event as received (for a statement, the statement): a copy of the whole object. */
  public JsonObject json() {
    return received.copy();
  }

  /** Who put the event into anserv: outside producers, or a module through its {@link Emitter}. */
  public Origin origin() {
    return origin;
  }

  JsonObject context() {
    Object context = raw.getValue("context");
    return context instanceof JsonObject c ? c : EMPTY;
  }

  String nameOrNull() {
    return text(raw, "name");
  }

  Payload decodedPayload() {
    Payload decoded = payload;
    if (decoded == null) {
      payload = decoded = Payload.of(raw);
    }
    return decoded;
  }

  // 2014-era and eventtracking records keep these in context; an empty top-level value means "not known here".
  private Optional<String> field(String name) {
    String value = text(raw, name);
    if (value == null || value.isEmpty()) {
      value = text(context(), name);
    }
    return Optional.ofNullable(value).filter(v -> !v.isEmpty());
  }

  private static Optional<String> orgOf(String courseId) {
    int colon = courseId.indexOf(':');
    String key = colon >= 0 ? courseId.substring(colon + 1) : courseId;
    int end = colon >= 0 ? key.indexOf('+') : key.indexOf('/');
    return end > 0 ? Optional.of(key.substring(0, end)) : Optional.empty();
  }

  private static String text(JsonObject object, String field) {
    Object value = object.getValue(field);
    return value instanceof String s ? s : null;
  }

  @Override
  public String toString() {
    return "Event[" + id + " " + type() + "]";
  }
}
