package org.anserv.demo.world;

/**
 * A capa problem block. Each part (input) is worth one point, so the maximum grade is the number of parts.
 *
 * @param blockId the 32-hex block id
 * @param usageKey the {@code block-v1:...+type@problem+block@...} usage key
 * @param displayName the title shown to learners
 * @param parts how many inputs the problem has, which is also its maximum grade
 * @param difficulty how hard it is, on the scale of learner ability (0 is average)
 * @param maxAttempts how many submissions are allowed; 0 for unlimited
 */
public record Problem(String blockId, String usageKey, String displayName, int parts, double difficulty,
    int maxAttempts) {

  /** The maximum grade: one point per part. */
  public int maxGrade() {
    return parts;
  }

  /** The edX input id of part {@code part} (0-based): {@code <blockId>_<part+2>_1}. */
  public String inputId(int part) {
    return blockId + "_" + (part + 2) + "_1";
  }
}
