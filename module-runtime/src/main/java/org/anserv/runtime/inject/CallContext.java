package org.anserv.runtime.inject;

import java.util.Map;
import org.anserv.api.Event;
import org.anserv.api.Origin;

/**
 * Everything one call into a module method may need injected.
 *
 * @param event the event being handled, or {@code null} outside handlers
 * @param params the request parameters of a view or query call; empty otherwise
 * @param handles the module's handles
 */
public record CallContext(Event event, Map<String, String> params, ModuleHandles handles) {

  /** The context of handling {@code event}. */
  public static CallContext ofEvent(Event event, ModuleHandles handles) {
    return new CallContext(event, Map.of(), handles);
  }

  /** The context of a view or query call with {@code params}. */
  public static CallContext ofRequest(Map<String, String> params, ModuleHandles handles) {
    return new CallContext(null, Map.copyOf(params), handles);
  }

  /** The context of a cron run. */
  public static CallContext ofSchedule(ModuleHandles handles) {
    return new CallContext(null, Map.of(), handles);
  }

  /** The origin that events emitted during this call continue. */
  public Origin cause() {
    return event != null ? event.origin() : Origin.EXTERNAL;
  }
}
