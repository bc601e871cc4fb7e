package org.anserv.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.anserv.api.event.UsageKey;

/**
 * Reads an xAPI statement as the edX tracking event it was made from, so that every accessor of {@link Event} (and
 * every handler written for the tracking log) gives the same answers for both. The mapping is the one
 * event-routing-backends applies, read backwards: the verb and the object's type give the edX event type and source,
 * the course and block IRIs give {@code context.course_id} and {@code context.module.usage_key}, result extensions
 * and scores give the payload fields edX events carry ({@code currentTime}, {@code old_time}, {@code grade}, ...).
 *
 * <p>The statement's actor is an anonymised external id; the user fields are filled in only when the runtime
 * resolved it ({@link Event#withUser}).
 */
final class StatementView {

  static final String VIDEO_EXT = "https://w3id.org/xapi/video/extensions/";

  private StatementView() {
  }

  /** Whether {@code raw} is laid out as an xAPI statement: an {@code actor}, a {@code verb} with an id, an object. */
  static boolean isStatement(JsonObject raw) {
    return raw.getValue("verb") instanceof JsonObject verb && verb.getValue("id") instanceof String
        && raw.getValue("actor") instanceof JsonObject && raw.getValue("object") instanceof JsonObject;
  }

  /** The edX-shaped event {@code statement} stands for; {@code user} is the resolved platform user or null. */
  static JsonObject edxView(JsonObject statement, ResolvedUser user) {
    Lenient object = new Lenient(statement.getJsonObject("object"));
    String objectId = object.text("id").orElse("");
    String objectType = object.object("definition").text("type").map(StatementView::lastSegment).orElse("");
    String verb = statement.getJsonObject("verb").getString("id");
    Lenient result = new Lenient(statement.getValue("result") instanceof JsonObject r ? r : new JsonObject());
    Lenient extensions = new Lenient(contextObject(statement).getValue("extensions") instanceof JsonObject e ? e
        : new JsonObject());
    String course = courseOf(statement, objectId, objectType);
    String usageKey = usageKeyOf(objectId);
    boolean child = isChild(statement);
    boolean speed = result.object("extensions").text("https://w3id.org/xapi/openedx/extension/speed-to").isPresent();
    EdxName name = EdxName.of(verb, objectType, objectId, extensions, child, speed);

    JsonObject payload = payload(name.type(), objectId, usageKey, course, result, extensions, object, user);
    JsonObject context = new JsonObject().put("event_source", name.source());
    if (course != null) {
      context.put("course_id", course);
    }
    if (usageKey != null) {
      JsonObject module = new JsonObject().put("usage_key", usageKey);
      displayName(statement.getJsonObject("object")).ifPresent(title -> module.put("display_name", title));
      context.put("module", module);
    }
    extensions.text("https://w3id.org/xapi/openedx/extensions/session-id").ifPresent(s -> context.put("session", s));
    if (user != null) {
      context.put("user_id", user.userId()).put("username", user.username());
    }
    JsonObject view = new JsonObject().put("event_type", name.type()).put("event_source", name.source())
        .put("context", context).put("event", payload);
    Object timestamp = statement.getValue("timestamp");
    if (timestamp instanceof String time) {
      view.put("time", time);
    }
    if (user != null) {
      view.put("username", user.username());
    }
    return view;
  }

  private static JsonObject payload(String type, String objectId, String usageKey, String course, Lenient result,
      Lenient extensions, Lenient object, ResolvedUser user) {
    Lenient resultExt = result.object("extensions");
    JsonObject payload = new JsonObject();
    if (usageKey != null) {
      boolean video = type.endsWith("_video") || type.startsWith("edx.video.");
      payload.put(video ? "id" : type.startsWith("edx.grades.s") || type.startsWith("edx.completion.") ? "block_id"
          : "problem_id", video ? UsageKey.blockIdOf(usageKey) : usageKey);
    }
    resultExt.number(VIDEO_EXT + "time").ifPresent(t -> payload.put("currentTime", t));
    resultExt.number(VIDEO_EXT + "time-from").ifPresent(t -> payload.put("old_time", t));
    resultExt.number(VIDEO_EXT + "time-to").ifPresent(t -> payload.put("new_time", t));
    resultExt.text("https://w3id.org/xapi/openedx/extension/speed-from").ifPresent(s -> payload.put("old_speed",
        s.replace("x", "")));
    resultExt.text("https://w3id.org/xapi/openedx/extension/speed-to").ifPresent(s -> payload.put("new_speed",
        s.replace("x", "")));
    extensions.number(VIDEO_EXT + "length").ifPresent(l -> payload.put("duration", l));
    // ERB keeps a check's attempt number as the object's attempt-id extension.
    object.object("definition").object("extensions").int32("http://id.tincanapi.com/extension/attempt-id")
        .ifPresent(attempt -> payload.put("attempts", attempt));
    Lenient score = result.object("score");
    score.number("raw").ifPresent(raw -> payload.put("grade", raw).put("weighted_earned", raw));
    score.number("max").ifPresent(max -> payload.put("max_grade", max).put("weighted_possible", max));
    score.number("scaled").ifPresent(scaled -> payload.put("percent_grade", scaled));
    result.bool("success").ifPresent(ok -> payload.put("success", ok ? "correct" : "incorrect"));
    resultExt.text("http://www.tincanapi.co.uk/activitytypes/grade_classification")
        .ifPresent(letter -> payload.put("letter_grade", letter));
    resultExt.number("https://w3id.org/xapi/cmi5/result/extensions/progress").ifPresent(p -> payload.put("progress",
        p));
    navigation(type, usageKey, extensions, payload);
    if (type.startsWith("edx.course.enrollment.")) {
      object.object("definition").object("extensions").text("https://w3id.org/xapi/acrossx/extensions/type")
          .ifPresent(mode -> payload.put("mode", mode));
    }
    if (course != null && (type.startsWith("edx.course.") || type.startsWith("edx.grades."))) {
      payload.put("course_id", course);
    }
    if (user != null && (type.startsWith("edx.course.") || type.startsWith("edx.grades."))) {
      payload.put("user_id", user.userId()).put("username", user.username());
    }
    if (type.startsWith("edx.forum.")) {
      payload.put("id", objectId);
    }
    return payload;
  }

  private static void navigation(String type, String usageKey, Lenient extensions, JsonObject payload) {
    if (!type.startsWith("edx.ui.lms.")) {
      return;
    }
    payload.remove("problem_id");
    if (usageKey != null) {
      payload.put("id", usageKey);
    }
    Optional<Integer> from = extensions.int32("http://id.tincanapi.com/extension/starting-position");
    Optional<Integer> to = extensions.int32("http://id.tincanapi.com/extension/ending-point");
    from.ifPresent(tab -> payload.put("current_tab", tab).put("old", tab));
    to.ifPresent(tab -> payload.put("target_tab", tab).put("new", tab));
  }

  // A language map ({"en-US": "..."}): the first name given.
  private static Optional<String> displayName(JsonObject object) {
    if (object.getValue("definition") instanceof JsonObject definition
        && definition.getValue("name") instanceof JsonObject names) {
      for (String language : names.fieldNames()) {
        if (names.getValue(language) instanceof String name && !name.isEmpty()) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  // Child statements of a multi-question check point at their parent statement and name the problem as parent.
  private static boolean isChild(JsonObject statement) {
    JsonObject context = contextObject(statement);
    return context.getValue("statement") instanceof JsonObject;
  }

  private static String courseOf(JsonObject statement, String objectId, String objectType) {
    if (objectType.equals("course")) {
      return afterMarker(objectId, "/course/");
    }
    Object activities = contextObject(statement).getValue("contextActivities");
    for (String kind : new String[] {"parent", "grouping"}) {
      Object value = activities instanceof JsonObject byKind ? byKind.getValue(kind) : null;
      if (value instanceof JsonArray list) {
        for (Object item : list) {
          String course = item instanceof JsonObject activity && activity.getValue("id") instanceof String id
              ? afterMarker(id, "/course/") : null;
          if (course != null) {
            return course;
          }
        }
      }
    }
    String usageKey = usageKeyOf(objectId);
    return usageKey == null ? null : UsageKey.parse(usageKey).flatMap(UsageKey::courseId).orElse(null);
  }

  // Block IRIs end in the usage key; child statements add "_2_1", hints "/hint/1", answers "/answer".
  private static String usageKeyOf(String objectId) {
    int start = objectId.indexOf("block-v1:");
    if (start < 0) {
      start = objectId.indexOf("ccx-block-v1:");
    }
    if (start < 0) {
      return null;
    }
    String key = objectId.substring(start);
    int slash = key.indexOf('/');
    if (slash >= 0) {
      key = key.substring(0, slash);
    }
    int block = key.indexOf("+block@");
    int part = block < 0 ? -1 : key.indexOf('_', block);
    while (part >= 0 && !key.substring(part).matches("(_\\d+)+")) {
      part = key.indexOf('_', part + 1);
    }
    return part >= 0 ? key.substring(0, part) : key;
  }

  private static String afterMarker(String iri, String marker) {
    int at = iri.indexOf(marker);
    if (at < 0) {
      return null;
    }
    String rest = iri.substring(at + marker.length());
    int slash = rest.indexOf('/');
    return slash >= 0 ? rest.substring(0, slash) : rest;
  }

  private static JsonObject contextObject(JsonObject statement) {
    return statement.getValue("context") instanceof JsonObject c ? c : new JsonObject();
  }

  static String lastSegment(String iri) {
    int slash = iri.lastIndexOf('/');
    return slash >= 0 ? iri.substring(slash + 1) : iri;
  }

  /** The platform user an xAPI actor was resolved to. */
  record ResolvedUser(long userId, String username) {
  }
}
