package org.anserv.runtime.log.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens segment files found on disk. The newest segment is scanned frame by frame and cut at the first frame that
 * is short, fails its checksum or carries an unexpected offset: such a frame was being written when the process
 * or the machine stopped, so it was never acknowledged. A sealed segment is opened from its index file, or scanned
 * when that is missing; damage inside a sealed segment stops the opening, since acknowledged records follow it.
 */
final class SegmentRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);
  private static final int SCAN_BUFFER = 1 << 20;

  private SegmentRecovery() {
  }

  /** Opens a sealed segment, from its index file if it matches, else by scanning it (and rewriting the index). */
  static Segment openSealed(Path file, long baseOffset, boolean sync) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      SegmentIndexFile.Summary summary = SegmentIndexFile.readSummary(file, channel.size());
      if (summary != null) {
        return new Segment(baseOffset, file, null, new OffsetIndex(summary.sparse()), summary.size(),
            summary.count(), summary.lastAppendedAtMillis(), null);
      }
      Segment scanned = scan(file, channel, baseOffset, false);
      SegmentIndexFile.write(scanned, sync);
      return new Segment(baseOffset, file, null, scanned.index(), scanned.size(), scanned.count(),
          scanned.lastAppendedAtMillis(), null);
    }
  }

  /** Opens the newest segment for appending, cutting a torn tail. */
  static Segment openActive(Path file, long baseOffset) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (!RecordFormat.hasValidHeader(channel, baseOffset)) {
        LOG.warn("Segment {} has no complete header (a crash while it was created): rewriting it", file);
        channel.truncate(0);
        RecordFormat.writeFileHeader(channel, baseOffset);
        channel.force(true);
      }
      return scan(file, channel, baseOffset, true);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads the ids of a sealed segment, from its index file or, if that is damaged, from the segment itself. */
  static long[] idPairs(Segment sealed) throws IOException {
    SegmentIndexFile.Summary summary = SegmentIndexFile.readSummary(sealed.file(), sealed.size());
    if (summary != null) {
      try {
        return SegmentIndexFile.readIds(sealed.file(), summary);
      } catch (IOException e) {
        LOG.warn("{}: scanning the segment instead", e.getMessage());
      }
    }
    try (FileChannel channel = FileChannel.open(sealed.file(), StandardOpenOption.READ)) {
      return scan(sealed.file(), channel, sealed.baseOffset(), false).idPairs();
    }
  }

  private static Segment scan(Path file, FileChannel channel, long baseOffset, boolean cutTornTail)
      throws IOException {
    FrameReader frames = new FrameReader(channel, RecordFormat.FILE_HEADER, channel.size(), SCAN_BUFFER);
    OffsetIndex index = new OffsetIndex();
    long[] ids = new long[1024];
    int count = 0;
    long size = RecordFormat.FILE_HEADER;
    long lastAppendedAtMillis = 0;
    while (true) {
      FrameReader.Status status = frames.next();
      if (status == FrameReader.Status.FRAME && frames.offset() != baseOffset + count) {
        status = FrameReader.Status.TORN;
      }
      if (status == FrameReader.Status.END) {
        break;
      }
      if (status == FrameReader.Status.TORN) {
        cut(file, channel, frames, cutTornTail);
        break;
      }
      if (ids.length < (count + 1) * 2) {
        ids = Arrays.copyOf(ids, ids.length * 2);
      }
      ids[count * 2] = frames.idHigh();
      ids[count * 2 + 1] = frames.idLow();
      index.add(count, frames.framePosition());
      count++;
      size = frames.frameEnd();
      lastAppendedAtMillis = frames.appendedAtMillis();
    }
    return new Segment(baseOffset, file, channel, index, size, count, lastAppendedAtMillis, ids);
  }

  private static void cut(Path file, FileChannel channel, FrameReader frames, boolean allowed) throws IOException {
    long position = frames.framePosition();
    String reason = frames.tornReason() == null ? "unexpected offset " + frames.offset() : frames.tornReason();
    if (!allowed) {
      throw new IOException("Sealed segment " + file + " is damaged at byte " + position + " (" + reason
          + "); records after it were acknowledged, so the log will not open. Restore the file from a backup, or"
          + " truncate it there knowingly.");
    }
    LOG.warn("Cutting the torn tail of {}: {} bytes from byte {} ({}), never acknowledged", file,
        channel.size() - position, position, reason);
    channel.truncate(position);
    channel.force(true);
  }
}
