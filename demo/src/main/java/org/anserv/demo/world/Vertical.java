package org.anserv.demo.world;

import java.util.List;

/**
 * A unit: one tab of a sequence, holding videos and problems.
 *
 * @param blockId the 32-hex block id
 * @param usageKey the {@code block-v1:...+type@vertical+block@...} usage key
 * @param displayName the title shown to learners
 * @param videos the videos in page order
 * @param problems the problems in page order
 */
public record Vertical(String blockId, String usageKey, String displayName, List<Video> videos,
    List<Problem> problems) {

  /** Copies the lists. */
  public Vertical {
    videos = List.copyOf(videos);
    problems = List.copyOf(problems);
  }
}
