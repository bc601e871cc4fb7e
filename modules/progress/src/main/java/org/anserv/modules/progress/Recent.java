package org.anserv.modules.progress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used entries of a map, up to a capacity: what the handler keeps in memory to spare a database
 * read per event. The runtime calls a module one call at a time and this instance is the only writer of its
 * database, so an entry is never stale; an entry evicted, or lost with a redeploy, is read again from the database.
 *
 * @param <K> the key
 * @param <V> the value
 */
final class Recent<K, V> extends LinkedHashMap<K, V> {

  private final int capacity;

  /** An empty map that keeps at most {@code capacity} entries, dropping the least recently used. */
  Recent(int capacity) {
    super(16, 0.75f, true);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
