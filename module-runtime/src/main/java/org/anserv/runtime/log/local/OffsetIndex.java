package org.anserv.runtime.log.local;

import java.util.Arrays;

/**
 * A sparse map from offset to file position within one segment, one entry per 64 KiB of records, so a read from
 * any offset scans at most 64 KiB. One writer adds entries in increasing order while readers look up: entries are
 * published through the volatile count after they are written.
 */
final class OffsetIndex {

  /** Bytes of records between two entries. */
  static final int INTERVAL = 64 * 1024;

  private volatile long[] entries;
  private volatile int count;
  private long lastIndexedPosition = -INTERVAL;

  OffsetIndex() {
    this.entries = new long[16];
  }

  /** Restores an index saved by {@link #snapshot()}. */
  OffsetIndex(long[] saved) {
    this.entries = saved.length == 0 ? new long[16] : saved.clone();
    this.count = saved.length;
    this.lastIndexedPosition = saved.length == 0 ? -INTERVAL : position(saved[saved.length - 1]);
  }

  /** Called by the one writer for every record, in order; keeps one in every {@link #INTERVAL} bytes. */
  void add(int relativeOffset, long position) {
    if (position - lastIndexedPosition < INTERVAL) {
      return;
    }
    lastIndexedPosition = position;
    long[] current = entries;
    int used = count;
    if (used == current.length) {
      current = Arrays.copyOf(current, used * 2);
      entries = current;
    }
    current[used] = ((long) relativeOffset << 32) | position;
    count = used + 1;
  }

  /** The position of the last indexed record at or before {@code relativeOffset}, or -1 if there is none. */
  long floor(int relativeOffset) {
    int used = count;
    long[] current = entries;
    int low = 0;
    int high = used - 1;
    long found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if ((int) (current[mid] >>> 32) <= relativeOffset) {
        found = position(current[mid]);
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** The entries, for saving beside a sealed segment. */
  long[] snapshot() {
    return Arrays.copyOf(entries, count);
  }

  private static long position(long entry) {
    return entry & 0xFFFF_FFFFL;
  }
}
