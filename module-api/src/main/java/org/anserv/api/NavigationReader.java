package org.anserv.api;

import java.util.Optional;
import org.anserv.api.event.NavigationAction;
import org.anserv.api.event.NavigationActivity;

/** Reads {@link NavigationActivity} from legacy ({@code seq_goto}) and new ({@code edx.ui.lms.*}) events. */
final class NavigationReader {

  private NavigationReader() {
  }

  static Optional<NavigationActivity> read(Event event) {
    Optional<NavigationAction> action =
        NavigationAction.ofName(event.type()).or(() -> NavigationAction.ofName(event.nameOrNull()));
    if (action.isEmpty()) {
      return Optional.empty();
    }
    Lenient payload = event.decodedPayload().fields();
    Optional<Integer> current = payload.int32("current_tab");
    return Optional.of(new NavigationActivity(
        action.get(),
        payload.text("id"),
        payload.int32("old").or(() -> current),
        payload.int32("new", "target_tab").or(() -> neighbour(action.get(), current)),
        payload.int32("tab_count"),
        payload.text("target_url"),
        payload.text("target_name"),
        payload.text("current_url"),
        payload.text("widget_placement")));
  }

  // The platform's own legacy transformer derives "new" this way for next/previous events that lack it.
  private static Optional<Integer> neighbour(NavigationAction action, Optional<Integer> current) {
    return switch (action) {
      case NEXT -> current.map(tab -> tab + 1);
      case PREVIOUS -> current.map(tab -> tab - 1);
      default -> Optional.empty();
    };
  }
}
