package org.anserv.runtime.invoke;

import java.util.HashMap;
import java.util.Map;
import org.anserv.api.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a module's failures as structured records naming the module, without letting a module that fails on every
 * event flood the log: at most one record per method every few seconds, with the count of those left out.
 */
public final class FailureLog {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.module");
  private static final long QUIET_NANOS = 5_000_000_000L;

  private record Window(long startedNanos, int suppressed) {
  }

  private final String module;
  private final Map<String, Window> windows = new HashMap<>();

  public FailureLog(String module) {
    this.module = module;
  }

  public void handlerFailed(String handler, Event event, Throwable cause) {
    log("handler", handler, "event " + event.id() + " (" + event.type() + ")", cause);
  }

  public void callFailed(String kind, String name, Throwable cause) {
    log(kind, name, "call", cause);
  }

  private synchronized void log(String kind, String name, String what, Throwable cause) {
    long now = System.nanoTime();
    String key = kind + ":" + name;
    Window window = windows.get(key);
    if (window != null && now - window.startedNanos() < QUIET_NANOS) {
      windows.put(key, new Window(window.startedNanos(), window.suppressed() + 1));
      return;
    }
    int suppressed = window == null ? 0 : window.suppressed();
    windows.put(key, new Window(now, 0));
    LOG.atWarn().addKeyValue("module", module).addKeyValue(kind, name).addKeyValue("suppressed", suppressed)
        .setCause(cause).log("{} failed on {}", kind, what);
  }
}
