package org.anserv.runtime.log.kafka;

import static org.anserv.runtime.log.TestEvents.await;
import static org.anserv.runtime.log.TestEvents.entries;
import static org.anserv.runtime.log.TestEvents.entry;
import static org.anserv.runtime.log.TestEvents.failureOf;
import static org.anserv.runtime.log.TestEvents.id;
import static org.anserv.runtime.log.TestEvents.numberOf;
import static org.anserv.runtime.log.TestEvents.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.LogUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka event log against a real single-node broker in its own process. */
class KafkaEventLogTest {

  private static final AtomicInteger TOPICS = new AtomicInteger();

  @TempDir
  static Path brokerDir;

  private static Path classpath;
  private static int port;
  private static BrokerProcess broker;

  @BeforeAll
  static void startBroker() throws IOException {
    classpath = BrokerProcess.classpathFile().orElse(null);
    Assumptions.assumeTrue(classpath != null, "SKIPPED: kafka-broker/target/broker.classpath is missing; build the"
        + " kafka-broker module first (the full reactor build does)");
    port = BrokerProcess.freePortPair();
    broker = BrokerProcess.start(classpath, port, brokerDir, Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopBroker() throws InterruptedException {
    if (broker != null) {
      broker.close();
    }
  }

  private static KafkaLogOptions freshTopic() {
    return KafkaLogOptions.singleBroker(broker.bootstrapServers(), "events-" + TOPICS.incrementAndGet());
  }

  @Test
  void readsBackWhatItAppendedAtConsecutiveOffsetsWithIdsPayloadsAndAppendTimes() {
    KafkaEventLog log = KafkaEventLog.open(freshTopic(), null);
    long before = System.currentTimeMillis();
    List<AppendResult> first = await(log.append(entries(0, 500)));
    List<AppendResult> second = await(log.append(entries(500, 500)));

    assertThat(first).extracting(AppendResult::offset).containsExactlyElementsOf(range(0, 500));
    assertThat(second).extracting(AppendResult::offset).containsExactlyElementsOf(range(500, 500));
    assertThat(log.endOffset()).isEqualTo(1000);
    List<LogRecord> all = readAll(log, 0);
    assertThat(all).hasSize(1000);
    for (LogRecord record : all) {
      assertThat(numberOf(record.id())).isEqualTo(record.offset());
      assertThat(record.payload()).isEqualTo(payload(record.offset()));
      assertThat(record.appendedAtMillis()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
    }
    assertThat(await(log.read(990, 100))).extracting(LogRecord::offset).containsExactlyElementsOf(range(990, 10));
    assertThat(await(log.read(1000, 10))).isEmpty();
    await(log.close());
  }

  @Test
  void storesAnIdOnceWhetherRepeatedInOneBatchAcrossBatchesOrInRacingBatches() {
    KafkaEventLog log = KafkaEventLog.open(freshTopic(), null);
    List<AppendResult> results = await(log.append(List.of(entry(1), entry(2), entry(1))));
    assertThat(results).containsExactly(AppendResult.stored(0), AppendResult.stored(1),
        AppendResult.duplicateOf(0));

    assertThat(await(log.append(List.of(entry(2), entry(3)))))
        .containsExactly(AppendResult.duplicateOf(1), AppendResult.stored(2));

    List<Future<List<AppendResult>>> racing = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racing.add(log.append(entries(100, 50)));
    }
    long stored = racing.stream().map(f -> await(f)).flatMap(List::stream).filter(r -> !r.duplicate()).count();
    assertThat(stored).isEqualTo(50);
    assertThat(log.endOffset()).isEqualTo(53);
    assertThat(log.stats().duplicateEvents()).isEqualTo(2 + 7 * 50);
    await(log.close());
  }

  @Test
  void aReopenedLogRefusesIdsItStoredBeforeBecauseItRereadsTheTail() {
    KafkaLogOptions options = freshTopic();
    KafkaEventLog log = KafkaEventLog.open(options, null);
    await(log.append(entries(0, 300)));
    await(log.close());

    KafkaEventLog reopened = KafkaEventLog.open(options, null);
    assertThat(reopened.endOffset()).isEqualTo(300);
    assertThat(await(reopened.append(List.of(entry(299), entry(300)))))
        .containsExactly(AppendResult.duplicateOf(299), AppendResult.stored(300));
    await(reopened.close());
  }

  @Test
  void keepsConsumerCheckpointsAsConsumerGroupOffsets() {
    KafkaLogOptions options = freshTopic();
    KafkaEventLog log = KafkaEventLog.open(options, null);
    await(log.append(entries(0, 10)));
    assertThat(await(log.checkpoint("video"))).isEqualTo(OptionalLong.empty());

    await(log.commit("video", 7));
    await(log.commit("counts", 10));
    await(log.close());

    KafkaEventLog reopened = KafkaEventLog.open(options, null);
    assertThat(await(reopened.checkpoint("video"))).isEqualTo(OptionalLong.of(7));
    assertThat(await(reopened.checkpoint("counts"))).isEqualTo(OptionalLong.of(10));
    await(reopened.close());
  }

  @Test
  void wakesATailingReaderWhenAnAppendLands() {
    KafkaEventLog log = KafkaEventLog.open(freshTopic(), null);
    Future<Long> waiting = log.awaitEndAfter(0);
    assertThat(waiting.isComplete()).isFalse();

    await(log.append(entries(0, 3)));

    assertThat(await(waiting)).isEqualTo(3);
    await(log.close());
  }

  @Test
  void losesNothingAcknowledgedWhenTheBrokerIsKilledAndRefusesClearlyWhileItIsDown(@TempDir Path ownDir)
      throws Exception {
    int ownPort = BrokerProcess.freePortPair();
    BrokerProcess own = BrokerProcess.start(classpath, ownPort, ownDir, Duration.ofSeconds(90));
    KafkaLogOptions options = new KafkaLogOptions(own.bootstrapServers(), "survivor", (short) 1, 1, 10_000,
        Duration.ofSeconds(4));
    KafkaEventLog log = KafkaEventLog.open(options, null);
    for (int batch = 0; batch < 20; batch++) {
      await(log.append(entries(batch * 100, 100)));
    }
    own.kill();

    Throwable refused = failureOf(log.append(entries(5000, 1)));
    assertThat(refused).isInstanceOf(LogUnavailableException.class)
        .hasMessageContaining("did not acknowledge").hasMessageContaining("retry");
    await(log.close());

    own = BrokerProcess.start(classpath, ownPort, ownDir, Duration.ofSeconds(90));
    try {
      KafkaEventLog reopened = KafkaEventLog.open(options, null);
      List<LogRecord> all = readAll(reopened, 0);
      List<Long> acknowledged = all.stream().map(r -> numberOf(r.id())).filter(n -> n < 2000).toList();
      assertThat(acknowledged).containsExactlyElementsOf(range(0, 2000));
      // the refused event may or may not have reached the broker; a retry is then a duplicate, not a second copy
      List<AppendResult> retry = await(reopened.append(entries(5000, 1)));
      assertThat(readAll(reopened, 0).stream().filter(r -> numberOf(r.id()) == 5000)).hasSize(1);
      assertThat(retry).hasSize(1);
      await(reopened.close());
    } finally {
      own.close();
    }
  }

  private static List<LogRecord> readAll(KafkaEventLog log, long from) {
    List<LogRecord> records = new ArrayList<>();
    for (long next = from; next < log.endOffset(); ) {
      List<LogRecord> page = await(log.read(next, 300));
      records.addAll(page);
      next = page.getLast().offset() + 1;
    }
    return records;
  }

  private static List<Long> range(long from, int count) {
    List<Long> values = new ArrayList<>(count);
    for (long i = from; i < from + count; i++) {
      values.add(i);
    }
    return values;
  }
}
