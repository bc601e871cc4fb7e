package org.anserv.demo.world;

import java.util.List;

/**
 * A subsection: a sequence of units shown as tabs.
 *
 * @param blockId the 32-hex block id
 * @param usageKey the {@code block-v1:...+type@sequential+block@...} usage key
 * @param displayName the title shown to learners
 * @param verticals the units, tab 1 first
 */
public record Sequential(String blockId, String usageKey, String displayName, List<Vertical> verticals) {

  /** Copies the list. */
  public Sequential {
    verticals = List.copyOf(verticals);
  }
}
