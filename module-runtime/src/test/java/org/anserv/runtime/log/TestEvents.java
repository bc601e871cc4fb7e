package org.anserv.runtime.log;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/** Events with predictable ids and payloads for the log tests, and a way to wait for a future. */
public final class TestEvents {

  private TestEvents() {
  }

  public static EventId id(long n) {
    // spread the bits as a hash would, so the dedup table sees realistic ids
    return new EventId(n * 0x9E3779B97F4A7C15L, ~n);
  }

  public static Buffer payload(long n) {
    return Buffer.buffer("{\"event_type\":\"play_video\",\"n\":" + n + ",\"pad\":\"" + "x".repeat((int) (n % 97))
        + "\"}");
  }

  public static LogEntry entry(long n) {
    return new LogEntry(id(n), payload(n));
  }

  public static List<LogEntry> entries(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(TestEvents::entry).toList();
  }

  public static long numberOf(EventId id) {
    return ~id.low();
  }


  /** Waits for a future from a test thread, failing the test after 10 seconds. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for a future expected to fail, returning its failure. */
  public static Throwable failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("Expected the future to fail but it succeeded");
  }
}
