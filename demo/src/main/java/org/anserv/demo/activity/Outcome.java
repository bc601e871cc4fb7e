package org.anserv.demo.activity;

import java.util.List;

/**
 * The state of the world at the end of the period: what was counted, and each enrollment's progress.
 *
 * @param tally the counts gathered while simulating
 * @param progress the progress of every enrollment, in enrollment order
 */
public record Outcome(Tally tally, List<Progress> progress) {

  /** Copies the list. */
  public Outcome {
    progress = List.copyOf(progress);
  }
}
