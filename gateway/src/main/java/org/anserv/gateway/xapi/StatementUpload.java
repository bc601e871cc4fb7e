package org.anserv.gateway.xapi;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.JsonEvent;
import io.vertx.core.parsetools.JsonEventType;
import io.vertx.core.parsetools.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.route.EventIds;

/**
 * Reads the statements of one request as they arrive and hands them to the event log in chunks, one chunk in flight
 * at a time, pausing the request meanwhile: a backfill batch of tens of MB is never held whole, neither as bytes nor
 * as parsed objects. Completes once every chunk is durable, with the ids in request order, the conflicting ids, and
 * the counts; fails with {@link XapiException} for a body that is not statements, or with the log's failure.
 *
 * <p>Chunks are stored as they are read, so a body that turns out malformed halfway, or a log that refuses a later
 * chunk, leaves the earlier chunks stored; a re-send stores them once, since ids are deduplicated.
 */
final class StatementUpload {

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final XapiSettings settings;
  private final String statementId;
  private final Promise<Outcome> done = Promise.promise();
  private final JsonArray ids = new JsonArray();
  private final JsonArray conflicts = new JsonArray();
  private List<Event> pending = new ArrayList<>();
  private boolean inFlight;
  private boolean ended;
  private long bytes;
  private int count;
  private int duplicates;

  /** What an upload stored. */
  record Outcome(JsonArray ids, JsonArray conflicts, int duplicates) {
  }

  private StatementUpload(Vertx vertx, HttpServerRequest request, XapiSettings settings, String statementId) {
    this.vertx = vertx;
    this.request = request;
    this.settings = settings;
    this.statementId = statementId;
  }

  /** Reads {@code request}; {@code statementId} is the PUT's parameter, or null for POST. */
  static Future<Outcome> read(Vertx vertx, HttpServerRequest request, XapiSettings settings, String statementId) {
    return new StatementUpload(vertx, request, settings, statementId).start();
  }

  private Future<Outcome> start() {
    JsonParser parser = JsonParser.newParser().objectValueMode();
    parser.handler(this::onJson);
    parser.exceptionHandler(e -> fail(new XapiException(400, "The body is not valid JSON after " + count
        + " statements: " + e.getMessage() + ". Send one statement object or an array of them.")));
    request.handler(buffer -> {
      bytes += buffer.length();
      if (bytes > settings.maxBodyBytes()) {
        fail(new XapiException(413, "The body is larger than " + settings.maxBodyBytes() + " bytes: send smaller"
            + " batches (transform_tracking_logs --batch_size) or raise xapi.max.body.bytes."));
        return;
      }
      if (!done.future().isComplete()) {
        parser.handle(buffer);
      }
    });
    request.exceptionHandler(this::fail);
    request.endHandler(v -> {
      if (!done.future().isComplete()) {
        parser.end();
        ended = true;
        if (count == 0 && !done.future().isComplete()) {
          fail(new XapiException(400, "The body holds no statement: send one statement object or an array."));
          return;
        }
        flush();
      }
    });
    // The router pauses requests it routes; this handler reads the body itself.
    request.resume();
    return done.future();
  }

  private void onJson(JsonEvent event) {
    if (done.future().isComplete()) {
      return;
    }
    if (event.type() == JsonEventType.VALUE) {
      if (!(event.value() instanceof JsonObject statement)) {
        fail(new XapiException(400, "Element " + count + " is not a statement object: send statements as JSON"
            + " objects, one or an array of them."));
        return;
      }
      accept(statement);
    } else if (event.type() == JsonEventType.START_ARRAY && statementId != null) {
      fail(new XapiException(400, "PUT takes one statement, not an array: POST arrays to /xAPI/statements."));
    }
  }

  private void accept(JsonObject statement) {
    String problem = StatementShape.problem(statement);
    if (problem != null) {
      fail(new XapiException(400, "Statement " + count + " " + problem + "."));
      return;
    }
    if (statementId != null) {
      Object own = statement.getValue("id");
      if (own != null && !statementId.equalsIgnoreCase(String.valueOf(own))) {
        fail(new XapiException(400, "The statement's id " + own + " differs from statementId=" + statementId
            + ": send the same id in both, or leave the statement's out."));
        return;
      }
      statement.put("id", statementId);
    } else if (!(statement.getValue("id") instanceof String)) {
      statement.put("id", StatementShape.contentId(statement));
    }
    if (++count > settings.maxStatements()) {
      fail(new XapiException(413, "The request holds more than " + settings.maxStatements() + " statements: send"
          + " smaller batches (transform_tracking_logs --batch_size) or raise xapi.max.statements."));
      return;
    }
    ids.add(statement.getString("id"));
    pending.add(Event.of(EventIds.of(statement).toString(), statement, Origin.EXTERNAL));
    if (pending.size() >= settings.chunkStatements()) {
      flush();
    }
  }

  private void flush() {
    if (inFlight || done.future().isComplete()) {
      return;
    }
    if (pending.isEmpty()) {
      if (ended) {
        done.tryComplete(new Outcome(ids, conflicts, duplicates));
      }
      return;
    }
    List<Event> chunk = pending;
    pending = new ArrayList<>();
    inFlight = true;
    request.pause();
    vertx.eventBus().<JsonObject>request(Addresses.SUBMIT, new EventBatch(chunk, false),
            Addresses.submitOptions(settings.timeoutMillis()))
        .map(Message::body)
        .onComplete(reply -> {
          inFlight = false;
          if (reply.failed()) {
            fail(reply.cause());
            return;
          }
          duplicates += reply.result().getInteger("duplicates", 0);
          JsonArray found = reply.result().getJsonArray("conflicts");
          if (found != null) {
            conflicts.addAll(found);
          }
          if (!ended) {
            request.resume();
          }
          if (ended || pending.size() >= settings.chunkStatements()) {
            flush();
          }
        });
  }

  private void fail(Throwable cause) {
    if (done.tryFail(cause)) {
      // Stop reading: what is left of the body is not wanted.
      request.resume();
      request.handler(b -> { });
    }
  }
}
