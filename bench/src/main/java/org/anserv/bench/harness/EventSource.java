package org.anserv.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * NDJSON bodies cut from the demo world's encoded events, shared by every connection of a run. Either events once,
 * as the world has them ({@link #once}, {@link #spread}: what a platform would send, ids derived from content), or a
 * sample over and over, each copy given a distinct producer {@code id} ({@link #repeated}) so that nothing is stored
 * as a duplicate and a run can go on as long as its clock says.
 */
final class EventSource implements AutoCloseable {

  private final List<String> sample;
  private final BufferedReader file;
  private final long limit;
  private final String idPrefix;
  private final long step;
  private long next;

  private EventSource(List<String> sample, BufferedReader file, long limit, String idPrefix, long step) {
    this.sample = sample;
    this.file = file;
    this.limit = limit;
    this.idPrefix = idPrefix;
    this.step = step;
  }

  /** The first {@code limit} events of {@code events} (NDJSON) once, unchanged, read as they are sent. */
  static EventSource once(Path events, long limit) throws IOException {
    return new EventSource(null, Files.newBufferedReader(events, StandardCharsets.UTF_8), limit, null, 1);
  }

  /**
   * About {@code limit} of the {@code total} events of {@code events} once, unchanged, in log order: every
   * {@code total / limit}-th one, so a part of a big world still reaches every student of it (its first events would
   * be the few students active first).
   */
  static EventSource spread(Path events, long limit, long total) throws IOException {
    return new EventSource(null, Files.newBufferedReader(events, StandardCharsets.UTF_8), limit, null,
        Math.max(1, total / Math.max(1, limit)));
  }

  /** {@code limit} events cycling through {@code sample}, the n-th given the id {@code prefix + n}. */
  static EventSource repeated(List<String> sample, long limit, String prefix) {
    return new EventSource(sample, null, limit, prefix, 1);
  }

  /** The next body of up to {@code batch} events, or {@code null} when the source is exhausted. */
  synchronized Batch next(int batch) {
    StringBuilder body = new StringBuilder(batch * 1300);
    int events = 0;
    for (String line = line(); line != null; line = events < batch ? line() : null) {
      if (idPrefix == null) {
        body.append(line);
      } else {
        // The demo's events have no top-level id: adding one as text avoids re-encoding on the client.
        body.append("{\"id\":\"").append(idPrefix).append(next - 1).append("\",").append(line, 1, line.length());
      }
      body.append('\n');
      events++;
    }
    return events == 0 ? null : new Batch(body.toString(), events);
  }

  private String line() {
    if (next >= limit) {
      return null;
    }
    try {
      String line;
      if (file == null) {
        line = sample.get((int) (next % sample.size()));
      } else {
        for (long skip = 1; skip < step && file.readLine() != null; skip++) {
          // the events between two handed out
        }
        line = file.readLine();
      }
      if (line != null) {
        next++;
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many events were handed out. */
  synchronized long handedOut() {
    return next;
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }

  /** One POST's body and how many events it holds. */
  record Batch(String body, int events) {
  }
}
