package org.anserv.runtime.log.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One segment file: the records from {@link #baseOffset()} on. The writer thread appends and then publishes the new
 * size and count through volatile fields; readers never look past them, so they see only committed records. Only
 * the active segment keeps its file open (a long history must not hold thousands of descriptors): readers of a
 * sealed one open it for the time of a read.
 */
final class Segment {

  private final long baseOffset;
  private final Path file;
  private volatile FileChannel channel;
  private final OffsetIndex index;
  private volatile long size;
  private volatile int count;
  private volatile long lastAppendedAtMillis;
  /** Ids of the records, as high/low pairs, kept while active to write the index file at sealing; writer only. */
  private long[] ids;

  Segment(long baseOffset, Path file, FileChannel channel, OffsetIndex index, long size, int count,
      long lastAppendedAtMillis, long[] ids) {
    this.baseOffset = baseOffset;
    this.file = file;
    this.channel = channel;
    this.index = index;
    this.size = size;
    this.count = count;
    this.lastAppendedAtMillis = lastAppendedAtMillis;
    this.ids = ids;
  }

  /** Creates an empty segment file starting at {@code baseOffset}, synced with its directory entry if asked. */
  static Segment create(Path directory, long baseOffset, boolean sync) throws IOException {
    Path file = fileFor(directory, baseOffset);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      RecordFormat.writeFileHeader(channel, baseOffset);
      if (sync) {
        channel.force(true);
        syncDirectory(directory);
      }
    } catch (IOException e) {
      channel.close();
      Files.deleteIfExists(file);
      throw e;
    }
    return new Segment(baseOffset, file, channel, new OffsetIndex(), RecordFormat.FILE_HEADER, 0, 0, new long[64]);
  }

  static Path fileFor(Path directory, long baseOffset) {
    return directory.resolve(String.format("%020d.log", baseOffset));
  }

  static Path indexFileFor(Path segmentFile) {
    String name = segmentFile.getFileName().toString();
    return segmentFile.resolveSibling(name.substring(0, name.length() - ".log".length()) + ".idx");
  }

  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /**
   * Publishes records the writer has written (and synced, if the durability asks for it).
   *
   * @param newSize the file size after them
   * @param records how many
   * @param positions the file position of each
   * @param idPairs their ids as high/low pairs
   * @param appendedAtMillis their append time
   */
  void commit(long newSize, int records, long[] positions, long[] idPairs, long appendedAtMillis) {
    int used = count;
    if (ids.length < (used + records) * 2) {
      ids = Arrays.copyOf(ids, Math.max(ids.length * 2, (used + records) * 2));
    }
    System.arraycopy(idPairs, 0, ids, used * 2, records * 2);
    for (int i = 0; i < records; i++) {
      index.add(used + i, positions[i]);
    }
    lastAppendedAtMillis = appendedAtMillis;
    size = newSize;
    count = used + records;
  }

  /** The position from which to scan for {@code offset}: at or before its frame. */
  long scanStart(long offset) {
    long position = index.floor((int) (offset - baseOffset));
    return position < 0 ? RecordFormat.FILE_HEADER : position;
  }

  /** Ids of the records as high/low pairs; only while active or just recovered. */
  long[] idPairs() {
    return Arrays.copyOf(ids, count * 2);
  }

  /** Drops what only the active segment needs, once its index file is written. */
  void seal() throws IOException {
    ids = null;
    FileChannel open = channel;
    channel = null;
    if (open != null) {
      open.close();
    }
  }

  long baseOffset() {
    return baseOffset;
  }

  long endOffset() {
    return baseOffset + count;
  }

  int count() {
    return count;
  }

  long size() {
    return size;
  }

  long lastAppendedAtMillis() {
    return lastAppendedAtMillis;
  }

  Path file() {
    return file;
  }

  /** The open file of the active segment; null once sealed. */
  FileChannel channel() {
    return channel;
  }

  OffsetIndex index() {
    return index;
  }

  void close() throws IOException {
    FileChannel open = channel;
    if (open != null) {
      open.close();
    }
  }

  void delete() throws IOException {
    close();
    Files.deleteIfExists(indexFileFor(file));
    Files.deleteIfExists(file);
  }
}
