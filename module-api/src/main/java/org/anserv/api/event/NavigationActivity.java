package org.anserv.api.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A navigation event. Tabs are 1-based unit positions within a sequence (subsection).
 *
 * @param action what happened
 * @param sequenceId the sequence navigated in: a usage key ({@code block-v1:...+type@sequential+block@ID}) or an old
 *     {@code i4x://Org/Course/sequential/ID}
 * @param oldTab the tab shown before ({@code old}, else {@code current_tab})
 * @param newTab the tab shown after ({@code new}, else {@code target_tab}; for next and previous, the neighbour of
 *     {@code current_tab}, as the platform itself computes it)
 * @param tabCount how many tabs the sequence has
 * @param targetUrl where an outline selection or link leads ({@code target_url})
 * @param targetName the label of what was selected ({@code target_name})
 * @param currentUrl the page the learner was on ({@code current_url})
 * @param widgetPlacement which control was used: {@code top}, {@code bottom}, {@code accordion}, ...
 */
public record NavigationActivity(
    NavigationAction action,
    Optional<String> sequenceId,
    Optional<Integer> oldTab,
    Optional<Integer> newTab,
    Optional<Integer> tabCount,
    Optional<String> targetUrl,
    Optional<String> targetName,
    Optional<String> currentUrl,
    Optional<String> widgetPlacement) {

  /** Checks that no component is null. */
  public NavigationActivity {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(sequenceId, "sequenceId");
    Objects.requireNonNull(oldTab, "oldTab");
    Objects.requireNonNull(newTab, "newTab");
    Objects.requireNonNull(tabCount, "tabCount");
    Objects.requireNonNull(targetUrl, "targetUrl");
    Objects.requireNonNull(targetName, "targetName");
    Objects.requireNonNull(currentUrl, "currentUrl");
    Objects.requireNonNull(widgetPlacement, "widgetPlacement");
  }
}
