package org.anserv.runtime.deliver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.anserv.api.Event;
import org.anserv.runtime.bus.LoggedEvent;
import org.anserv.runtime.define.HandlerMode;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.route.LogCodec;

/**
 * Feeds one batched handler from the event log: collects the events its filter matches and hands them over as a
 * list when {@code batchSize} are waiting or the oldest has waited {@code batchSeconds}. The cursor moves only when
 * a batch was handed over, so a restart re-reads the events of an unfinished batch. Used from the module's context
 * only.
 */
public final class BatchFeed {

  private final Vertx vertx;
  private final String name;
  private final MethodDefinition handler;
  private final HandlerMode mode;
  private final EventLog log;
  private final EventDelivery delivery;
  private final FeedCursors cursors;
  private final List<Event> pending = new ArrayList<>();
  private long cursor;
  private long readCursor;
  private long oldestPendingNanos;
  private long waitGeneration;
  private long lastAppendedAt;
  private boolean stopped;

  public BatchFeed(Vertx vertx, MethodDefinition handler, EventLog log, EventDelivery delivery,
      FeedCursors cursors) {
    this.vertx = vertx;
    this.name = "batched:" + handler.name();
    this.handler = handler;
    this.mode = handler.mode();
    this.log = log;
    this.delivery = delivery;
    this.cursors = cursors;
  }

  /** The feed's name, as in metrics and the cursor collection. */
  public String name() {
    return name;
  }

  /** Loads the cursor and starts reading. */
  public Future<Void> start() {
    return cursors.load(name).onSuccess(next -> {
      cursor = readCursor = next;
      read();
    }).mapEmpty();
  }

  /** Stops reading; events of an unfinished batch are read again after a restart. */
  public void halt() {
    stopped = true;
  }

  /** Saves the cursor: after {@link #halt()} and once the module's calls have drained, it is exact. */
  public Future<Void> saveCursor() {
    return cursors.save(name, cursor);
  }

  /** Events behind the end of the log, pending ones included. */
  public long lagEvents() {
    return Math.max(0, log.endOffset() - cursor);
  }

  /** Seconds since the newest handed-over event was stored, while behind; 0 when caught up. */
  public double lagSeconds() {
    return lagEvents() == 0 || lastAppendedAt == 0 ? 0 : (System.currentTimeMillis() - lastAppendedAt) / 1000.0;
  }

  private void read() {
    if (stopped) {
      return;
    }
    int wanted = Math.max(1, Math.min(mode.batchSize() - pending.size(), 4096));
    log.read(readCursor, wanted).onComplete(read -> {
      if (stopped) {
        return;
      }
      if (read.failed()) {
        vertx.setTimer(1_000, t -> read());
        return;
      }
      for (var record : read.result()) {
        LoggedEvent logged = LogCodec.event(record);
        readCursor = logged.offset() + 1;
        lastAppendedAt = logged.appendedAtMillis();
        if (handler.filter().matches(logged.event())) {
          if (pending.isEmpty()) {
            oldestPendingNanos = System.nanoTime();
          }
          pending.add(logged.event());
        }
      }
      if (pending.isEmpty()) {
        cursor = readCursor;
      }
      if (pending.size() >= mode.batchSize()) {
        flush();
      } else if (read.result().isEmpty()) {
        waitForMoreOrTimeout();
      } else {
        read();
      }
    });
  }

  private void waitForMoreOrTimeout() {
    long generation = ++waitGeneration;
    log.awaitEndAfter(readCursor).onSuccess(end -> {
      if (generation == waitGeneration && !stopped) {
        waitGeneration++;
        read();
      }
    });
    if (!pending.isEmpty()) {
      long waitedNanos = System.nanoTime() - oldestPendingNanos;
      long delayMillis = Math.max(1, (mode.batchWait().toNanos() - waitedNanos) / 1_000_000);
      vertx.setTimer(delayMillis, t -> {
        if (generation == waitGeneration && !stopped) {
          waitGeneration++;
          flush();
        }
      });
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      cursor = readCursor;
      read();
      return;
    }
    List<Event> batch = List.copyOf(pending);
    pending.clear();
    long next = readCursor;
    delivery.deliverBatch(handler, batch).onComplete(done -> {
      if (done.failed()) {
        return; // the module stopped before the batch ran: the cursor stays, the batch is read again at restart
      }
      cursor = next;
      if (!stopped) {
        cursors.save(name, cursor).onComplete(saved -> read());
      }
    });
  }
}
