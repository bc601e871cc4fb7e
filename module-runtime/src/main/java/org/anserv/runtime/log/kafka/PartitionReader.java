package org.anserv.runtime.log.kafka;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.anserv.runtime.log.EventId;
import org.anserv.runtime.log.LogRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One Kafka consumer reading the event partition at arbitrary offsets, on a thread of its own (a Kafka consumer
 * must not be used by two threads at once, and its calls block).
 *
 * <p>It remembers where it stopped and keeps what a poll returned beyond the records asked for, so a tailing reader
 * that asks for the next offset is served without a new seek, which would throw away what was already fetched.
 */
final class PartitionReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final Duration timeout;
  private final ExecutorService thread;
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
  private volatile long nextOffset = -1;
  private volatile long lastUsedNanos;

  PartitionReader(KafkaLogOptions options, String name) {
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
        ConsumerConfig.CLIENT_ID_CONFIG, name,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
        // below the first offset still held (retention), start at the first one, as the contract says
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.partition = new TopicPartition(options.topic(), 0);
    this.timeout = options.requestTimeout();
    this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name).factory());
    thread.execute(() -> consumer.assign(List.of(partition)));
  }

  /** The offset this reader would read next without seeking, or -1 before its first read. */
  long nextOffset() {
    return nextOffset;
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  /**
   * Reads up to {@code max} consecutive records from {@code from}, waiting for the broker up to the timeout; the
   * caller only asks below the end offset, so an empty answer means the broker did not deliver in time.
   */
  CompletableFuture<List<LogRecord>> read(long from, int max) {
    lastUsedNanos = System.nanoTime();
    return CompletableFuture.supplyAsync(() -> readNow(from, max), thread);
  }

  /** The partition's first and end offsets as the broker sees them. */
  CompletableFuture<long[]> bounds() {
    return CompletableFuture.supplyAsync(() -> new long[] {
        consumer.beginningOffsets(List.of(partition), timeout).get(partition),
        consumer.endOffsets(List.of(partition), timeout).get(partition)}, thread);
  }

  private List<LogRecord> readNow(long from, int max) {
    if (from != nextOffset) {
      fetched.clear();
      consumer.seek(partition, from);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (fetched.isEmpty() && System.nanoTime() < deadline) {
      consumer.poll(POLL).records(partition).forEach(fetched::add);
    }
    List<LogRecord> records = new ArrayList<>(Math.min(max, fetched.size()));
    while (records.size() < max && !fetched.isEmpty()) {
      ConsumerRecord<byte[], byte[]> record = fetched.poll();
      records.add(new LogRecord(record.offset(), EventId.of(record.key()), record.timestamp(),
          Buffer.buffer(record.value())));
    }
    nextOffset = records.isEmpty() ? from : records.getLast().offset() + 1;
    return records;
  }

  @Override
  public void close() {
    thread.execute(consumer::close);
    thread.shutdown();
  }
}
