package org.anserv.runtime.log.local;

import static org.anserv.runtime.log.TestEvents.await;
import static org.anserv.runtime.log.TestEvents.entries;
import static org.anserv.runtime.log.TestEvents.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogUnavailableException;
import org.anserv.runtime.log.LogUnavailableException.Reason;
import org.anserv.runtime.log.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogFailureTest {

  @TempDir
  Path directory;

  @Test
  void refusesAppendsOnceClosedButKeepsWhatWasQueuedBefore() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);
    Future<List<AppendResult>> queued = log.append(entries(0, 100));
    Future<Void> closed = log.close();

    Throwable refused = failureOf(log.append(entries(100, 1)));

    assertThat(refused).isInstanceOf(LogUnavailableException.class);
    assertThat(((LogUnavailableException) refused).reason()).isEqualTo(Reason.CLOSED);
    assertThat(await(queued)).hasSize(100);
    await(closed);
    LocalEventLog reopened = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);
    assertThat(reopened.endOffset()).isEqualTo(100);
    await(reopened.close());
  }

  @Test
  void refusesFastWithQueueFullWhenMoreWaitsForTheDiskThanTheQueueHolds() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withQueueBytes(64 * 1024), null, null);
    List<Future<List<AppendResult>>> appends = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      appends.add(log.append(List.of(new LogEntry(TestEvents.id(i), Buffer.buffer(new byte[16 * 1024])))));
    }

    List<Reason> refusals = new ArrayList<>();
    int stored = 0;
    for (Future<List<AppendResult>> append : appends) {
      try {
        await(append);
        stored++;
      } catch (LogUnavailableException e) {
        refusals.add(e.reason());
        assertThat(e.retryAfterSeconds()).isPositive();
      }
    }

    assertThat(refusals).isNotEmpty().containsOnly(Reason.QUEUE_FULL);
    assertThat(log.endOffset()).isEqualTo(stored);
    assertThat(log.stats().rejectedEvents()).isEqualTo(refusals.size());
    await(log.close());
  }

  @Test
  void refusesABatchThatCouldNeverFitTheQueue() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withQueueBytes(64 * 1024), null, null);

    Throwable refused = failureOf(log.append(List.of(new LogEntry(TestEvents.id(1),
        Buffer.buffer(new byte[70 * 1024])))));

    assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split it");
    await(log.close());
  }

  @Test
  void failsWithWriteFailedWhileTheDiskRefusesThenRecovers() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withSegmentBytes(1024), null, null);
    List<AppendResult> first = await(log.append(entries(0, 20)));
    // a directory where the next segment file must be created makes the roll fail, even for root
    Path obstacle = Files.createDirectory(directory.resolve(String.format("%020d.log", 20)));

    Throwable refused = failureOf(log.append(entries(20, 5)));

    assertThat(refused).isInstanceOf(LogUnavailableException.class);
    assertThat(((LogUnavailableException) refused).reason()).isEqualTo(Reason.WRITE_FAILED);
    assertThat(log.endOffset()).isEqualTo(first.size());
    Files.delete(obstacle);
    assertThat(await(log.append(entries(20, 5)))).first().isEqualTo(AppendResult.stored(20));
    await(log.close());
  }

  @Test
  void refusesASecondOpenOfTheSameDirectory() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);

    assertThatThrownBy(() -> LocalEventLog.open(LocalLogOptions.defaults(directory), null, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("already open");
    await(log.close());
  }
}
