package org.anserv.demo.xapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.anserv.api.Event;
import org.anserv.api.event.NavigationActivity;
import org.anserv.api.event.ProblemActivity;
import org.anserv.api.event.VideoActivity;

/**
 * Turns the demo's tracking events into the xAPI statements event-routing-backends would send for them (the mapping
 * in INTAKE-PROTOCOLS.md: verbs, IRIs, extensions, actor by external id). Events ERB does not transform (page
 * views, browser {@code problem_show}, resets) give no statement, as in a real deployment.
 *
 * <p>One deviation: ERB derives the id from verb, actor and timestamp only, so two statements can collide; here the
 * object is mixed in too, so that the demo's statements are all distinct.
 */
public final class ErbStatements {

  private static final String VIDEO_EXT = "https://w3id.org/xapi/video/extensions/";
  private static final String VIDEO_VERB = "https://w3id.org/xapi/video/verbs/";
  private static final String ADL_VERB = "http://adlnet.gov/expapi/verbs/";

  private final long seed;
  private final String lms;

  /** Statements for the world of {@code seed}, whose LMS answers at {@code lmsRoot} ({@code https://lms...}). */
  public ErbStatements(long seed, String lmsRoot) {
    this.seed = seed;
    this.lms = lmsRoot;
  }

  /** The statement for {@code raw}, or empty when ERB transforms no such event. */
  public Optional<JsonObject> of(JsonObject raw) {
    Event event = Event.of(raw);
    Optional<String> course = event.courseId();
    if (course.isEmpty() || event.userId().isEmpty()) {
      return Optional.empty();
    }
    JsonObject statement = switch (event.kind()) {
      case VIDEO_LOADED, VIDEO_PLAYED, VIDEO_PAUSED, VIDEO_SEEKED, VIDEO_STOPPED, VIDEO_COMPLETED, VIDEO_OTHER ->
          video(event, course.get());
      case PROBLEM_CHECKED -> checked(event, course.get());
      case PROBLEM_SUBMITTED -> problem(event, course.get(), ADL_VERB + "attempted", "", null);
      case PROBLEM_SCORED -> scored(event, course.get());
      case PROBLEM_ANSWER_SHOWN -> event.source().map(s -> s.wireName().equals("server")).orElse(false)
          ? problem(event, course.get(), ADL_VERB + "asked", "/answer", null) : null;
      case NAVIGATED -> navigated(event, course.get());
      case ENROLLMENT_REGISTERED -> enrollment(event, course.get(), ADL_VERB + "registered");
      case ENROLLMENT_UNREGISTERED -> enrollment(event, course.get(), "http://id.tincanapi.com/verb/unregistered");
      default -> null;
    };
    if (statement == null) {
      return Optional.empty();
    }
    long user = event.kind().name().startsWith("ENROLLMENT")
        ? event.enrollment().flatMap(e -> e.userId()).orElse(event.userId().get()) : event.userId().get();
    JsonObject actor = new JsonObject().put("objectType", "Agent").put("account", new JsonObject()
        .put("homePage", lms).put("name", XapiActors.externalId(seed, user)));
    JsonObject context = statement.getJsonObject("context", new JsonObject());
    JsonObject extensions = context.getJsonObject("extensions", new JsonObject())
        .put("https://w3id.org/xapi/openedx/extension/transformer-version", "event-routing-backends@9.3.0");
    event.session().ifPresent(s -> extensions.put("https://w3id.org/xapi/openedx/extensions/session-id", s));
    context.put("extensions", extensions);
    if (!context.containsKey("contextActivities") && !statement.getJsonObject("object").getString("id")
        .contains("/course/")) {
      context.put("contextActivities", new JsonObject().put("parent", new JsonArray().add(courseActivity(
          course.get()))));
    }
    String time = raw.getString("time");
    String verb = statement.getJsonObject("verb").getString("id");
    String id = UUID.nameUUIDFromBytes((verb + "|" + actor.encode() + "|" + time + "|"
        + statement.getJsonObject("object").getString("id")).getBytes(StandardCharsets.UTF_8)).toString();
    return Optional.of(new JsonObject().put("id", id).put("actor", actor).put("verb", statement.getJsonObject("verb"))
        .put("object", statement.getJsonObject("object")).put("result", statement.getJsonObject("result"))
        .put("context", context).put("timestamp", time).put("version", "1.0.3"));
  }

  private JsonObject video(Event event, String course) {
    VideoActivity video = event.video().orElseThrow();
    String verb = switch (event.kind()) {
      case VIDEO_LOADED -> ADL_VERB + "initialized";
      case VIDEO_PLAYED -> VIDEO_VERB + "played";
      case VIDEO_PAUSED -> VIDEO_VERB + "paused";
      case VIDEO_SEEKED -> VIDEO_VERB + "seeked";
      case VIDEO_STOPPED -> ADL_VERB + "terminated";
      case VIDEO_COMPLETED -> ADL_VERB + "completed";
      default -> ADL_VERB + "interacted";
    };
    JsonObject result = new JsonObject();
    JsonObject ext = new JsonObject();
    video.currentTime().ifPresent(t -> ext.put(VIDEO_EXT + "time", t));
    video.oldTime().ifPresent(t -> ext.put(VIDEO_EXT + "time-from", t));
    video.newTime().ifPresent(t -> ext.put(VIDEO_EXT + "time-to", t));
    video.oldSpeed().ifPresent(s -> ext.put("https://w3id.org/xapi/openedx/extension/speed-from", s + "x"));
    video.newSpeed().ifPresent(s -> ext.put("https://w3id.org/xapi/openedx/extension/speed-to", s + "x"));
    if (!ext.isEmpty()) {
      result.put("extensions", ext);
    }
    JsonObject ctxExt = new JsonObject();
    video.duration().ifPresent(d -> ctxExt.put(VIDEO_EXT + "length", d));
    String block = video.videoId().map(id -> id.startsWith("block-v1:") ? id : blockKey(course, "video", id))
        .orElse("");
    return statement(verb, activity(lms + "/xblock/" + block, "https://w3id.org/xapi/video/activity-type/video"),
        result, new JsonObject().put("extensions", ctxExt));
  }

  private JsonObject checked(Event event, String course) {
    ProblemActivity check = event.problem().orElseThrow();
    JsonObject result = new JsonObject();
    if (check.grade().isPresent() && check.maxGrade().isPresent()) {
      double max = check.maxGrade().get();
      result.put("score", new JsonObject().put("min", 0.0).put("max", max).put("raw", check.grade().get())
          .put("scaled", max > 0 ? check.grade().get() / max : 0.0));
    }
    check.correct().ifPresent(ok -> result.put("success", ok));
    JsonObject statement = problem(event, course, "https://w3id.org/xapi/acrossx/verbs/evaluated", "", result);
    JsonObject definition = statement.getJsonObject("object").getJsonObject("definition");
    check.attempts().ifPresent(n -> definition.put("extensions", new JsonObject()
        .put("http://id.tincanapi.com/extension/attempt-id", n)));
    event.json().getJsonObject("context", new JsonObject()).getJsonObject("module", new JsonObject())
        .stream().filter(e -> e.getKey().equals("display_name")).findFirst()
        .ifPresent(e -> definition.put("name", new JsonObject().put("en-US", e.getValue())));
    return statement;
  }

  private JsonObject scored(Event event, String course) {
    JsonObject result = new JsonObject();
    event.score().ifPresent(s -> result.put("score", new JsonObject().put("min", 0.0).put("max", s.max())
        .put("raw", s.raw()).put("scaled", s.scaled().orElse(0.0))));
    JsonObject statement = problem(event, course, ADL_VERB + "attempted", "", result);
    statement.getJsonObject("object").getJsonObject("definition").put("type",
        "http://adlnet.gov/expapi/activities/question");
    return statement;
  }

  private JsonObject problem(Event event, String course, String verb, String suffix, JsonObject result) {
    String block = event.problem().flatMap(ProblemActivity::problemId)
        .map(id -> id.startsWith("block-v1:") ? id : blockKey(course, "problem", id)).orElse("");
    String type = suffix.isEmpty() ? "http://adlnet.gov/expapi/activities/cmi.interaction"
        : "http://id.tincanapi.com/activitytype/solution";
    return statement(verb, activity(lms + "/xblock/" + block + suffix, type), result, null);
  }

  private JsonObject navigated(Event event, String course) {
    NavigationActivity nav = event.navigation().orElseThrow();
    String sequence = nav.sequenceId().orElse(null);
    if (sequence == null) {
      sequence = nav.targetUrl().map(u -> u.substring(u.lastIndexOf('/') + 1)).orElse("");
    }
    JsonObject ext = new JsonObject();
    String type = "http://adlnet.gov/expapi/activities/module";
    switch (nav.action().name()) {
      case "NEXT" -> ext.put("http://id.tincanapi.com/extension/ending-point", "next unit");
      case "PREVIOUS" -> ext.put("http://id.tincanapi.com/extension/ending-point", "previous unit");
      case "TAB_SELECTED" -> nav.newTab().ifPresent(t -> ext.put("http://id.tincanapi.com/extension/ending-point", t));
      default -> type = "http://adlnet.gov/expapi/activities/module";
    }
    if (!ext.isEmpty()) {
      type = "http://id.tincanapi.com/activitytype/resource";
      nav.oldTab().ifPresent(t -> ext.put("http://id.tincanapi.com/extension/starting-position", t));
    }
    JsonObject object = activity(lms + "/xblock/" + sequence, type);
    nav.tabCount().ifPresent(n -> object.getJsonObject("definition").put("extensions", new JsonObject()
        .put("https://w3id.org/xapi/acrossx/extensions/total-items", n)));
    return statement("https://w3id.org/xapi/dod-isd/verbs/navigated", object, null,
        new JsonObject().put("extensions", ext));
  }

  private JsonObject enrollment(Event event, String course, String verb) {
    JsonObject object = courseActivity(course);
    event.enrollment().flatMap(e -> e.mode()).ifPresent(mode -> object.getJsonObject("definition")
        .put("extensions", new JsonObject().put("https://w3id.org/xapi/acrossx/extensions/type", mode)));
    return statement(verb, object, null, new JsonObject());
  }

  private JsonObject courseActivity(String course) {
    return activity(lms + "/course/" + course, "http://adlnet.gov/expapi/activities/course");
  }

  private static JsonObject activity(String id, String type) {
    return new JsonObject().put("id", id).put("objectType", "Activity")
        .put("definition", new JsonObject().put("type", type));
  }

  private static JsonObject statement(String verb, JsonObject object, JsonObject result, JsonObject context) {
    JsonObject statement = new JsonObject().put("verb", new JsonObject().put("id", verb)
        .put("display", new JsonObject().put("en", verb.substring(verb.lastIndexOf('/') + 1)))).put("object", object);
    if (result != null && !result.isEmpty()) {
      statement.put("result", result);
    }
    if (context != null) {
      statement.put("context", context);
    }
    return statement;
  }

  private static String blockKey(String course, String type, String blockId) {
    return "block-v1:" + course.substring(course.indexOf(':') + 1) + "+type@" + type + "+block@" + blockId;
  }
}
