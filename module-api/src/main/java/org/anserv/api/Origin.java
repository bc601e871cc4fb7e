package org.anserv.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Who put an event into anserv.
 *
 * @param emitter the module that emitted it, or {@code null} for events received from outside
 * @param hops how many emits deep the event is: 0 from outside, 1 emitted on an outside event, and so on
 */
public record Origin(String emitter, int hops) {

  /** Events received from producers outside anserv. */
  public static final Origin EXTERNAL = new Origin(null, 0);

  /** The module that emitted the event; empty for outside events. */
  public Optional<String> emittingModule() {
    return Optional.ofNullable(emitter);
  }

  /** The origin of an event that {@code module} emits while handling an event of this origin. */
  public Origin next(String module) {
    return new Origin(Objects.requireNonNull(module, "module"), hops + 1);
  }
}
