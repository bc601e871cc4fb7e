package org.anserv.runtime.log.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.EventId;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.log.IdWindow;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.LogStats;
import org.anserv.runtime.log.LogUnavailableException;
import org.anserv.runtime.log.LogUnavailableException.Reason;
import org.anserv.runtime.log.Reply;
import org.anserv.runtime.log.TailWaiters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The event log on a Kafka topic, for clusters: replication instead of a local disk, so that losing a node loses
 * nothing acknowledged.
 *
 * <p>The topic has one partition and the log's offsets are its offsets (consecutive: the producer is idempotent and
 * never transactional). Each record's key is the 16-byte event id, its value the payload, its timestamp the
 * broker's append time. An append is acknowledged once every in-sync replica has it ({@code acks=all}; with
 * {@code min.insync.replicas} of the topic, a broker short of replicas refuses rather than acknowledging a write
 * that one failure could lose).
 *
 * <p>Kafka does not deduplicate by content id; this log does, like the local one, with a window of the newest ids
 * refilled from the topic's tail when it opens and, when given a {@code Vertx}, fed with the ids other nodes append
 * (read back every 100 ms). So a producer's retry sent to another node after a node failed is recognised; two
 * nodes appending the same id within that delay may both store it.
 *
 * <p>Where this differs from the local log, said plainly: a batch that fails (broker unreachable past the timeout)
 * may be partly stored. Retrying it is safe, the stored part being recognised as duplicates. Checkpoints are Kafka
 * consumer-group offsets (group {@code anserv.<consumer>}), so Kafka's own tools show them.
 */
public final class KafkaEventLog implements EventLog {

  private static final int READERS = 4;
  // Below the producer's buffer.memory (32 MiB), so a send never waits for memory on the caller's thread.
  private static final long MAX_QUEUED_BYTES = 24L * 1024 * 1024;

  private final KafkaLogOptions options;
  private final Vertx vertx;
  private final TopicPartition partition;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;
  private final List<PartitionReader> readers = new ArrayList<>();
  private final IdWindow window;
  private final Map<EventId, CompletableFuture<Long>> inFlight = new HashMap<>();
  private final AtomicLong endOffset;
  private final AtomicLong firstOffset;
  private final TailWaiters waiters = new TailWaiters();
  private final LongAdder appended = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final PartitionReader follower;
  private final long tailTimer;
  private volatile long followed;
  private volatile boolean following;
  private volatile boolean closed;

  private KafkaEventLog(KafkaLogOptions options, Vertx vertx, Admin admin) throws Exception {
    this.options = options;
    this.vertx = vertx;
    this.admin = admin;
    this.partition = new TopicPartition(options.topic(), 0);
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.LINGER_MS_CONFIG, "1",
        ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024),
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(options.requestTimeout().toMillis()),
        // Kafka wants delivery >= linger + request timeout: one retry fits in the budget
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(options.requestTimeout().toMillis() / 2),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(options.requestTimeout().toMillis())),
        new ByteArraySerializer(), new ByteArraySerializer());
    for (int i = 0; i < READERS; i++) {
      readers.add(new PartitionReader(options, "anserv-log-reader-" + options.topic() + "-" + i));
    }
    long[] bounds = readers.getFirst().bounds().get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    this.firstOffset = new AtomicLong(bounds[0]);
    this.endOffset = new AtomicLong(bounds[1]);
    this.window = new IdWindow(options.dedupWindow());
    refillWindow();
    this.follower = new PartitionReader(options, "anserv-log-follower-" + options.topic());
    this.followed = endOffset.get();
    // Other nodes append too: while someone waits for the tail, ask the broker where it is.
    this.tailTimer = vertx == null ? -1 : vertx.setPeriodic(100, ignored -> pollTail());
  }

  /**
   * Connects to the brokers, creates the topic when absent and refills the dedup window from its tail. Blocks: call
   * it at startup, off the event loop.
   *
   * @param options where and how
   * @param vertx to complete futures on the caller's context, and to follow appends made by other nodes; null in
   *     tests that need neither
   * @return the open log
   * @throws LogUnavailableException when the brokers cannot be reached or the topic cannot be created
   */
  public static KafkaEventLog open(KafkaLogOptions options, Vertx vertx) {
    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(options.requestTimeout().toMillis()),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(options.requestTimeout().toMillis() / 2)));
    try {
      TopicSetup.ensure(admin, options);
      return new KafkaEventLog(options, vertx, admin);
    } catch (Exception e) {
      admin.close();
      throw new LogUnavailableException(Reason.UNREACHABLE, "Kafka log: cannot open topic " + options.topic() + " at "
          + options.bootstrapServers() + " (" + rootMessage(e) + "); check that the brokers run and are reachable",
          e);
    }
  }

  private void refillWindow() throws Exception {
    long from = Math.max(firstOffset.get(), endOffset.get() - options.dedupWindow() / 2);
    PartitionReader reader = readers.getFirst();
    while (from < endOffset.get()) {
      List<LogRecord> records = reader.read(from, 2000).get(options.requestTimeout().toMillis(),
          TimeUnit.MILLISECONDS);
      if (records.isEmpty()) {
        throw new LogUnavailableException(Reason.UNREACHABLE, "Kafka log: the broker did not return offset " + from, null);
      }
      records.forEach(record -> window.add(record.id(), record.offset()));
      from = records.getLast().offset() + 1;
    }
  }

  @Override
  public Future<List<AppendResult>> append(List<LogEntry> entries) {
    Reply<List<AppendResult>> reply = Reply.on(vertx);
    if (entries.isEmpty()) {
      reply.fail(new IllegalArgumentException("append needs at least one event"));
      return reply.future();
    }
    if (closed) {
      rejected.add(entries.size());
      reply.fail(new LogUnavailableException(Reason.CLOSED, "Kafka log is closed", null));
      return reply.future();
    }
    if (queuedBytes.get() > MAX_QUEUED_BYTES) {
      rejected.add(entries.size());
      reply.fail(new LogUnavailableException(Reason.QUEUE_FULL, "Kafka log: " + queuedBytes.get() + " bytes wait"
          + " for the brokers' acknowledgement; retry shortly", null));
      return reply.future();
    }
    List<CompletableFuture<Long>> offsets = new ArrayList<>(entries.size());
    boolean[] duplicate = new boolean[entries.size()];
    List<CompletableFuture<Long>> mine = new ArrayList<>();
    List<EventId> mineIds = new ArrayList<>();
    List<LogEntry> toSend = new ArrayList<>();
    // Decide duplicates under the lock, so two batches racing on one id store it once; send after releasing it,
    // since a send may wait for producer memory that only acknowledgements (which take the lock) free.
    synchronized (window) {
      for (int i = 0; i < entries.size(); i++) {
        LogEntry entry = entries.get(i);
        long stored = window.find(entry.id());
        CompletableFuture<Long> pending = inFlight.get(entry.id());
        if (stored >= 0 || pending != null) {
          duplicate[i] = true;
          offsets.add(pending != null ? pending : CompletableFuture.completedFuture(stored));
          continue;
        }
        CompletableFuture<Long> offset = new CompletableFuture<>();
        inFlight.put(entry.id(), offset);
        mine.add(offset);
        mineIds.add(entry.id());
        offsets.add(offset);
        toSend.add(entry);
      }
    }
    long batchBytes = 0;
    for (int i = 0; i < toSend.size(); i++) {
      LogEntry entry = toSend.get(i);
      CompletableFuture<Long> offset = mine.get(i);
      byte[] value = entry.payload().getBytes();
      batchBytes += value.length + EventId.BYTES;
      try {
        producer.send(new ProducerRecord<>(options.topic(), 0, entry.id().bytes(), value), (metadata, error) -> {
          if (error != null) {
            offset.completeExceptionally(error);
          } else {
            offset.complete(metadata.offset());
          }
        });
      } catch (RuntimeException e) {
        offset.completeExceptionally(e);
      }
    }
    long sent = batchBytes;
    queuedBytes.addAndGet(sent);
    batches.increment();
    CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
      queuedBytes.addAndGet(-sent);
      settle(mineIds, mine);
      if (error != null) {
        rejected.add(entries.size());
        reply.fail(new LogUnavailableException(Reason.UNREACHABLE, "Kafka log: the brokers did not acknowledge the batch ("
            + rootMessage(error) + "); retry: what was stored is recognised as duplicates", error));
        return;
      }
      CompletableFuture.allOf(offsets.toArray(CompletableFuture[]::new)).whenComplete((all, failed) -> {
        if (failed != null) {
          rejected.add(entries.size());
          reply.fail(new LogUnavailableException(Reason.UNREACHABLE, "Kafka log: an earlier batch holding the same event failed; retry",
              failed));
          return;
        }
        List<AppendResult> results = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
          long offset = offsets.get(i).join();
          results.add(duplicate[i] ? AppendResult.duplicateOf(offset) : AppendResult.stored(offset));
        }
        appended.add(mine.size());
        duplicates.add(entries.size() - mine.size());
        bytes.add(sent);
        reply.succeed(results);
      });
    });
    return reply.future();
  }

  /** Moves acknowledged ids from in flight to the window and publishes the new end. */
  private void settle(List<EventId> ids, List<CompletableFuture<Long>> offsets) {
    long highest = -1;
    synchronized (window) {
      for (int i = 0; i < ids.size(); i++) {
        inFlight.remove(ids.get(i));
        CompletableFuture<Long> offset = offsets.get(i);
        if (!offset.isCompletedExceptionally()) {
          window.add(ids.get(i), offset.join());
          highest = Math.max(highest, offset.join());
        }
      }
    }
    if (highest >= 0) {
      publishEnd(highest + 1);
    }
  }

  private void publishEnd(long end) {
    if (endOffset.accumulateAndGet(end, Math::max) == end) {
      waiters.published(end);
    }
  }

  private void pollTail() {
    if (closed || following) {
      return;
    }
    following = true;
    readers.getFirst().bounds().thenCompose(bounds -> {
      firstOffset.set(bounds[0]);
      publishEnd(bounds[1]);
      return follow(bounds[1]);
    }).whenComplete((done, error) -> following = false);
  }

  // Learns the ids other nodes appended, so that a producer retrying on this node after another failed is
  // recognised (within the follow delay of about 100 ms).
  private CompletableFuture<Void> follow(long end) {
    if (closed || followed >= end) {
      return CompletableFuture.completedFuture(null);
    }
    return follower.read(followed, 2000).thenCompose(records -> {
      if (records.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      synchronized (window) {
        for (LogRecord record : records) {
          if (window.find(record.id()) < 0) {
            window.add(record.id(), record.offset());
          }
        }
      }
      followed = records.getLast().offset() + 1;
      return follow(end);
    });
  }

  @Override
  public Future<List<LogRecord>> read(long fromOffset, int maxRecords) {
    if (fromOffset < 0 || maxRecords < 1) {
      return Future.failedFuture(new IllegalArgumentException("read needs fromOffset >= 0 and maxRecords >= 1"));
    }
    Reply<List<LogRecord>> reply = Reply.on(vertx);
    long from = Math.max(fromOffset, firstOffset.get());
    if (from >= endOffset.get()) {
      reply.succeed(List.of());
      return reply.future();
    }
    readerFor(from).read(from, maxRecords).whenComplete((records, error) -> {
      if (error != null) {
        reply.fail(new LogUnavailableException(Reason.UNREACHABLE, "Kafka log: read at " + from + " failed: " + rootMessage(error),
            error));
      } else {
        reply.succeed(records);
      }
    });
    return reply.future();
  }

  /** The reader already positioned at {@code from} if there is one, else the one idle longest. */
  private PartitionReader readerFor(long from) {
    synchronized (readers) {
      for (PartitionReader reader : readers) {
        if (reader.nextOffset() == from) {
          return reader;
        }
      }
      return readers.stream().min(Comparator.comparingLong(PartitionReader::lastUsedNanos)).orElseThrow();
    }
  }

  @Override
  public long firstOffset() {
    return firstOffset.get();
  }

  @Override
  public long endOffset() {
    return endOffset.get();
  }

  @Override
  public Future<Long> awaitEndAfter(long offset) {
    Reply<Long> reply = Reply.on(vertx);
    waiters.await(offset, reply, endOffset::get);
    return reply.future();
  }

  @Override
  public Future<Void> commit(String consumer, long nextOffset) {
    Reply<Void> reply = Reply.on(vertx);
    admin.alterConsumerGroupOffsets(group(consumer), Map.of(partition, new OffsetAndMetadata(nextOffset)))
        .all().whenComplete((ignored, error) -> {
          if (error != null) {
            reply.fail(new LogUnavailableException(Reason.UNREACHABLE, "Kafka log: cannot commit " + consumer + ": "
                + rootMessage(error), error));
          } else {
            reply.succeed(null);
          }
        });
    return reply.future();
  }

  @Override
  public Future<OptionalLong> checkpoint(String consumer) {
    Reply<OptionalLong> reply = Reply.on(vertx);
    ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(group(consumer));
    result.partitionsToOffsetAndMetadata().whenComplete((offsets, error) -> {
      if (error != null) {
        reply.fail(new LogUnavailableException(Reason.UNREACHABLE, "Kafka log: cannot read checkpoint of " + consumer + ": "
            + rootMessage(error), error));
      } else {
        OffsetAndMetadata committed = offsets.get(partition);
        reply.succeed(committed == null ? OptionalLong.empty() : OptionalLong.of(committed.offset()));
      }
    });
    return reply.future();
  }

  private static String group(String consumer) {
    if (consumer == null || consumer.isBlank()) {
      throw new IllegalArgumentException("a consumer name must not be blank");
    }
    return "anserv." + consumer;
  }

  @Override
  public LogStats stats() {
    return new LogStats(appended.sum(), duplicates.sum(), rejected.sum(), bytes.sum(), batches.sum(), 0,
        queuedBytes.get());
  }

  @Override
  public Future<Void> close() {
    Reply<Void> reply = Reply.on(vertx);
    if (closed) {
      reply.succeed(null);
      return reply.future();
    }
    closed = true;
    if (tailTimer >= 0) {
      vertx.cancelTimer(tailTimer);
    }
    Thread.ofPlatform().name("anserv-log-close-" + options.topic()).start(() -> {
      try {
        producer.close();
        readers.forEach(PartitionReader::close);
        follower.close();
        admin.close();
        waiters.close(new LogUnavailableException(Reason.CLOSED, "Kafka log is closed", null));
        reply.succeed(null);
      } catch (RuntimeException e) {
        reply.fail(e);
      }
    });
    return reply.future();
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
