package org.anserv.demo.world;

import java.util.List;

/**
 * A section of a course, usually one week.
 *
 * @param blockId the 32-hex block id
 * @param usageKey the {@code block-v1:...+type@chapter+block@...} usage key
 * @param displayName the title shown to learners
 * @param sequentials the subsections in order
 */
public record Chapter(String blockId, String usageKey, String displayName, List<Sequential> sequentials) {

  /** Copies the list. */
  public Chapter {
    sequentials = List.copyOf(sequentials);
  }
}
