package org.anserv.gateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.log.kafka.KafkaEventLog;
import org.anserv.runtime.log.kafka.KafkaLogOptions;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.log.local.Retention;

/**
 * Where the event log lives, chosen by {@code log.engine}: segment files on this machine ({@code local}, the
 * default for one node) or a Kafka topic shared by a cluster ({@code kafka}).
 */
enum LogEngine {

  /** Segment files with group commit under {@code log.dir}. */
  LOCAL {
    @Override
    EventLog open(JsonObject config, Path dataDir, Vertx vertx, MeterRegistry meters) throws IOException {
      return LocalEventLog.open(localOptions(config, dataDir), vertx, meters);
    }
  },

  /** A replicated Kafka topic: {@code log.kafka.bootstrap}, {@code log.kafka.topic} and its replication. */
  KAFKA {
    @Override
    EventLog open(JsonObject config, Path dataDir, Vertx vertx, MeterRegistry meters) {
      String bootstrap = config.getString("log.kafka.bootstrap", "");
      if (bootstrap.isBlank()) {
        throw new IllegalArgumentException("log.engine=kafka needs log.kafka.bootstrap (host:port of the brokers)");
      }
      KafkaLogOptions options = new KafkaLogOptions(bootstrap,
          config.getString("log.kafka.topic", "anserv-events"),
          GatewaySettings.number(config, "log.kafka.replication", 3).shortValue(),
          GatewaySettings.number(config, "log.kafka.min.insync", 2).intValue(),
          GatewaySettings.number(config, "log.dedup.window", 1_000_000).intValue(),
          Duration.ofMillis(GatewaySettings.number(config, "log.kafka.timeout.ms", 30_000).longValue()));
      KafkaEventLog log = KafkaEventLog.open(options, vertx);
      if (meters != null) {
        measure(log, meters);
      }
      return log;
    }
  };

  /**
   * Reads {@code log.engine}.
   *
   * @param config the server configuration
   * @return the engine; {@link #LOCAL} when unset
   * @throws IllegalArgumentException for an unknown name
   */
  static LogEngine of(JsonObject config) {
    String name = config.getString("log.engine", "local");
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log.engine must be local or kafka, not \"" + name + "\"");
    }
  }

  /**
   * Opens the log; blocks while it recovers or connects.
   *
   * @param config the server configuration
   * @param dataDir the node's data directory
   * @param vertx the node's Vert.x
   * @param meters where the log's meters go, or null
   * @return the open log
   * @throws IOException when the local log cannot be read
   */
  abstract EventLog open(JsonObject config, Path dataDir, Vertx vertx, MeterRegistry meters) throws IOException;

  /** The directory holding the log on this machine: {@code log.dir} for the local engine, none for Kafka. */
  Optional<Path> directory(JsonObject config, Path dataDir) {
    return this == LOCAL ? Optional.of(localDirectory(config, dataDir)) : Optional.empty();
  }

  private static Path localDirectory(JsonObject config, Path dataDir) {
    return Path.of(config.getString("log.dir", dataDir.resolve("log").toString()));
  }

  private static LocalLogOptions localOptions(JsonObject config, Path dataDir) {
    Path directory = localDirectory(config, dataDir);
    String durability = config.getString("log.durability", "fsync");
    LocalLogOptions options = LocalLogOptions.defaults(directory).withDurability(switch (durability) {
      case "fsync" -> Durability.FSYNC;
      case "process" -> Durability.PROCESS;
      default -> throw new IllegalArgumentException("log.durability must be fsync or process, not \"" + durability
          + "\"");
    });
    long hours = GatewaySettings.number(config, "log.retention.hours", 0).longValue();
    long bytes = GatewaySettings.number(config, "log.retention.bytes", 0).longValue();
    if (hours > 0 && bytes > 0) {
      throw new IllegalArgumentException("Set log.retention.hours or log.retention.bytes, not both.");
    }
    if (hours > 0) {
      options = options.withRetention(Retention.maxAge(Duration.ofHours(hours)));
    } else if (bytes > 0) {
      options = options.withRetention(Retention.maxBytes(bytes));
    }
    return options;
  }

  // The series the local log publishes too, so boards and alerts work with either engine.
  private static void measure(EventLog log, MeterRegistry meters) {
    FunctionCounter.builder("anserv.log.appended", log, l -> l.stats().appendedEvents())
        .description("Events stored in the event log").baseUnit("events").register(meters);
    FunctionCounter.builder("anserv.log.duplicate", log, l -> l.stats().duplicateEvents())
        .description("Events refused as duplicates of a stored id").baseUnit("events").register(meters);
    FunctionCounter.builder("anserv.log.rejected", log, l -> l.stats().rejectedEvents())
        .description("Events refused because the log could not accept them").baseUnit("events").register(meters);
    Gauge.builder("anserv.log.end.offset", log, EventLog::endOffset)
        .description("Offset the next stored event will get").register(meters);
  }
}
