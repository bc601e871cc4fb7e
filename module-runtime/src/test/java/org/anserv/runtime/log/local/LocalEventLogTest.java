package org.anserv.runtime.log.local;

import static org.anserv.runtime.log.TestEvents.await;
import static org.anserv.runtime.log.TestEvents.entries;
import static org.anserv.runtime.log.TestEvents.entry;
import static org.anserv.runtime.log.TestEvents.id;
import static org.anserv.runtime.log.TestEvents.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.LogUnavailableException;
import org.anserv.runtime.log.TestEvents;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocalEventLogTest {

  @TempDir
  Path directory;

  LocalEventLog log;

  @BeforeEach
  void open() throws IOException {
    log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);
  }

  @AfterEach
  void close() {
    await(log.close());
  }

  void reopen() throws IOException {
    await(log.close());
    log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);
  }

  @Nested
  class AppendingAndReading {

    @Test
    void assignsConsecutiveOffsetsAndReadsRecordsBackInOrder() {
      List<AppendResult> first = await(log.append(entries(0, 3)));
      List<AppendResult> second = await(log.append(entries(3, 2)));

      assertThat(first).containsExactly(AppendResult.stored(0), AppendResult.stored(1), AppendResult.stored(2));
      assertThat(second).containsExactly(AppendResult.stored(3), AppendResult.stored(4));
      List<LogRecord> records = await(log.read(0, 100));
      assertThat(records).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(records).extracting(LogRecord::id).containsExactly(id(0), id(1), id(2), id(3), id(4));
      assertThat(records.get(4).payload()).isEqualTo(payload(4));
      assertThat(records.get(0).appendedAtMillis()).isCloseTo(System.currentTimeMillis(), within(60_000));
      assertThat(log.endOffset()).isEqualTo(5);
      assertThat(log.firstOffset()).isZero();
    }

    @Test
    void readsFromAnyOffsetUpToTheLimitAsked() {
      await(log.append(entries(0, 10_000)));

      assertThat(await(log.read(7_777, 3))).extracting(LogRecord::offset).containsExactly(7_777L, 7_778L, 7_779L);
      assertThat(await(log.read(9_998, 100))).extracting(LogRecord::offset).containsExactly(9_998L, 9_999L);
      assertThat(await(log.read(10_000, 100))).isEmpty();
      assertThat(await(log.read(0, 20_000))).hasSize(10_000);
    }

    @Test
    void keepsPayloadsByteForByteIncludingLargeAndEmptyOnes() {
      byte[] large = new byte[3 << 20];
      for (int i = 0; i < large.length; i++) {
        large[i] = (byte) (i * 31);
      }
      await(log.append(List.of(new LogEntry(id(1), Buffer.buffer(large)), new LogEntry(id(2), Buffer.buffer()))));

      List<LogRecord> records = await(log.read(0, 10));
      assertThat(records.get(0).payload().getBytes()).isEqualTo(large);
      assertThat(records.get(1).payload().length()).isZero();
    }

    @Test
    void refusesAnEmptyBatchAndNegativeOffsets() {
      assertThat(TestEvents.failureOf(log.append(List.of()))).isInstanceOf(IllegalArgumentException.class);
      assertThat(TestEvents.failureOf(log.read(-1, 10))).isInstanceOf(IllegalArgumentException.class);
      assertThat(TestEvents.failureOf(log.read(0, 0))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Deduplication {

    @Test
    void storesARetriedEventOnceAndAnswersWithTheOriginalOffset() {
      await(log.append(entries(0, 5)));

      List<AppendResult> retried = await(log.append(List.of(entry(2), entry(5), entry(4))));

      assertThat(retried).containsExactly(AppendResult.duplicateOf(2), AppendResult.stored(5),
          AppendResult.duplicateOf(4));
      assertThat(await(log.read(0, 100))).extracting(LogRecord::id)
          .containsExactly(id(0), id(1), id(2), id(3), id(4), id(5));
      assertThat(log.stats().duplicateEvents()).isEqualTo(2);
      assertThat(log.stats().appendedEvents()).isEqualTo(6);
    }

    @Test
    void storesAnEventRepeatedWithinOneBatchOnce() {
      List<AppendResult> results = await(log.append(List.of(entry(7), entry(8), entry(7))));

      assertThat(results).containsExactly(AppendResult.stored(0), AppendResult.stored(1),
          AppendResult.duplicateOf(0));
      assertThat(log.endOffset()).isEqualTo(2);
    }

    @Test
    void keepsTheFirstPayloadWhenADuplicateIdCarriesOtherBytes() {
      await(log.append(List.of(new LogEntry(id(1), Buffer.buffer("first")))));
      await(log.append(List.of(new LogEntry(id(1), Buffer.buffer("second")))));

      assertThat(await(log.read(0, 10))).singleElement()
          .satisfies(record -> assertThat(record.payload().toString()).isEqualTo("first"));
    }
  }

  @Nested
  class Restart {

    @Test
    void keepsRecordsIdsAndCheckpoints() throws IOException {
      await(log.append(entries(0, 1_000)));
      await(log.commit("exporter", 400));
      reopen();

      assertThat(log.endOffset()).isEqualTo(1_000);
      assertThat(await(log.read(0, 2_000))).hasSize(1_000).last()
          .satisfies(record -> assertThat(record.payload()).isEqualTo(payload(999)));
      assertThat(await(log.append(entries(999, 2)))).containsExactly(AppendResult.duplicateOf(999),
          AppendResult.stored(1_000));
      assertThat(await(log.checkpoint("exporter"))).isEqualTo(OptionalLong.of(400));
      assertThat(await(log.checkpoint("never-committed"))).isEmpty();
    }

    @Test
    void keepsDeduplicatingAcrossSealedSegments() throws IOException {
      await(log.close());
      LocalLogOptions small = LocalLogOptions.defaults(directory).withSegmentBytes(4 * 1024);
      log = LocalEventLog.open(small, null, null);
      for (int i = 0; i < 50; i++) {
        await(log.append(entries(i * 20, 20)));
      }
      await(log.close());
      log = LocalEventLog.open(small, null, null);

      List<AppendResult> retried = await(log.append(List.of(entry(3), entry(517), entry(1_000))));

      assertThat(retried).containsExactly(AppendResult.duplicateOf(3), AppendResult.duplicateOf(517),
          AppendResult.stored(1_000));
      assertThat(await(log.read(0, 5_000))).extracting(LogRecord::offset)
          .containsExactlyElementsOf(LongStream.range(0, 1_001).boxed().toList());
      assertThat(await(log.read(612, 1))).singleElement()
          .satisfies(record -> assertThat(record.id()).isEqualTo(id(612)));
    }

    @Test
    void checkpointsReplaceEachOther() throws IOException {
      await(log.commit("a", 5));
      await(log.commit("b", 7));
      await(log.commit("a", 9));
      reopen();

      assertThat(await(log.checkpoint("a"))).isEqualTo(OptionalLong.of(9));
      assertThat(await(log.checkpoint("b"))).isEqualTo(OptionalLong.of(7));
    }
  }

  @Nested
  class Tailing {

    @Test
    void wakesAWaitingConsumerWhenTheNextRecordIsDurable() throws Exception {
      await(log.append(entries(0, 2)));
      Future<Long> waiting = log.awaitEndAfter(2).toCompletionStage().toCompletableFuture();
      assertThat(waiting).isNotDone();

      await(log.append(entries(2, 1)));

      assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void answersAtOnceWhenTheRecordIsAlreadyThere() {
      await(log.append(entries(0, 2)));

      assertThat(await(log.awaitEndAfter(1))).isEqualTo(2);
    }

    @Test
    void failsWaitingConsumersWhenTheLogCloses() {
      io.vertx.core.Future<Long> waiting = log.awaitEndAfter(0);
      await(log.close());

      assertThat(TestEvents.failureOf(waiting)).isInstanceOf(LogUnavailableException.class);
    }
  }

  @Nested
  class Observability {

    @Test
    void publishesCountersAndSyncTimesToTheRegistry() throws IOException {
      await(log.close());
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, registry);

      await(log.append(entries(0, 3)));
      await(log.append(entries(2, 2)));

      assertThat(registry.get("anserv.log.appended").functionCounter().count()).isEqualTo(4);
      assertThat(registry.get("anserv.log.duplicate").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("anserv.log.written").functionCounter().count()).isPositive();
      assertThat(registry.get("anserv.log.sync").timer().count()).isEqualTo(2);
      assertThat(registry.get("anserv.log.end.offset").gauge().value()).isEqualTo(4);
      assertThat(log.stats().commits()).isEqualTo(2);
      assertThat(log.stats().syncNanos()).isPositive();
    }

    @Test
    void scrapesUnderPrometheusNamesWithBaseUnits() throws IOException {
      await(log.close());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, registry);

      await(log.append(entries(0, 2)));

      assertThat(registry.scrape()).contains("anserv_log_appended_events_total 2.0",
          "anserv_log_written_bytes_total", "anserv_log_sync_seconds_count 1", "anserv_log_size_bytes",
          "anserv_log_queued_bytes 0.0", "anserv_log_end_offset 2.0", "anserv_log_first_offset 0.0",
          "anserv_log_duplicate_events_total 0.0", "anserv_log_rejected_events_total 0.0",
          "anserv_log_commit_events_count 1");
    }

    @Test
    void processDurabilityNeverSyncs() throws IOException {
      await(log.close());
      log = LocalEventLog.open(LocalLogOptions.defaults(directory).withDurability(Durability.PROCESS), null, null);

      await(log.append(entries(0, 3)));

      assertThat(log.stats().syncNanos()).isZero();
      assertThat(log.stats().appendedEvents()).isEqualTo(3);
    }
  }

  private static Offset<Long> within(long millis) {
    return Offset.offset(millis);
  }

  @Test
  void storesAnEventAgainOnceItsOriginalLeftTheWindow(@TempDir Path directory) throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withDedupWindow(4), null, null);
    TestEvents.await(log.append(TestEvents.entries(0, 10)));

    assertThat(TestEvents.await(log.append(TestEvents.entries(0, 1))).getFirst().duplicate()).isFalse();
    assertThat(TestEvents.await(log.append(TestEvents.entries(9, 1))).getFirst().duplicate()).isTrue();
    TestEvents.await(log.close());
  }
}
