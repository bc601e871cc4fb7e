package org.anserv.demo.activity;

import io.vertx.core.json.JsonObject;

/**
 * The edX tracking-log layout: the envelope every event shares, for each way events reach the log. Browser events
 * carry their payload as a JSON-encoded string, server and mobile events as an object, exactly as the LMS logs them.
 * Key order follows a current LMS.
 */
final class EdxEvents {

  static final String HOST = "lms.example.org";
  static final String ORIGIN = "https://" + HOST;
  private static final String LANGUAGE = "en-US,en;q=0.9";
  private static final String MOBILE_AGENT = "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/AP2A.240805.005)";

  private EdxEvents() {
  }

  /** A browser event: {@code event} is the payload's JSON text, {@code context.path} is {@code /event}. */
  static JsonObject browser(Visit visit, long micros, String type, String name, Object payload, String page) {
    String text = payload instanceof JsonObject object ? object.encode() : String.valueOf(payload);
    return envelope(visit, micros, type, name, context(visit, "/event"), page, text, "browser", page);
  }

  /** A server event emitted while handling a request to {@code path}. */
  static JsonObject server(Visit visit, long micros, String type, String name, JsonObject payload, String path,
      JsonObject module, String page, String referer) {
    JsonObject context = context(visit, path).put("course_user_tags", new JsonObject());
    if (module != null) {
      context.put("module", module);
    }
    return envelope(visit, micros, type, name, context, referer, payload, "server", page);
  }

  /** An implicit server event for a page request: the URL path is the type, the payload a request dump string. */
  static JsonObject request(Visit visit, long micros, String path, String referer) {
    JsonObject context = context(visit, path).put("course_user_tags", new JsonObject());
    return envelope(visit, micros, path, null, context, referer, "{\"POST\": {}, \"GET\": {}}", "server", null);
  }

  /** A mobile-app event: legacy type, new name, payload object, no session, ip or referer. */
  static JsonObject mobile(Visit visit, long micros, String type, String name, JsonObject payload) {
    JsonObject context = context(visit, "/segmentio/event")
        .put("application", new JsonObject().put("name", "edx.mobileapp.android").put("version", "4.2.0"))
        .put("component", "videoplayer")
        .put("received_at", EdxTime.tracking(micros + 1_500_000L));
    JsonObject event = envelope(visit, micros, type, name, context, "", payload, "mobile", null);
    return event.put("agent", MOBILE_AGENT).put("ip", "").put("accept_language", "");
  }

  /** The {@code context.module} of a server event about {@code usageKey}. */
  static JsonObject module(String displayName, String usageKey) {
    return new JsonObject().put("display_name", displayName).put("usage_key", usageKey);
  }

  private static JsonObject context(Visit visit, String path) {
    return new JsonObject()
        .put("course_id", visit.course().id())
        .put("org_id", visit.course().org())
        .put("user_id", visit.learner().id())
        .put("path", path);
  }

  private static JsonObject envelope(Visit visit, long micros, String type, String name, JsonObject context,
      String referer, Object payload, String source, String page) {
    JsonObject event = new JsonObject();
    if (name != null) {
      event.put("name", name);
    }
    return event
        .put("context", context)
        .put("username", visit.learner().username())
        .put("session", visit.session())
        .put("ip", visit.learner().persona().ip())
        .put("agent", visit.learner().persona().agent())
        .put("host", HOST)
        .put("referer", referer == null ? "" : referer)
        .put("accept_language", LANGUAGE)
        .put("event", payload)
        .put("time", EdxTime.tracking(micros))
        .put("event_type", type)
        .put("event_source", source)
        .put("page", page);
  }
}
