package org.anserv.demo.world;

/**
 * A video block.
 *
 * @param blockId the 32-hex block id
 * @param usageKey the {@code block-v1:...+type@video+block@...} usage key
 * @param displayName the title shown to learners
 * @param youtubeId the 11-character YouTube id the player reports as {@code code}
 * @param durationSeconds the video's length in whole seconds
 */
public record Video(String blockId, String usageKey, String displayName, String youtubeId, int durationSeconds) {
}
