package org.anserv.runtime.log;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The 16-byte identity of an event, by which the log recognises a retried or duplicated event.
 *
 * <p>The caller derives it: from a client-provided id, or from the event's content for producers that send none.
 * The log only compares ids, so any well-spread 128-bit value works (a UUID, the first 16 bytes of a SHA-256).
 *
 * @param high the first 8 bytes, big-endian
 * @param low the last 8 bytes, big-endian
 */
public record EventId(long high, long low) {

  /** Length of an id in bytes. */
  public static final int BYTES = 16;

  /**
   * Reads an id from exactly 16 bytes.
   *
   * @param bytes 16 bytes, not null
   * @return the id
   * @throws IllegalArgumentException if {@code bytes} is not 16 bytes long
   */
  public static EventId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("An event id is " + BYTES + " bytes, got " + bytes.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new EventId(buffer.getLong(), buffer.getLong());
  }

  /**
   * Returns the id as 16 big-endian bytes, the inverse of {@link #of(byte[])}.
   *
   * @return a new array
   */
  public byte[] bytes() {
    return ByteBuffer.allocate(BYTES).putLong(high).putLong(low).array();
  }

  /** Returns the id as 32 lowercase hex digits. */
  @Override
  public String toString() {
    return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
  }
}
