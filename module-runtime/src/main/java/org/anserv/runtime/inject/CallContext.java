package org.anserv.runtime.inject;

import java.util.List;
import java.util.Map;
import org.anserv.api.Event;

/**
 * Everything one call into a module method may need injected.
 *
 * @param event the event being handled, or {@code null} outside handlers
 * @param events the batch a batched handler receives, or {@code null}
 * @param params the request parameters of a view or query call; empty otherwise
 * @param handles the module's handles
 */
public record CallContext(Event event, List<Event> events, Map<String, String> params, ModuleHandles handles) {

  /** The context of handling {@code event}. */
  public static CallContext ofEvent(Event event, ModuleHandles handles) {
    return new CallContext(event, null, Map.of(), handles);
  }

  /** The context of handling a batch of {@code events}. */
  public static CallContext ofBatch(List<Event> events, ModuleHandles handles) {
    return new CallContext(events.getLast(), List.copyOf(events), Map.of(), handles);
  }

  /** The context of a view or query call with {@code params}. */
  public static CallContext ofRequest(Map<String, String> params, ModuleHandles handles) {
    return new CallContext(null, null, Map.copyOf(params), handles);
  }

  /** The context of a cron run. */
  public static CallContext ofSchedule(ModuleHandles handles) {
    return new CallContext(null, null, Map.of(), handles);
  }
}
