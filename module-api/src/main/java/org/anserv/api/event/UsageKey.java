package org.anserv.api.event;

import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an edX usage key (the id of one block of a course): {@code block-v1:Org+Course+Run+type@video+block@ID},
 * its CCX form {@code ccx-block-v1:Org+Course+Run+ccx@N+type@...}, and the old {@code i4x://Org/Course/video/ID} and
 * {@code i4x-Org-Course-video-ID} forms.
 *
 * @param blockType the block type ({@code video}, {@code problem}, {@code sequential}, ...)
 * @param blockId the block's id within its course: a 32-hex hash or a name; the same hash recurs across course runs
 * @param courseId the course key ({@code course-v1:Org+Course+Run} or {@code ccx-v1:...}); empty for the old forms,
 *     which do not name the run
 */
public record UsageKey(String blockType, String blockId, Optional<String> courseId) {

  private static final String BLOCK_V1 = "block-v1:";
  private static final String CCX_BLOCK_V1 = "ccx-block-v1:";

  /** Checks that no component is null. */
  public UsageKey {
    Objects.requireNonNull(blockType, "blockType");
    Objects.requireNonNull(blockId, "blockId");
    Objects.requireNonNull(courseId, "courseId");
  }

  /** The usage key {@code text} spells, or empty when it is none of the known forms. */
  public static Optional<UsageKey> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.startsWith(BLOCK_V1)) {
      return parseV1(text.substring(BLOCK_V1.length()), "course-v1:");
    }
    if (text.startsWith(CCX_BLOCK_V1)) {
      return parseV1(text.substring(CCX_BLOCK_V1.length()), "ccx-v1:");
    }
    if (text.startsWith("i4x://")) {
      return parseOld(text.substring("i4x://".length()).split("/", 4));
    }
    if (text.startsWith("i4x-")) {
      return parseOld(text.substring("i4x-".length()).split("-", 4));
    }
    return Optional.empty();
  }

  /**
   * The block id of {@code id} when it is a usage key, else {@code id} itself: video and problem ids arrive as bare
   * hashes, usage keys or old-style keys, and this gives the one comparable form.
   */
  public static String blockIdOf(String id) {
    return parse(id).map(UsageKey::blockId).orElse(id);
  }

  private static Optional<UsageKey> parseV1(String rest, String coursePrefix) {
    int type = rest.indexOf("+type@");
    int block = rest.indexOf("+block@", type + 1);
    if (type <= 0 || block < 0) {
      return Optional.empty();
    }
    String blockType = rest.substring(type + "+type@".length(), block);
    String blockId = rest.substring(block + "+block@".length());
    if (blockType.isEmpty() || blockId.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UsageKey(blockType, blockId, Optional.of(coursePrefix + rest.substring(0, type))));
  }

  private static Optional<UsageKey> parseOld(String[] parts) {
    if (parts.length != 4 || parts[2].isEmpty() || parts[3].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UsageKey(parts[2], parts[3], Optional.empty()));
  }
}
