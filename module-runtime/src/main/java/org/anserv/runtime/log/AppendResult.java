package org.anserv.runtime.log;

/**
 * What happened to one appended event.
 *
 * @param offset the offset the event was stored at; for a duplicate, the offset of the original
 * @param duplicate whether an event with the same id was already stored, in which case nothing was stored again
 */
public record AppendResult(long offset, boolean duplicate) {

  /**
   * An event stored now.
   *
   * @param offset the offset assigned to it
   * @return the result
   */
  public static AppendResult stored(long offset) {
    return new AppendResult(offset, false);
  }

  /**
   * An event whose id was already stored.
   *
   * @param originalOffset the offset of the event stored first
   * @return the result
   */
  public static AppendResult duplicateOf(long originalOffset) {
    return new AppendResult(originalOffset, true);
  }
}
