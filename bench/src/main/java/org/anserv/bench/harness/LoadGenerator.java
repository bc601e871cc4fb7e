package org.anserv.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Replays events over HTTP on loopback as NDJSON POSTs, on its own Vert.x instance (one event loop) so its work is
 * told apart from the server's threads in a profile. Two modes:
 * <ul>
 *   <li>closed loop ({@link #closed}): {@code concurrency} connections, each sending its next POST when the
 *       previous one was answered: measures throughput;</li>
 *   <li>open loop ({@link #open}): POSTs started on a fixed schedule whatever the answers, latency counted from the
 *       moment each POST was due (not when it could be sent), so a stalled server cannot hide its stall
 *       (no coordinated omission): measures latency at a given rate.</li>
 * </ul>
 * Every request carries {@code Authorization: Bearer <token>} when a token is given.
 */
final class LoadGenerator implements AutoCloseable {

  private static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(120);

  private final Vertx vertx;
  private final int port;
  private final String token;
  // Held in a field: Vert.x 5 closes a client nothing references any more, even with a request in flight.
  private final HttpClient gets;

  LoadGenerator(int port, String token) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    this.port = port;
    this.token = token == null || token.isBlank() ? null : token;
    this.gets = client(4);
  }

  /**
   * Sends {@code source}'s events in POSTs of {@code batch} on {@code concurrency} connections until the source is
   * exhausted or {@code seconds} passed.
   */
  LoadRun closed(EventSource source, String path, int batch, int concurrency, double seconds) {
    HttpClient client = client(concurrency);
    Tally tally = new Tally();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(v -> sendNext(client, source, path, batch, deadline, tally, done));
      loops.add(done.future());
    }
    Future.all(loops).timeout((long) seconds + 180, TimeUnit.SECONDS).await();
    client.close().timeout(10, TimeUnit.SECONDS).await();
    return tally.run(System.nanoTime() - start);
  }

  private void sendNext(HttpClient client, EventSource source, String path, int batch, long deadline, Tally tally,
      Promise<Void> done) {
    EventSource.Batch body = System.nanoTime() < deadline ? source.next(batch) : null;
    if (body == null) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    post(client, path, body.body()).onComplete(result -> {
      tally.record(sent, result.succeeded() ? result.result() : -1, body.events());
      sendNext(client, source, path, batch, deadline, tally, done);
    });
  }

  /**
   * Starts a POST of {@code batch} events every {@code 1/ratePerSecond} seconds for {@code seconds}, with at most
   * {@code maxInFlight} connections (more wait in the client's queue, and their wait counts as latency).
   */
  LoadRun open(EventSource source, String path, int batch, double ratePerSecond, double seconds, int maxInFlight) {
    HttpClient client = client(maxInFlight);
    Tally tally = new Tally();
    long start = System.nanoTime();
    long interval = (long) (1e9 / ratePerSecond);
    long total = (long) (seconds * ratePerSecond);
    AtomicLong started = new AtomicLong();
    Promise<Void> allStarted = Promise.promise();
    AtomicLong answered = new AtomicLong();
    Promise<Void> allAnswered = Promise.promise();
    // A 1 ms timer starts every POST that is due: the schedule, not the answers, sets the pace.
    vertx.setPeriodic(0, 1, timer -> {
      long now = System.nanoTime();
      while (started.get() < total && start + started.get() * interval <= now) {
        long due = start + started.getAndIncrement() * interval;
        EventSource.Batch body = source.next(batch);
        if (body == null) {
          started.set(total);
          break;
        }
        post(client, path, body.body()).onComplete(result -> {
          tally.record(due, result.succeeded() ? result.result() : -1, body.events());
          if (answered.incrementAndGet() == started.get() && started.get() >= total) {
            allAnswered.tryComplete();
          }
        });
      }
      if (started.get() >= total) {
        vertx.cancelTimer(timer);
        allStarted.tryComplete();
        if (answered.get() == started.get()) {
          allAnswered.tryComplete();
        }
      }
    });
    allStarted.future().compose(v -> allAnswered.future()).timeout((long) seconds + 180, TimeUnit.SECONDS)
        .await();
    client.close().timeout(10, TimeUnit.SECONDS).await();
    return tally.run(System.nanoTime() - start);
  }

  /**
   * One GET, answered with its status and body; for queries and /metrics. Called from plain threads (the harness's
   * main thread, the lag watch).
   */
  Future<Answer> get(String uri) {
    // The body is asked for in the same callback that gets the response, never in a step chained on the caller's
    // thread: a response whose end arrives before body() is called has its body dropped and body() never completes.
    // Chained from a plain thread, that step is attached late whenever the thread is descheduled while the server
    // answers (a memoized query in under a millisecond), and one GET in a few hundred then waited forever.
    return gets.request(request(HttpMethod.GET, uri)).compose(request -> request.send()
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body))));
  }

  private Future<Integer> post(HttpClient client, String path, String body) {
    return client.request(request(HttpMethod.POST, path).putHeader("Content-Type", "application/x-ndjson"))
        .compose(request -> request.send(body).compose(response -> response.body().map(b -> response.statusCode())));
  }

  private RequestOptions request(HttpMethod method, String uri) {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(uri);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return options;
  }

  private HttpClient client(int connections) {
    return vertx.createHttpClient(new HttpClientOptions().setDefaultPort(port).setDefaultHost("127.0.0.1")
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  @Override
  public void close() {
    gets.close().timeout(10, TimeUnit.SECONDS).await();
    vertx.close().timeout(10, TimeUnit.SECONDS).await();
  }

  /** A GET's answer. */
  record Answer(int status, Buffer body) {
  }

  // Touched from the client's single event loop only, read after every loop finished.
  private static final class Tally {
    private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
    private long events;
    private long requests;
    private long failed;
    private int lastFailure;

    synchronized void record(long due, int status, int batchEvents) {
      latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(1, (System.nanoTime() - due) / 1000)));
      requests++;
      if (status / 100 == 2) {
        events += batchEvents;
      } else {
        failed++;
        lastFailure = status;
      }
    }

    synchronized LoadRun run(long nanos) {
      return new LoadRun(events, requests, failed, lastFailure, nanos / 1e9, latency.copy());
    }
  }
}
