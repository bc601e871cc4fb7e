package org.anserv.kafka.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Starts a single-node KRaft Kafka broker (broker and controller in one process) on loopback, for tests and the
 * local demo cluster.
 *
 * <p>Usage: {@code BrokerMain <port> <directory>}. The controller listens on {@code port + 1}. The directory keeps
 * the data across restarts: it is formatted only the first time, so a broker killed and started again on the same
 * directory finds every acknowledged record. When the broker accepts connections the process prints
 * {@code anserv-kafka-broker ready 127.0.0.1:<port>} on standard output; it runs until killed.
 *
 * <p>Production runs a real Kafka cluster (three brokers, replication factor 3, {@code min.insync.replicas=2}):
 * this single broker has no replication, so it survives a process kill (the page cache keeps what it acknowledged)
 * but not the loss of the machine.
 */
public final class BrokerMain {

  private BrokerMain() {
  }

  /**
   * Formats the directory when new, then runs the broker until the process ends.
   *
   * @param args the client port and the data directory
   * @throws Exception when the directory cannot be prepared or the broker cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: BrokerMain <port> <directory>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path directory = Path.of(args[1]).toAbsolutePath();
    Path properties = writeProperties(port, directory);
    if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
      int formatted = kafka.tools.StorageTool.execute(new String[] {
          "format", "--cluster-id", clusterId(), "--config", properties.toString(), "--standalone",
          "--ignore-formatted"}, new PrintStream(System.err, true));
      if (formatted != 0) {
        System.err.println("anserv-kafka-broker: formatting " + directory + " failed (" + formatted + ")");
        System.exit(1);
      }
    }
    Thread.ofPlatform().daemon().name("ready-probe").start(() -> announceWhenListening(port));
    kafka.Kafka.main(new String[] {properties.toString()});
  }

  private static Path writeProperties(int port, Path directory) throws IOException {
    Files.createDirectories(directory);
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1));
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + (port + 1));
    p.setProperty("log.dirs", directory.resolve("data").toString());
    // One broker: every internal topic has one replica.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    Path file = directory.resolve("server.properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      p.store(out, "written by anserv BrokerMain");
    }
    return file;
  }

  /** A fresh random cluster id in Kafka's format (a base64url UUID). */
  private static String clusterId() {
    return org.apache.kafka.common.Uuid.randomUuid().toString();
  }

  private static void announceWhenListening(int port) {
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        System.out.println("anserv-kafka-broker ready 127.0.0.1:" + port);
        System.out.flush();
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
