package org.anserv.runtime.log.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the event topic when it does not exist yet, with the settings a source of truth needs. */
final class TopicSetup {

  private TopicSetup() {
  }

  /**
   * Ensures the topic exists: one partition (offsets of the log are the partition's offsets), the given replication,
   * broker-assigned timestamps, and no time or size retention (module databases are rebuilt from it).
   */
  static void ensure(Admin admin, KafkaLogOptions options) throws InterruptedException, TimeoutException {
    NewTopic topic = new NewTopic(options.topic(), 1, options.replicationFactor()).configs(Map.of(
        "min.insync.replicas", Integer.toString(options.minInsyncReplicas()),
        "message.timestamp.type", "LogAppendTime",
        "retention.ms", "-1",
        "retention.bytes", "-1"));
    try {
      admin.createTopics(List.of(topic)).all()
          .get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Kafka log: cannot create topic " + options.topic() + " on "
            + options.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
  }
}
