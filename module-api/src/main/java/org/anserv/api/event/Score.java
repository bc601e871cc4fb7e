package org.anserv.api.event;

import java.util.Optional;

/**
 * A score as problem checks and grade events report it.
 *
 * @param raw the points earned
 * @param max the points possible
 * @param scaled the share earned, 0 to 1: the producer's own when it sent one, else {@code raw / max}
 */
public record Score(double raw, double max, Optional<Double> scaled) {

  /** Checks that no component is null. */
  public Score {
    java.util.Objects.requireNonNull(scaled, "scaled");
  }
}
