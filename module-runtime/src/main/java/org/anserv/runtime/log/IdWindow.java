package org.anserv.runtime.log;

import java.util.Arrays;

/**
 * The ids of the latest events with their offsets, for deduplication, in bounded memory: two generations of
 * {@code window / 2} ids each; when the current one is full the older is dropped. So the newest
 * {@code window / 2} ids are always remembered, and never more than {@code window}. Each generation is an
 * open-addressing table at load 0.75: about 32 bytes per remembered id in all. Shared by the log
 * implementations; not thread-safe: each log uses it from its writer thread or under its own lock.
 */
public final class IdWindow {

  private final int generationSize;
  private Generation current;
  private Generation previous;

  /**
   * Creates an empty window.
   *
   * @param window how many ids are remembered at most (the newest half of them always)
   */
  public IdWindow(int window) {
    this.generationSize = Math.max(1, window / 2);
    this.current = new Generation(generationSize);
    this.previous = new Generation(generationSize);
  }

  /**
   * Looks an id up.
   *
   * @param id the id
   * @return the offset stored with it, or -1 if it is not remembered
   */
  public long find(EventId id) {
    long offset = current.find(id.high(), id.low());
    return offset >= 0 ? offset : previous.find(id.high(), id.low());
  }

  /**
   * Remembers an id, forgetting the oldest generation when the current one is full.
   *
   * @param id the id
   * @param offset the offset of the event stored with it
   */
  public void add(EventId id, long offset) {
    add(id.high(), id.low(), offset);
  }

  /**
   * Remembers an id given as its two halves, as read from a record without building an {@link EventId}.
   *
   * @param high the first 8 bytes of the id
   * @param low the last 8 bytes of the id
   * @param offset the offset of the event stored with it
   */
  public void add(long high, long low, long offset) {
    if (current.size == generationSize) {
      Generation emptied = previous;
      emptied.clear();
      previous = current;
      current = emptied;
    }
    current.put(high, low, offset);
  }

  /** One generation: linear probing over parallel arrays, -1 marking a free slot. */
  private static final class Generation {
    private final long[] keys;
    private final long[] offsets;
    private final int capacity;
    private int size;

    Generation(int entries) {
      this.capacity = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(4, (long) entries * 4 / 3 + 1));
      this.keys = new long[capacity * 2];
      this.offsets = new long[capacity];
      Arrays.fill(offsets, -1);
    }

    long find(long high, long low) {
      for (int slot = slotOf(high, low); offsets[slot] >= 0; slot = next(slot)) {
        if (keys[slot * 2] == high && keys[slot * 2 + 1] == low) {
          return offsets[slot];
        }
      }
      return -1;
    }

    void put(long high, long low, long offset) {
      int slot = slotOf(high, low);
      while (offsets[slot] >= 0) {
        if (keys[slot * 2] == high && keys[slot * 2 + 1] == low) {
          offsets[slot] = offset;
          return;
        }
        slot = next(slot);
      }
      keys[slot * 2] = high;
      keys[slot * 2 + 1] = low;
      offsets[slot] = offset;
      size++;
    }

    void clear() {
      Arrays.fill(offsets, -1);
      size = 0;
    }

    private int slotOf(long high, long low) {
      long hash = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
      hash ^= hash >>> 32;
      // multiply-shift maps the hash onto [0, capacity) without a power-of-two capacity
      return (int) (((hash & 0xFFFF_FFFFL) * capacity) >>> 32);
    }

    private int next(int slot) {
      return slot + 1 == capacity ? 0 : slot + 1;
    }
  }
}
