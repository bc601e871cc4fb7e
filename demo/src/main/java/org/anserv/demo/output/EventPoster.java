package org.anserv.demo.output;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;

/**
 * Streams events to a running gateway as NDJSON POSTs ({@code application/x-ndjson}), one batch at a time, showing a
 * progress bar. Stops at the first response that is not 2xx, reporting its status and body.
 */
public final class EventPoster {

  private static final int BAR = 30;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI target;
  private final int batch;
  private final String authorization;
  private final PrintStream progress;

  /**
   * A poster to {@code target} in batches of {@code batch} events, sending {@code authorization} as the
   * Authorization header unless it is null, drawing progress on {@code progress}.
   */
  public EventPoster(URI target, int batch, String authorization, PrintStream progress) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, was " + batch);
    }
    this.target = target;
    this.batch = batch;
    this.authorization = authorization;
    this.progress = progress;
  }

  /** Posts every event of {@code events}, of which there are {@code total}; returns how many were accepted. */
  public long post(Iterator<JsonObject> events, long total) throws IOException, InterruptedException {
    long sent = 0;
    long started = System.nanoTime();
    StringBuilder body = new StringBuilder();
    int inBody = 0;
    while (events.hasNext()) {
      body.append(events.next().encode()).append('\n');
      if (++inBody == batch || !events.hasNext()) {
        send(body.toString());
        sent += inBody;
        body.setLength(0);
        inBody = 0;
        draw(sent, total, started);
      }
    }
    progress.println();
    return sent;
  }

  private void send(String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("POST " + target + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private void draw(long sent, long total, long started) {
    double share = total > 0 ? Math.min(1, (double) sent / total) : 1;
    int filled = (int) Math.round(share * BAR);
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    progress.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %,d/%,d events, %,.0f events/s",
        "#".repeat(filled), ".".repeat(BAR - filled), Math.round(share * 100), sent, total, sent / seconds));
    progress.flush();
  }
}
