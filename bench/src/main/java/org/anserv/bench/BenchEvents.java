package org.anserv.bench;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.anserv.runtime.log.EventId;
import org.anserv.runtime.log.LogEntry;

/**
 * Events to append: the real edX events of {@code ../shared/data} when present (each replicated with a distinct
 * id, as a content-derived id of distinct events would be), else synthetic events of about 1 KB. Ids are derived
 * before timing starts: deriving them is intake's work, not the store's.
 */
final class BenchEvents {

  private final List<Buffer> payloads;
  private final String source;

  private BenchEvents(List<Buffer> payloads, String source) {
    this.payloads = payloads;
    this.source = source;
  }

  static BenchEvents load() throws IOException {
    Path data = findSharedData();
    if (data != null) {
      List<Buffer> lines = new ArrayList<>();
      for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(Buffer.buffer(line));
        }
      }
      return new BenchEvents(lines, lines.size() + " real events of " + data);
    }
    List<Buffer> synthetic = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      synthetic.add(Buffer.buffer("{\"event_type\":\"play_video\",\"n\":" + i + ",\"pad\":\"" + "x".repeat(1000)
          + "\"}"));
    }
    return new BenchEvents(synthetic, "synthetic 1 KB events (../shared/data not found)");
  }

  private static Path findSharedData() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("data/edx-events/analytics-pipeline-tracking.log");
      if (Files.isReadable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  String source() {
    return source;
  }

  double averageBytes() {
    return payloads.stream().mapToInt(Buffer::length).average().orElse(0);
  }

  /** {@code count} entries numbered from {@code first}; the same number always gives the same id. */
  List<LogEntry> entries(long first, int count) {
    List<LogEntry> entries = new ArrayList<>(count);
    for (long n = first; n < first + count; n++) {
      Buffer payload = payloads.get((int) (n % payloads.size()));
      entries.add(new LogEntry(idOf(n, payload), payload));
    }
    return entries;
  }

  private static EventId idOf(long n, Buffer payload) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(payload.getBytes());
      sha.update(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
      byte[] digest = sha.digest();
      byte[] id = new byte[EventId.BYTES];
      System.arraycopy(digest, 0, id, 0, id.length);
      return EventId.of(id);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
