package org.anserv.runtime.log.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The {@code .idx} file beside a sealed segment, so that opening the log reads neither sealed segment: a summary
 * (size, count, last append time, sparse offset index) with its checksum, then the ids with theirs (read only for
 * the newest segments, to refill the dedup window). It is derived data: when missing or damaged, the segment is
 * scanned and the file written again.
 */
final class SegmentIndexFile {

  /** What the index file says about its segment. */
  record Summary(long size, int count, long lastAppendedAtMillis, long[] sparse, int idsAt) {
  }

  private static final byte[] MAGIC = "ANSVIDX1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 8 + 4 + 8 + 4;

  private SegmentIndexFile() {
  }

  static void write(Segment segment, boolean sync) throws IOException {
    long[] sparse = segment.index().snapshot();
    long[] ids = segment.idPairs();
    ByteBuffer out = ByteBuffer.allocate(HEADER + sparse.length * 8 + 4 + ids.length * 8 + 4);
    out.put(MAGIC).putLong(segment.size()).putInt(segment.count()).putLong(segment.lastAppendedAtMillis())
        .putInt(sparse.length);
    for (long entry : sparse) {
      out.putLong(entry);
    }
    out.putInt(RecordFormat.checksum(out.array(), 0, out.position()));
    int idsAt = out.position();
    for (long half : ids) {
      out.putLong(half);
    }
    out.putInt(RecordFormat.checksum(out.array(), idsAt, out.position() - idsAt));
    Path target = Segment.indexFileFor(segment.file());
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      out.flip();
      while (out.hasRemaining()) {
        channel.write(out);
      }
      if (sync) {
        channel.force(true);
      }
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads the summary, or returns null if the file is missing, damaged, or does not match the segment's size. */
  static Summary readSummary(Path segmentFile, long segmentSize) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Segment.indexFileFor(segmentFile));
    } catch (NoSuchFileException e) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < HEADER + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      return null;
    }
    in.position(MAGIC.length);
    long size = in.getLong();
    int count = in.getInt();
    long lastAppendedAtMillis = in.getLong();
    int sparseCount = in.getInt();
    int idsAt = HEADER + sparseCount * 8 + 4;
    if (size != segmentSize || sparseCount < 0 || count < 0 || idsAt + count * 16L + 4 != bytes.length
        || in.getInt(idsAt - 4) != RecordFormat.checksum(bytes, 0, idsAt - 4)) {
      return null;
    }
    long[] sparse = new long[sparseCount];
    for (int i = 0; i < sparseCount; i++) {
      sparse[i] = in.getLong();
    }
    return new Summary(size, count, lastAppendedAtMillis, sparse, idsAt);
  }

  /** Reads the ids as high/low pairs. */
  static long[] readIds(Path segmentFile, Summary summary) throws IOException {
    byte[] bytes = Files.readAllBytes(Segment.indexFileFor(segmentFile));
    int length = summary.count() * 16;
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length != summary.idsAt() + length + 4
        || in.getInt(summary.idsAt() + length) != RecordFormat.checksum(bytes, summary.idsAt(), length)) {
      throw new IOException("Damaged ids in " + Segment.indexFileFor(segmentFile) + ": delete it to rebuild it");
    }
    long[] ids = new long[summary.count() * 2];
    in.position(summary.idsAt());
    for (int i = 0; i < ids.length; i++) {
      ids[i] = in.getLong();
    }
    return ids;
  }
}
