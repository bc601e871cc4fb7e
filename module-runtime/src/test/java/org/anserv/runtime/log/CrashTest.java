package org.anserv.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process appending to the log ({@link CrashProbe}) with {@code kill -9} at several points, then checks
 * that every acknowledged event is in the log exactly once and that resending everything stores nothing twice.
 * A process kill keeps the page cache, so this checks acknowledgement order and torn-tail recovery, not fsync.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashTest {

  @TempDir
  Path directory;

  private record Batch(long first, int count) {
  }

  @Test
  void keepsEveryAcknowledgedEventExactlyOnceAcrossKills() throws Exception {
    int[] killAfterAcks = {50, 400, 1_500};
    for (int round = 0; round < killAfterAcks.length; round++) {
      Set<Batch> sent = new HashSet<>();
      Set<Batch> acknowledged = new HashSet<>();
      runProbeAndKill(round * 100_000_000L, killAfterAcks[round], sent, acknowledged);

      LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);
      try {
        Map<Long, Integer> stored = storedCounts(log);
        long sentEvents = events(sent);
        long acknowledgedEvents = events(acknowledged);
        long lost = acknowledged.stream().flatMap(batch -> numbers(batch).stream())
            .filter(n -> stored.getOrDefault(n, 0) != 1).count();
        long storedThisRound = sent.stream().flatMap(batch -> numbers(batch).stream())
            .filter(stored::containsKey).count();
        System.out.printf("round %d: sent %d, acknowledged %d, stored %d, lost %d%n", round, sentEvents,
            acknowledgedEvents, storedThisRound, lost);

        assertThat(lost).isZero();
        assertThat(stored.values()).containsOnly(1);
        assertThat(acknowledgedEvents).isPositive();
        resendEverything(log, sent, stored);
      } finally {
        await(log.close());
      }
    }
  }

  private void runProbeAndKill(long base, int killAfterAcks, Set<Batch> sent, Set<Batch> acknowledged)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashProbe.class.getName(), directory.toString(), "8", "10", Long.toString(base))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    int acks = 0;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] words = line.split(" ");
        if (words[0].equals("sent")) {
          sent.add(new Batch(Long.parseLong(words[2]), Integer.parseInt(words[3])));
        } else if (words[0].equals("ack")) {
          acknowledged.add(new Batch(Long.parseLong(words[2]), Integer.parseInt(words[3])));
          if (++acks == killAfterAcks) {
            // the handle only signals (kill -9); Process.destroyForcibly would also close the pipe holding acks
            probe.toHandle().destroyForcibly();
          }
        }
      }
    }
    assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(acks).as("acknowledgements before the kill").isGreaterThanOrEqualTo(killAfterAcks);
  }

  private static Map<Long, Integer> storedCounts(LocalEventLog log) {
    Map<Long, Integer> counts = new HashMap<>();
    for (long from = log.firstOffset(); from < log.endOffset(); ) {
      List<LogRecord> records = await(log.read(from, 10_000));
      for (LogRecord record : records) {
        counts.merge(CrashProbe.numberOf(record.id()), 1, Integer::sum);
      }
      from = records.getLast().offset() + 1;
    }
    return counts;
  }

  /** What a client does after a timeout: send every batch again; nothing already stored may be stored twice. */
  private static void resendEverything(LocalEventLog log, Set<Batch> sent, Map<Long, Integer> stored) {
    for (Batch batch : sent) {
      List<AppendResult> results = await(log.append(CrashProbe.batch(batch.first(), batch.count())));
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).duplicate()).isEqualTo(stored.containsKey(batch.first() + i));
      }
    }
    assertThat(storedCounts(log).values()).containsOnly(1);
  }

  private static long events(Set<Batch> batches) {
    return batches.stream().mapToLong(Batch::count).sum();
  }

  private static List<Long> numbers(Batch batch) {
    return LongStream.range(batch.first(), batch.first() + batch.count()).boxed().toList();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
