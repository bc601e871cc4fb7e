package org.anserv.runtime.log.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments of one log directory, oldest first, the last one active. Only the writer thread changes the set
 * (roll, retention) and it publishes each change as a new immutable list, so readers take a consistent snapshot.
 */
final class SegmentSet {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentSet.class);

  private final Path directory;
  private final boolean sync;
  private final FileChannel lockChannel;
  private volatile List<Segment> segments;

  private SegmentSet(Path directory, boolean sync, FileChannel lockChannel, List<Segment> segments) {
    this.directory = directory;
    this.sync = sync;
    this.lockChannel = lockChannel;
    this.segments = List.copyOf(segments);
  }

  /** Opens (or creates) the log in {@code directory}, locking it against a second process. */
  static SegmentSet open(Path directory, boolean sync) throws IOException {
    Files.createDirectories(directory);
    FileChannel lockChannel = lock(directory);
    List<Segment> opened = new ArrayList<>();
    try {
      List<Long> bases = baseOffsets(directory);
      for (int i = 0; i < bases.size(); i++) {
        Path file = Segment.fileFor(directory, bases.get(i));
        boolean last = i == bases.size() - 1;
        Segment segment = last ? SegmentRecovery.openActive(file, bases.get(i))
            : SegmentRecovery.openSealed(file, bases.get(i), sync);
        if (!opened.isEmpty() && opened.getLast().endOffset() != segment.baseOffset()) {
          segment.close();
          throw new IOException("Segments do not follow each other: " + opened.getLast().file() + " ends at offset "
              + opened.getLast().endOffset() + " but the next file starts at " + segment.baseOffset());
        }
        opened.add(segment);
      }
      if (opened.isEmpty()) {
        opened.add(Segment.create(directory, 0, true));
      }
      return new SegmentSet(directory, sync, lockChannel, opened);
    } catch (IOException | RuntimeException e) {
      for (Segment segment : opened) {
        segment.close();
      }
      lockChannel.close();
      throw e;
    }
  }

  private static FileChannel lock(Path directory) throws IOException {
    FileChannel channel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IOException("The event log in " + directory + " is open in another process");
      }
      return channel;
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new IOException("The event log in " + directory + " is already open in this process", e);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  private static List<Long> baseOffsets(Path directory) throws IOException {
    List<Long> bases = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.log")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        bases.add(Long.parseLong(name.substring(0, name.length() - ".log".length())));
      }
    } catch (NumberFormatException e) {
      throw new IOException("Unexpected .log file in " + directory + ": " + e.getMessage(), e);
    }
    bases.sort(null);
    return bases;
  }

  List<Segment> snapshot() {
    return segments;
  }

  Segment active() {
    return segments.getLast();
  }

  long firstOffset() {
    return segments.getFirst().baseOffset();
  }

  long sizeBytes() {
    long total = 0;
    for (Segment segment : segments) {
      total += segment.size();
    }
    return total;
  }

  /** Seals the active segment and starts a new one if it has reached {@code segmentBytes}; writer thread only. */
  boolean rollIfFull(long segmentBytes) throws IOException {
    Segment active = active();
    if (active.size() < segmentBytes) {
      return false;
    }
    SegmentIndexFile.write(active, sync);
    Segment next = Segment.create(directory, active.endOffset(), sync);
    List<Segment> updated = new ArrayList<>(segments);
    updated.add(next);
    segments = List.copyOf(updated);
    try {
      active.seal();
    } catch (IOException e) {
      LOG.warn("Could not close sealed segment {}: {}", active.file(), e.toString());
    }
    return true;
  }

  /** Deletes the oldest sealed segments that retention no longer keeps; writer thread only. */
  void applyRetention(Retention retention, long nowMillis) {
    if (retention.keepsEverything()) {
      return;
    }
    long size = sizeBytes();
    while (segments.size() > 1) {
      Segment oldest = segments.getFirst();
      boolean tooOld = retention.maxAge() != null
          && oldest.lastAppendedAtMillis() < nowMillis - retention.maxAge().toMillis();
      if (!tooOld && size <= retention.maxBytes()) {
        return;
      }
      segments = List.copyOf(segments.subList(1, segments.size()));
      size -= oldest.size();
      try {
        oldest.delete();
        LOG.info("Retention deleted {} (offsets {} to {})", oldest.file(), oldest.baseOffset(),
            oldest.endOffset() - 1);
      } catch (IOException e) {
        LOG.warn("Retention could not delete {}: {}", oldest.file(), e.toString());
      }
    }
  }

  void close() throws IOException {
    for (Segment segment : segments) {
      segment.close();
    }
    lockChannel.close();
  }
}
