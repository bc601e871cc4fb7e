package org.anserv.runtime.log.local;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.anserv.runtime.log.LogStats;

/**
 * The log's counters, kept as adders for {@link LogStats} and, when a registry is given, published as meters
 * (Prometheus names in brackets): {@code anserv.log.appended} [anserv_log_appended_events_total] events stored,
 * {@code anserv.log.duplicate} [anserv_log_duplicate_events_total], {@code anserv.log.rejected}
 * [anserv_log_rejected_events_total] events refused as unavailable, {@code anserv.log.written}
 * [anserv_log_written_bytes_total], {@code anserv.log.sync} [anserv_log_sync_seconds] time per fsync with p50 and
 * p99, {@code anserv.log.commit.events} [anserv_log_commit_events] events per group commit, and gauges
 * {@code anserv.log.queued} [anserv_log_queued_bytes], {@code anserv.log.size} [anserv_log_size_bytes],
 * {@code anserv.log.end.offset} [anserv_log_end_offset], {@code anserv.log.first.offset} [anserv_log_first_offset].
 */
final class LogMeters {

  private final LongAdder appended = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder syncNanos = new LongAdder();
  private final Timer syncTimer;
  private final DistributionSummary commitEvents;

  LogMeters(MeterRegistry registry) {
    if (registry == null) {
      syncTimer = null;
      commitEvents = null;
      return;
    }
    FunctionCounter.builder("anserv.log.appended", appended, LongAdder::sum).baseUnit("events")
        .description("Events stored in the log").register(registry);
    FunctionCounter.builder("anserv.log.duplicate", duplicates, LongAdder::sum).baseUnit("events")
        .description("Events not stored because their id was already stored").register(registry);
    FunctionCounter.builder("anserv.log.rejected", rejected, LongAdder::sum).baseUnit("events")
        .description("Events refused because the log was unavailable (queue full, write error, closed)")
        .register(registry);
    FunctionCounter.builder("anserv.log.written", written, LongAdder::sum).baseUnit("bytes")
        .description("Bytes written to the log, framing included").register(registry);
    syncTimer = Timer.builder("anserv.log.sync").description("Time to sync one group commit to disk")
        .publishPercentiles(0.5, 0.99).register(registry);
    commitEvents = DistributionSummary.builder("anserv.log.commit.events").baseUnit("events")
        .description("Events per group commit").register(registry);
  }

  /** Publishes gauges read from the log's live state. */
  void registerGauges(MeterRegistry registry, LongSupplier queuedBytes, LongSupplier sizeBytes,
      LongSupplier endOffset, LongSupplier firstOffset) {
    if (registry == null) {
      return;
    }
    Gauge.builder("anserv.log.queued", queuedBytes::getAsLong).baseUnit("bytes")
        .description("Bytes accepted and waiting for the writer").register(registry);
    Gauge.builder("anserv.log.size", sizeBytes::getAsLong).baseUnit("bytes")
        .description("Bytes held by the log on disk").register(registry);
    Gauge.builder("anserv.log.end.offset", endOffset::getAsLong)
        .description("Offset the next stored event will get").register(registry);
    Gauge.builder("anserv.log.first.offset", firstOffset::getAsLong)
        .description("Lowest offset replay can reach").register(registry);
  }

  void committed(int stored, int duplicate, long bytes) {
    appended.add(stored);
    duplicates.add(duplicate);
    written.add(bytes);
    commits.increment();
    if (commitEvents != null) {
      commitEvents.record(stored + duplicate);
    }
  }

  void synced(long nanos) {
    syncNanos.add(nanos);
    if (syncTimer != null) {
      syncTimer.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  void rejected(int events) {
    rejected.add(events);
  }

  LogStats snapshot(long queuedBytes) {
    return new LogStats(appended.sum(), duplicates.sum(), rejected.sum(), written.sum(), commits.sum(),
        syncNanos.sum(), queuedBytes);
  }
}
