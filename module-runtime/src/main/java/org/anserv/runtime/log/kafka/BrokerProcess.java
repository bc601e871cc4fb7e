package org.anserv.runtime.log.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Kafka broker in a child process, for tests and the local demo cluster: the {@code kafka-broker}
 * module's {@code BrokerMain}, started with the class path that module's build wrote.
 *
 * <p>A process rather than a thread because the 4.x broker and the 3.7 client that {@code vertx-kafka-client}
 * speaks need different {@code kafka-clients} jars, and because a test must be able to {@code kill -9} it.
 */
public final class BrokerProcess implements AutoCloseable {

  /** System property naming the class-path file when it is not found next to the working directory. */
  public static final String CLASSPATH_PROPERTY = "anserv.kafka.broker.classpath";

  private final Process process;
  private final int port;

  private BrokerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Finds the class-path file the {@code kafka-broker} build writes: the system property
   * {@value #CLASSPATH_PROPERTY}, else {@code kafka-broker/target/broker.classpath} in the working directory or one
   * of its parents.
   *
   * @return the file, or empty when the broker module was not built
   */
  public static Optional<Path> classpathFile() {
    String configured = System.getProperty(CLASSPATH_PROPERTY);
    if (configured != null) {
      return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("kafka-broker/target/broker.classpath");
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a port that is free, with the next one free too (the controller's).
   *
   * @return the port
   * @throws IOException when no port can be opened
   */
  public static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket first = new ServerSocket(0)) {
        int port = first.getLocalPort();
        try (ServerSocket second = new ServerSocket(port + 1)) {
          return port;
        } catch (IOException taken) {
          // try another pair
        }
      }
    }
    throw new IOException("no two consecutive free ports found");
  }

  /**
   * Starts a broker and waits until it accepts connections.
   *
   * @param classpathFile the file from {@link #classpathFile()}
   * @param port the client port; the controller uses the next one
   * @param directory its data; reused as is when it holds an earlier broker's data
   * @param ready how long to wait for it
   * @return the running broker
   * @throws IOException when it cannot start or is not ready in time (its output is in the message)
   */
  public static BrokerProcess start(Path classpathFile, int port, Path directory, Duration ready) throws IOException {
    String classpath = classpathFile.resolveSibling("classes") + java.io.File.pathSeparator
        + Files.readString(classpathFile).strip();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath,
        "org.anserv.kafka.broker.BrokerMain", Integer.toString(port), directory.toString()))
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
    StringBuilder output = new StringBuilder();
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("kafka-broker-output").start(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.startsWith("anserv-kafka-broker ready")) {
            started.complete(null);
          } else if (!started.isDone() && output.length() < 20_000) {
            output.append(line).append('\n');
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      started.completeExceptionally(new IOException("the broker exited"));
    });
    try {
      started.get(ready.toMillis(), TimeUnit.MILLISECONDS);
      return new BrokerProcess(process, port);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("Kafka broker on port " + port + " did not start within " + ready + ":\n" + output, e);
    }
  }

  /** Returns the address clients connect to. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Returns the broker's process id, for tests that kill it. */
  public long pid() {
    return process.pid();
  }

  /**
   * Kills the broker with SIGKILL, as a crash would, and waits for it to be gone.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Stops the broker: SIGTERM (Kafka shuts down cleanly), then SIGKILL after 20 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
