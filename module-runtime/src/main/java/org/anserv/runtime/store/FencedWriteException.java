package org.anserv.runtime.store;

/** A write to a module's state refused by the {@link WriteFence}: the module runs on another node now. */
public final class FencedWriteException extends IllegalStateException {

  /** A refusal for {@code reason}. */
  public FencedWriteException(String reason) {
    super("Write refused: " + reason);
  }
}
