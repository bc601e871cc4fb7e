package org.anserv.runtime.log.local;

import static org.anserv.runtime.log.TestEvents.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentReadTest {

  @TempDir
  Path directory;

  @Test
  void tailingReaderSeesEveryRecordInOrderWhileSegmentsRoll() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withSegmentBytes(4 * 1024)
        .withDurability(Durability.PROCESS), null, null);
    int total = 20_000;
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      for (int n = 0; n < total; n += 50) {
        await(log.append(TestEvents.entries(n, 50)));
      }
    });

    long next = 0;
    while (next < total) {
      await(log.awaitEndAfter(next));
      List<LogRecord> records = await(log.read(next, 7));
      for (LogRecord record : records) {
        assertThat(record.offset()).isEqualTo(next);
        assertThat(record.payload()).isEqualTo(TestEvents.payload(TestEvents.numberOf(record.id())));
        assertThat(TestEvents.numberOf(record.id())).isEqualTo(next);
        next++;
      }
    }
    writing.join();

    assertThat(next).isEqualTo(total);
    await(log.close());
  }

  @Test
  void replayingReaderNeverSeesAGapWhileRetentionDeletesOldSegments() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withSegmentBytes(4 * 1024)
        .withDurability(Durability.PROCESS).withRetention(Retention.maxBytes(64 * 1024)), null, null);
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      for (int n = 0; n < 20_000; n += 50) {
        await(log.append(TestEvents.entries(n, 50)));
      }
    });

    while (!writing.isDone()) {
      List<LogRecord> records = await(log.read(0, 500));
      for (int i = 1; i < records.size(); i++) {
        assertThat(records.get(i).offset()).isEqualTo(records.get(i - 1).offset() + 1);
      }
    }
    writing.join();

    assertThat(log.firstOffset()).isPositive();
    await(log.close());
  }
}
