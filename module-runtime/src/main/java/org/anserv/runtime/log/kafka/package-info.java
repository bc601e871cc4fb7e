/**
 * The event log on Kafka, for clusters: {@link org.anserv.runtime.log.kafka.KafkaEventLog} keeps the
 * {@link org.anserv.runtime.log.EventLog} contract on a replicated topic, and
 * {@link org.anserv.runtime.log.kafka.BrokerProcess} runs a single broker for tests and the local demo cluster.
 */
package org.anserv.runtime.log.kafka;
