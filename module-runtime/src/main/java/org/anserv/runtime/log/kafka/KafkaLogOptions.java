package org.anserv.runtime.log.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KafkaEventLog} reaches and configures its topic.
 *
 * @param bootstrapServers the brokers, as Kafka's {@code bootstrap.servers} ({@code host:port,host:port})
 * @param topic the topic holding the events; created when absent with the settings below
 * @param replicationFactor replicas of each partition when the topic is created: 3 in production, 1 for a single
 *     test broker
 * @param minInsyncReplicas replicas that must have a record before it is acknowledged ({@code acks=all}): 2 with
 *     three replicas, so that one broker may fail without losing or refusing anything
 * @param dedupWindow how many of the newest event ids are remembered to refuse duplicates (at least half of them)
 * @param requestTimeout how long an append or read may wait for the brokers before failing as unavailable
 */
public record KafkaLogOptions(
    String bootstrapServers,
    String topic,
    short replicationFactor,
    int minInsyncReplicas,
    int dedupWindow,
    Duration requestTimeout) {

  /** Checks the values. */
  public KafkaLogOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (bootstrapServers.isBlank() || topic.isBlank()) {
      throw new IllegalArgumentException("Kafka log: bootstrap servers and topic must not be blank");
    }
    if (replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException("Kafka log: need 1 <= min.insync.replicas (" + minInsyncReplicas
          + ") <= replication factor (" + replicationFactor + ")");
    }
    if (dedupWindow < 2) {
      throw new IllegalArgumentException("Kafka log: the dedup window must hold at least 2 ids");
    }
  }

  /**
   * Settings for one test or demo broker: replication 1, a window of a million ids, 30 s timeout.
   *
   * @param bootstrapServers the broker address
   * @param topic the topic name
   * @return the options
   */
  public static KafkaLogOptions singleBroker(String bootstrapServers, String topic) {
    return new KafkaLogOptions(bootstrapServers, topic, (short) 1, 1, 1_000_000, Duration.ofSeconds(30));
  }

  /**
   * The same options with another dedup window.
   *
   * @param ids how many ids to remember
   * @return the new options
   */
  public KafkaLogOptions withDedupWindow(int ids) {
    return new KafkaLogOptions(bootstrapServers, topic, replicationFactor, minInsyncReplicas, ids, requestTimeout);
  }
}
