package org.anserv.runtime.log.local;

import static org.anserv.runtime.log.TestEvents.await;
import static org.anserv.runtime.log.TestEvents.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anserv.runtime.log.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetentionTest {

  @TempDir
  Path directory;

  long segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".log")).count();
    }
  }

  @Test
  void keepsEverythingByDefault() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withSegmentBytes(1024), null, null);
    for (int i = 0; i < 30; i++) {
      await(log.append(entries(i * 10, 10)));
    }

    assertThat(log.firstOffset()).isZero();
    assertThat(await(log.read(0, 1_000))).hasSize(300);
    await(log.close());
  }

  @Test
  void deletesTheOldestSegmentsBeyondTheSizeAndSaysWhatReplayReaches() throws IOException {
    LocalLogOptions options = LocalLogOptions.defaults(directory).withSegmentBytes(2 * 1024)
        .withRetention(Retention.maxBytes(8 * 1024));
    LocalEventLog log = LocalEventLog.open(options, null, null);
    for (int i = 0; i < 40; i++) {
      await(log.append(entries(i * 10, 10)));
    }

    long first = log.firstOffset();
    List<LogRecord> replay = await(log.read(0, 1_000));

    assertThat(first).isPositive();
    assertThat(replay.getFirst().offset()).isEqualTo(first);
    assertThat(replay.getLast().offset()).isEqualTo(399);
    assertThat(replay).hasSize((int) (400 - first));
    assertThat(segmentFiles()).isLessThanOrEqualTo(6);
    await(log.close());
    LocalEventLog reopened = LocalEventLog.open(options, null, null);
    assertThat(reopened.firstOffset()).isEqualTo(first);
    await(reopened.close());
  }

  @Test
  void deletesSegmentsOlderThanTheMaximumAgeWhileIdle() throws Exception {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withSegmentBytes(1024)
        .withRetention(Retention.maxAge(Duration.ofMillis(50))), null, null);
    for (int i = 0; i < 10; i++) {
      await(log.append(entries(i * 10, 10)));
    }

    // the writer checks retention at each roll and after each idle second: wait for the idle check
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (segmentFiles() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(log.firstOffset()).isPositive();
    assertThat(segmentFiles()).isEqualTo(1);
    assertThat(await(log.read(0, 1_000))).allSatisfy(record -> assertThat(record.offset()).isGreaterThanOrEqualTo(
        log.firstOffset()));
    await(log.close());
  }
}
