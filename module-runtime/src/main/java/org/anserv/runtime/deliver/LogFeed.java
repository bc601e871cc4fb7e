package org.anserv.runtime.deliver;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.List;
import org.anserv.runtime.bus.LiveBatch;
import org.anserv.runtime.bus.LoggedEvent;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.route.LogCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a group of one module's handlers from the event log, from the group's persisted cursor, one chunk at a time.
 * A queued feed tails the log at its own pace. A realtime feed, once caught up, takes the batches the router pushes
 * as they are stored (and answers hard-realtime requests with its report); when a pushed batch does not start where
 * the feed stands (the module was busy, restarted or just deployed), it catches up from the log first, and when the
 * batch has holes (another node's events stored between its parts), it reads through the batch's end from the log,
 * so no event is skipped. Used from the module's context only.
 */
public final class LogFeed {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.feed");
  private static final int CHUNK = 512;
  // pushed events a realtime feed keeps while busy, per module: beyond them it reads the log instead
  private static final int MAX_WAITING_EVENTS = 20_000;
  private static final long NO_LIMIT = Long.MAX_VALUE;

  private record Pushed(LiveBatch batch, Promise<JsonArray> reply) {
  }

  private final int maxWaitingEvents;
  private final Vertx vertx;
  private final String module;
  private final String name;
  private final List<MethodDefinition> handlers;
  private final boolean realtime;
  private final EventLog log;
  private final EventDelivery delivery;
  private final FeedCursors cursors;
  private final ArrayDeque<Pushed> waiting = new ArrayDeque<>();
  private final Progress progress;
  private long cursor;
  private long limit = NO_LIMIT;
  private long lastAppendedAt;
  private int waitingEvents;
  private boolean live;
  private boolean busy;
  private boolean stopped;
  private long idleTimer = -1;

  /**
   * A feed of a module instance, one of {@code shards} shards of its module (1 for a whole module): a realtime feed
   * keeps its share of the pushed events a module may keep waiting, since a node receiving pushes over the clustered
   * bus decodes a copy for every shard.
   */
  public LogFeed(Vertx vertx, String module, String name, List<MethodDefinition> handlers, boolean realtime,
      EventLog log, EventDelivery delivery, FeedCursors cursors, int shards) {
    this.maxWaitingEvents = Math.max(CHUNK, MAX_WAITING_EVENTS / shards);
    this.vertx = vertx;
    this.module = module;
    this.name = name;
    this.handlers = handlers;
    this.realtime = realtime;
    this.log = log;
    this.delivery = delivery;
    this.cursors = cursors;
    this.progress = new Progress(module, name);
  }

  /** Loads the cursor and starts catching up; completes once the cursor is known. */
  public Future<Void> start() {
    return cursors.load(name).onSuccess(next -> {
      cursor = next;
      progress.started(cursor, log.endOffset());
      if (realtime) {
        // Events stored by other paths (or pushed while the module was busy) are found by this periodic check.
        idleTimer = vertx.setPeriodic(1_000, t -> catchUpIfIdleAndBehind());
      }
      pump();
    }).mapEmpty();
  }

  /** Stops taking work: no new chunk is read and waiting pushes are answered empty; the one running finishes. */
  public void halt() {
    stopped = true;
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
    }
    waiting.forEach(p -> complete(p.reply(), new JsonArray()));
    waiting.clear();
  }

  /** Saves the cursor: after {@link #halt()} and once the module's calls have drained, it is exact. */
  public Future<Void> saveCursor() {
    return cursors.save(name, cursor);
  }

  /** Events behind the end of the log. */
  public long lagEvents() {
    return Math.max(0, log.endOffset() - cursor);
  }

  /** Seconds since the newest handled event was stored, while behind; 0 when caught up. */
  public double lagSeconds() {
    return lagEvents() == 0 || lastAppendedAt == 0 ? 0 : (System.currentTimeMillis() - lastAppendedAt) / 1000.0;
  }

  /** A batch the router pushed; {@code reply} (may be {@code null}) gets this feed's report once it ran. */
  public void push(LiveBatch batch, Promise<JsonArray> reply) {
    if (stopped) {
      complete(reply, new JsonArray());
      return;
    }
    waiting.add(new Pushed(batch, reply));
    waitingEvents += batch.events().size();
    if (waitingEvents > maxWaitingEvents) {
      dropUnansweredPushes();
    }
    drain();
  }

  private void drain() {
    while (live && !busy && !stopped && !waiting.isEmpty()) {
      Pushed next = waiting.peek();
      List<LoggedEvent> events = next.batch().events().stream().filter(e -> e.offset() >= cursor).toList();
      if (!events.isEmpty() && events.getFirst().offset() > cursor) {
        limit = events.getFirst().offset();
        live = false;
        pump();
        return;
      }
      if (!events.isEmpty() && !consecutive(events)) {
        // On a shared log (Kafka, several nodes) one batch may be stored in parts with another node's events between
        // them; delivering it as pushed would step over those. Read through its end from the log instead: its
        // events are handled there, and the push is answered empty below.
        limit = events.getLast().offset() + 1;
        live = false;
        pump();
        return;
      }
      waiting.poll();
      waitingEvents -= next.batch().events().size();
      if (events.isEmpty()) {
        complete(next.reply(), new JsonArray());
        continue;
      }
      busy = true;
      delivery.deliver(handlers, events).onComplete(report -> {
        boolean whole = settle(report, events);
        busy = false;
        complete(next.reply(), report.succeeded() ? report.result() : new JsonArray());
        if (whole) {
          drain();
        }
      });
    }
  }

  private static boolean consecutive(List<LoggedEvent> events) {
    return events.getLast().offset() - events.getFirst().offset() == events.size() - 1;
  }

  // Reads the next chunk up to the limit; when there is none, goes live (realtime) or waits for more (queued).
  private void pump() {
    if (stopped) {
      return;
    }
    busy = true;
    int wanted = (int) Math.min(CHUNK, limit - cursor);
    if (wanted <= 0) {
      caughtUp();
      return;
    }
    log.read(cursor, wanted).onComplete(read -> {
      if (stopped) {
        return;
      }
      if (read.failed()) {
        LOG.atWarn().addKeyValue("module", module).addKeyValue("feed", name).log("Reading the log failed, retrying"
            + " in 1 s: {}", read.cause().toString());
        vertx.setTimer(1_000, t -> pump());
        return;
      }
      if (read.result().isEmpty() && limit != NO_LIMIT) {
        // A pushed batch shows events below the limit that this node's view of the log's end has not reached yet
        // (another node appended them): wait for it, rather than spin between going live and catching up.
        log.awaitEndAfter(cursor).onSuccess(end -> pump());
        return;
      }
      if (read.result().isEmpty()) {
        caughtUp();
        return;
      }
      List<LoggedEvent> events = read.result().stream().map(LogCodec::event).toList();
      delivery.deliver(handlers, events).onComplete(report -> {
        if (settle(report, events)) {
          progress.advanced(cursor, log.endOffset());
          pump();
        }
      });
    });
  }

  private void caughtUp() {
    busy = false;
    limit = NO_LIMIT;
    progress.caughtUp(cursor);
    if (realtime) {
      live = true;
      drain();
    } else {
      log.awaitEndAfter(cursor).onSuccess(end -> pump());
    }
  }

  private void catchUpIfIdleAndBehind() {
    if (live && !busy && waiting.isEmpty() && log.endOffset() > cursor) {
      live = false;
      pump();
    }
  }

  // Past the delivered events; or, when the module stopped midway (quarantine), at the first event a handler did
  // not get, so it waits in the log for the restart. False when the feed is to go no further.
  private boolean settle(AsyncResult<JsonArray> report, List<LoggedEvent> events) {
    if (report.failed() && report.cause() instanceof DeliveryStoppedException stopped) {
      cursor = stopped.resumeAt();
      return false;
    }
    advance(events.getLast());
    return true;
  }

  private void advance(LoggedEvent last) {
    cursor = last.offset() + 1;
    lastAppendedAt = last.appendedAtMillis();
    saveNowAndThen();
  }

  private long lastSave;
  private boolean saving;

  // The cursor is written at most every 200 ms and at stop: after an unclean stop the runtime rebuilds projections.
  private void saveNowAndThen() {
    long now = System.nanoTime();
    if (!saving && now - lastSave > 200_000_000L) {
      saving = true;
      lastSave = now;
      cursors.save(name, cursor).onComplete(done -> saving = false);
    }
  }

  private void dropUnansweredPushes() {
    // Their events are in the log: the feed reads them from there when it sees the gap.
    waiting.removeIf(p -> {
      if (p.reply() == null) {
        waitingEvents -= p.batch().events().size();
        return true;
      }
      return false;
    });
  }

  private static void complete(Promise<JsonArray> reply, JsonArray report) {
    if (reply != null) {
      reply.tryComplete(report);
    }
  }
}
