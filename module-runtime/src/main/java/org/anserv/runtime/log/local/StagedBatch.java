package org.anserv.runtime.log.local;

import org.anserv.runtime.log.IdWindow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.EventId;
import org.anserv.runtime.log.LogEntry;

/**
 * One group commit being prepared: assigns offsets, recognises duplicates (of remembered ids and within the
 * batch), and encodes the new frames into one buffer written with one call. Reused by the writer thread.
 */
final class StagedBatch {

  private static final int KEPT_CAPACITY = 8 << 20;

  private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
  private final Map<EventId, Long> staged = new HashMap<>();
  private long[] positions = new long[1024];
  private long[] idPairs = new long[2048];
  private int stored;
  private int duplicates;
  private long firstOffset;
  private long nextOffset;
  private long startPosition;
  private long appendedAtMillis;

  /** Starts a batch whose first new record gets {@code endOffset} and lands at {@code position}. */
  void begin(long endOffset, long position, long nowMillis) {
    if (buffer.capacity() > KEPT_CAPACITY) {
      buffer = ByteBuffer.allocate(1 << 20);
    }
    buffer.clear();
    staged.clear();
    stored = 0;
    duplicates = 0;
    firstOffset = endOffset;
    nextOffset = endOffset;
    startPosition = position;
    appendedAtMillis = nowMillis;
  }

  /** Stages one append's entries, returning their results (valid once the batch is committed). */
  List<AppendResult> stage(List<LogEntry> entries, IdWindow window) {
    List<AppendResult> results = new ArrayList<>(entries.size());
    for (LogEntry entry : entries) {
      long original = window.find(entry.id());
      if (original < 0) {
        original = staged.getOrDefault(entry.id(), -1L);
      }
      if (original >= 0) {
        duplicates++;
        results.add(AppendResult.duplicateOf(original));
      } else {
        results.add(AppendResult.stored(encode(entry)));
      }
    }
    return results;
  }

  private long encode(LogEntry entry) {
    long offset = nextOffset++;
    staged.put(entry.id(), offset);
    ensureRoom(RecordFormat.frameSize(entry.payload().length()));
    if (positions.length == stored) {
      positions = Arrays.copyOf(positions, stored * 2);
      idPairs = Arrays.copyOf(idPairs, stored * 4);
    }
    positions[stored] = startPosition + buffer.position();
    idPairs[stored * 2] = entry.id().high();
    idPairs[stored * 2 + 1] = entry.id().low();
    stored++;
    RecordFormat.encode(buffer, offset, appendedAtMillis, entry.id(), entry.payload());
    return offset;
  }

  private void ensureRoom(int frameSize) {
    if (buffer.remaining() < frameSize) {
      ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + frameSize));
      buffer = larger.put(buffer.flip());
    }
  }

  /** The encoded frames, ready to write. */
  ByteBuffer bytes() {
    return ByteBuffer.wrap(buffer.array(), 0, buffer.position());
  }

  /** Publishes the committed records to the segment and the dedup window. */
  void committedTo(Segment segment, IdWindow window) {
    segment.commit(startPosition + buffer.position(), stored, positions, idPairs, appendedAtMillis);
    for (int i = 0; i < stored; i++) {
      window.add(idPairs[i * 2], idPairs[i * 2 + 1], firstOffset + i);
    }
  }

  int stored() {
    return stored;
  }

  int duplicates() {
    return duplicates;
  }

  long nextOffset() {
    return nextOffset;
  }

  long startPosition() {
    return startPosition;
  }
}
