package org.anserv.runtime.invoke;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Results of one {@link org.anserv.api.Memoize memoized} method per distinct parameters, kept for a fixed time.
 * Every value is kept, {@code null} and empty ones too, wrapped so that "absent" and "cached null" differ. Bounded:
 * the least recently used entries go first. Used from the module's context only.
 */
public final class MemoCache {

  private static final int MAX_ENTRIES = 1024;

  private record Kept(Object value, long expiresAtNanos) {
  }

  private final long ttlNanos;
  private final Map<String, Kept> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** A cache keeping results for {@code ttlNanos}. */
  public MemoCache(long ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  /** The key of a call with {@code params}, independent of their order. */
  public static String key(Map<String, String> params) {
    return new TreeMap<>(params).toString();
  }

  /** The kept result for {@code key}, wrapped: an empty optional means "not kept", a cached null is present. */
  public Optional<Optional<Object>> get(String key, long nowNanos) {
    Kept entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (nowNanos - entry.expiresAtNanos() >= 0) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(Optional.ofNullable(entry.value()));
  }

  /** Keeps {@code value} for {@code key} from {@code nowNanos}. */
  public void put(String key, Object value, long nowNanos) {
    entries.put(key, new Kept(value, nowNanos + ttlNanos));
  }
}
