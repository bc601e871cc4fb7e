package org.anserv.api.event;

import java.util.Map;
import java.util.Optional;

/** How a learner moved through the course, from the legacy or new event name. */
public enum NavigationAction {

  /** A unit tab in a sequence was selected: {@code seq_goto}, {@code edx.ui.lms.sequence.tab_selected}. */
  TAB_SELECTED,
  /** The next unit was selected: {@code seq_next}, {@code edx.ui.lms.sequence.next_selected}. */
  NEXT,
  /** The previous unit was selected: {@code seq_prev}, {@code edx.ui.lms.sequence.previous_selected}. */
  PREVIOUS,
  /** A section or subsection was chosen in the course outline: {@code edx.ui.lms.outline.selected}. */
  OUTLINE_SELECTED,
  /** A link in the course content was clicked: {@code edx.ui.lms.link_clicked}. */
  LINK_CLICKED,
  /** The learner jumped to a unit from a navigation menu: {@code edx.ui.lms.jump_nav.selected}. */
  JUMP,
  /** Another {@code edx.ui.lms.sequence.*} event this version does not know. */
  OTHER;

  private static final Map<String, NavigationAction> NAMES = Map.ofEntries(
      Map.entry("seq_goto", TAB_SELECTED), Map.entry("edx.ui.lms.sequence.tab_selected", TAB_SELECTED),
      Map.entry("seq_next", NEXT), Map.entry("edx.ui.lms.sequence.next_selected", NEXT),
      Map.entry("seq_prev", PREVIOUS), Map.entry("edx.ui.lms.sequence.previous_selected", PREVIOUS),
      Map.entry("edx.ui.lms.outline.selected", OUTLINE_SELECTED),
      Map.entry("edx.ui.lms.link_clicked", LINK_CLICKED),
      Map.entry("edx.ui.lms.jump_nav.selected", JUMP));

  /** The action an event named {@code name} reports; empty when it is not a navigation event. */
  public static Optional<NavigationAction> ofName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    NavigationAction action = NAMES.get(name);
    if (action == null && name.startsWith("edx.ui.lms.sequence.")) {
      action = OTHER;
    }
    return Optional.ofNullable(action);
  }
}
