package org.anserv.runtime.log;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;

/**
 * A process to kill: appends events numbered {@code base + writer * 10^9 + i} from several concurrent writers, in
 * batches, for ever, printing {@code sent <writer> <first> <count>} before each append and
 * {@code ack <writer> <first> <count>} once it is acknowledged. Whatever it printed as acknowledged must be in the
 * log after a {@code kill -9}. Arguments: log directory, writers, batch size, base number.
 */
public final class CrashProbe {

  private CrashProbe() {
  }

  /** The id of event number {@code n}. */
  public static EventId idOf(long n) {
    return new EventId(n * 0x9E3779B97F4A7C15L, ~n);
  }

  /** The number of the event with this id. */
  public static long numberOf(EventId id) {
    return ~id.low();
  }

  /** The entries of a batch, as the probe sends them and a test resends them. */
  public static List<LogEntry> batch(long first, int count) {
    List<LogEntry> entries = new ArrayList<>(count);
    for (long n = first; n < first + count; n++) {
      entries.add(new LogEntry(idOf(n), Buffer.buffer("{\"n\":" + n + ",\"pad\":\"" + "p".repeat(200) + "\"}")));
    }
    return entries;
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    int writers = Integer.parseInt(args[1]);
    int batchSize = Integer.parseInt(args[2]);
    long base = Long.parseLong(args[3]);
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withSegmentBytes(1 << 20), null,
        null);
    System.out.println("open " + log.endOffset());
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      long first = base + w * 1_000_000_000L;
      int writer = w;
      threads.add(Thread.ofPlatform().start(() -> append(log, writer, first, batchSize)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static void append(LocalEventLog log, int writer, long first, int batchSize) {
    try {
      for (long n = first; ; n += batchSize) {
        System.out.println("sent " + writer + " " + n + " " + batchSize);
        log.append(batch(n, batchSize)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("ack " + writer + " " + n + " " + batchSize);
      }
    } catch (Exception e) {
      System.out.println("failed " + writer + " " + e);
    }
  }
}
