package org.anserv.runtime.log.local;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
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
  private static final int MAX_ATTEMPTS = 100;

  private final SegmentSet segments;
  private final LongSupplier endOffset;

  SegmentReader(SegmentSet segments, LongSupplier endOffset) {
    this.segments = segments;
    this.endOffset = endOffset;
  }

  List<LogRecord> read(long fromOffset, int maxRecords) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return readOnce(fromOffset, maxRecords);
      } catch (ClosedChannelException | NoSuchFileException e) {
        // the segment was sealed (its shared file closed) or deleted by retention while we read: a new snapshot
        // describes it as it is now
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
      }
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
    int bufferSize = Math.clamp(wanted * 2048L, MIN_BUFFER, MAX_BUFFER);
    for (int i = indexOf(snapshot, from); i < snapshot.size() && records.size() < wanted; i++) {
      try {
        readSegment(snapshot.get(i), from, wanted, bufferSize, records);
      } catch (ClosedChannelException | NoSuchFileException e) {
        if (records.isEmpty()) {
          throw e;
        }
        // fewer records than asked is a valid answer; the next read goes on from here
        return records;
      }
    }
    return records;
  }

  private static void readSegment(Segment segment, long from, int wanted, int bufferSize, List<LogRecord> into)
      throws IOException {
    long limit = segment.size();
    FileChannel shared = segment.channel();
    try (FileChannel own = shared == null ? FileChannel.open(segment.file(), StandardOpenOption.READ) : null) {
      FrameReader frames = new FrameReader(shared == null ? own : shared, segment.scanStart(from), limit,
          bufferSize);
      readFrames(segment, frames, from, wanted, into);
    }
  }

  private static void readFrames(Segment segment, FrameReader frames, long from, int wanted, List<LogRecord> into)
      throws IOException {
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
