package org.anserv.gateway.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.route.EventIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a separate process with its on-disk defaults (fsync log, embedded MongoDB on H2), fed by several
 * concurrent clients and killed with {@code kill -9} mid-stream at several points, restarted each time. At the end
 * every event acknowledged with 2xx is in the log exactly once, and the counts module's figures, rebuilt from the
 * log after each unclean stop, equal the ground truth.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServerCrashTest {

  private static final int CLIENTS = 4;
  private static final int BATCH = 25;
  private static final int USERS = 37;

  @TempDir
  Path data;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, List<JsonObject>> sent = new ConcurrentHashMap<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  @Test
  void losesNoAcknowledgedEventAndKeepsFiguresExactAcrossKills() throws Exception {
    int port = freePort();
    int[] killAfterBatches = {20, 120, 300};
    for (int round = 0; round < killAfterBatches.length; round++) {
      Process server = start(port);
      resendUnacknowledged(port);
      stream(port, round, killAfterBatches[round], server);
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    Process server = start(port);
    resendUnacknowledged(port);
    Map<String, Long> truth = groundTruth();
    long expected = truth.values().stream().mapToLong(Long::longValue).sum();
    long counted = awaitTotal(port, expected);
    Map<String, Long> perUser = new HashMap<>();
    for (String user : truth.keySet()) {
      perUser.put(user, Long.parseLong(get(port, "/queries/counts/user?user=" + user)));
    }
    server.destroy();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Map<String, Integer> stored = storedIds();
    long lost = acknowledgedEventIds().stream().filter(id -> stored.getOrDefault(id, 0) != 1).count();
    System.out.printf("server crash test: sent %d, acknowledged %d, stored %d, counted %d, lost %d%n",
        sentEvents(), acknowledgedEventIds().size(), stored.size(), counted, lost);
    assertThat(lost).isZero();
    assertThat(stored.values()).containsOnly(1);
    assertThat(stored).hasSize((int) expected);
    assertThat(counted).isEqualTo(expected);
    assertThat(perUser).isEqualTo(truth);
  }

  private Process start(int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
        "-Danserv.http.port=" + port, "-Danserv.data.dir=" + data, "-Danserv.mongo.embedded.port=0",
        "-Danserv.http.instances=2", "-Danserv.security.enabled=false", "-Danserv.modules.dir=", "-cp", System.getProperty("java.class.path"),
        "org.anserv.gateway.Main")
        .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (get(port, "/health").contains("\"UP\"")) {
          return server;
        }
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    server.destroyForcibly();
    List<String> log = Files.readAllLines(data.resolve("server.log"));
    throw new AssertionError("The server did not start:\n"
        + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
  }

  // Several clients post batches until the acknowledgements reach the kill point; then the server gets kill -9.
  private void stream(int port, int round, int killAfterBatches, Process server) throws Exception {
    AtomicInteger acks = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.add(Thread.ofPlatform().start(() -> {
        for (int b = 0; !killed.get(); b++) {
          String key = "r" + round + "-c" + client + "-b" + b;
          sent.put(key, batch(key));
          if (post(port, key) && acks.incrementAndGet() == killAfterBatches) {
            server.toHandle().destroyForcibly();
            killed.set(true);
          }
        }
      }));
    }
    for (Thread client : clients) {
      client.join(TimeUnit.SECONDS.toMillis(120));
    }
  }

  private void resendUnacknowledged(int port) {
    for (String key : new ArrayList<>(sent.keySet())) {
      if (!acknowledged.contains(key)) {
        assertThat(post(port, key)).as("resending " + key).isTrue();
      }
    }
  }

  private boolean post(int port, String key) {
    StringBuilder body = new StringBuilder();
    sent.get(key).forEach(e -> body.append(e.encode()).append('\n'));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, "/events"))
          .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        acknowledged.add(key);
        return true;
      }
      return false;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<JsonObject> batch(String key) {
    List<JsonObject> events = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      events.add(new JsonObject().put("id", key + "-" + i).put("username", "u" + Math.floorMod((key + i).hashCode(),
          USERS)).put("event_type", "crash_test").put("event_source", "server"));
    }
    return events;
  }

  private Map<String, Long> groundTruth() {
    Map<String, Long> perUser = new HashMap<>();
    sent.values().forEach(events -> events.forEach(e -> perUser.merge(e.getString("username"), 1L, Long::sum)));
    return perUser;
  }

  private long awaitTotal(int port, long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long total = -1;
    while (System.nanoTime() < deadline) {
      total = Long.parseLong(get(port, "/queries/counts/total"));
      if (total >= expected) {
        Thread.sleep(300);
        return Long.parseLong(get(port, "/queries/counts/total"));
      }
      Thread.sleep(100);
    }
    return total;
  }

  private Set<String> acknowledgedEventIds() {
    Set<String> ids = new HashSet<>();
    acknowledged.forEach(key -> sent.get(key).forEach(e -> ids.add(EventIds.of(e).toString())));
    return ids;
  }

  private long sentEvents() {
    return sent.values().stream().mapToLong(List::size).sum();
  }

  private Map<String, Integer> storedIds() throws Exception {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(data.resolve("log")), null, null);
    Map<String, Integer> ids = new HashMap<>();
    try {
      for (long from = log.firstOffset(); from < log.endOffset(); ) {
        List<LogRecord> records = await(log.read(from, 10_000));
        records.forEach(r -> ids.merge(r.id().toString(), 1, Integer::sum));
        from = records.getLast().offset() + 1;
      }
    } finally {
      await(log.close());
    }
    return ids;
  }

  private String get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
