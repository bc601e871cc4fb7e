package org.anserv.runtime.log.local;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.anserv.runtime.log.LogRecord;

/**
 * Reads committed records in offset order across segments. It reads only below the end offset published by the
 * writer, so it never sees a record before it is durable, and it checks every frame's checksum.
 */
final class SegmentReader {

  private static final int MIN_BUFFER = 8 * 1024;
  private static final int MAX_BUFFER = 1 << 20;

  private final SegmentSet segments;
  private final LongSupplier endOffset;

  SegmentReader(SegmentSet segments, LongSupplier endOffset) {
    this.segments = segments;
    this.endOffset = endOffset;
  }

  List<LogRecord> read(long fromOffset, int maxRecords) throws IOException {
    try {
      return readOnce(fromOffset, maxRecords);
    } catch (ClosedChannelException e) {
      // retention deleted the segment under us; the snapshot taken now no longer holds it
      return readOnce(fromOffset, maxRecords);
    }
  }

  private List<LogRecord> readOnce(long fromOffset, int maxRecords) throws IOException {
    long end = endOffset.getAsLong();
    List<Segment> snapshot = segments.snapshot();
    long from = Math.max(fromOffset, snapshot.getFirst().baseOffset());
    if (from >= end) {
      return Collections.emptyList();
    }
    int wanted = (int) Math.min(maxRecords, end - from);
    List<LogRecord> records = new ArrayList<>(Math.min(wanted, 4096));
    int bufferSize = (int) Math.clamp(wanted * 2048L, MIN_BUFFER, MAX_BUFFER);
    for (int i = indexOf(snapshot, from); i < snapshot.size() && records.size() < wanted; i++) {
      readSegment(snapshot.get(i), from, wanted, bufferSize, records);
    }
    return records;
  }

  private static void readSegment(Segment segment, long from, int wanted, int bufferSize, List<LogRecord> into)
      throws IOException {
    long limit = segment.size();
    FrameReader frames = new FrameReader(segment.channel(), segment.scanStart(from), limit, bufferSize);
    while (into.size() < wanted) {
      FrameReader.Status status = frames.next();
      if (status == FrameReader.Status.END) {
        return;
      }
      if (status == FrameReader.Status.TORN) {
        throw new IOException("Damaged record in " + segment.file() + " at byte " + frames.framePosition() + ": "
            + frames.tornReason());
      }
      if (frames.offset() >= from) {
        into.add(frames.record());
      }
    }
  }

  private static int indexOf(List<Segment> snapshot, long offset) {
    int low = 0;
    int high = snapshot.size() - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (snapshot.get(mid).baseOffset() <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }
}
