package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anserv.runtime.bus.Failures;

/**
 * Answers of view calls kept under the caller's token, for a caller that stopped waiting: the gateway shows a
 * browser a progress page when a view outlasts its threshold, and the page asks for the answer by token. The
 * threshold is the gateway's, so a module busy in a long synchronous call delays only the answer, never the progress
 * page. Answers are kept {@value #KEEP_MILLIS} ms after they are ready, at most {@value #MAX_KEPT} of them (the
 * oldest go first). Used from the module's context only.
 */
final class AsyncViews {

  static final int MAX_KEPT = 128;
  static final long KEEP_MILLIS = 60_000;

  private record Kept(String view, Future<JsonObject> answer) {
  }

  private final Vertx vertx;
  private final String module;
  private final Map<String, Kept> kept = new LinkedHashMap<>();

  AsyncViews(Vertx vertx, String module) {
    this.vertx = vertx;
    this.module = module;
  }

  /** Keeps the answer of a call of {@code view} under {@code token}. */
  void keep(String token, String view, Future<JsonObject> answer) {
    kept.put(token, new Kept(view, answer));
    answer.onComplete(done -> vertx.setTimer(KEEP_MILLIS, id -> kept.remove(token)));
    Iterator<String> oldest = kept.keySet().iterator();
    while (kept.size() > MAX_KEPT) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Replies the answer kept under {@code token} once it is ready; 404 when none is kept for {@code view}. */
  void result(Message<JsonObject> message, String view, String token) {
    Kept answer = kept.get(token);
    if (answer == null || !answer.view().equals(view)) {
      message.fail(Failures.NOT_FOUND, "The result of view '" + module + "/" + view + "' is no longer kept:"
          + " results are kept " + KEEP_MILLIS / 1000 + " s after they are ready. Open the view again.");
      return;
    }
    EndpointCalls.reply(message, answer.answer());
  }
}
