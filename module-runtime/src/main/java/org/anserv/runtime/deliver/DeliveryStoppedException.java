package org.anserv.runtime.deliver;

/**
 * The module stopped (quarantine) in the middle of delivering events: {@link #resumeAt()} is the offset of the first
 * event some handler did not get, where the feed's cursor stays so the module receives it after its restart.
 */
public final class DeliveryStoppedException extends RuntimeException {

  private final long resumeAt;

  DeliveryStoppedException(long resumeAt, Throwable cause) {
    super("Delivery stopped before offset " + resumeAt + " was handled", cause, false, false);
    this.resumeAt = resumeAt;
  }

  /** The offset the feed resumes at. */
  public long resumeAt() {
    return resumeAt;
  }
}
