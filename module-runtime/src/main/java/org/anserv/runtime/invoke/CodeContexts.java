package org.anserv.runtime.invoke;

import io.vertx.core.Context;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which module's code runs on a context: the runtime's own record, kept here (not in the context's data, which
 * module code could reach and change) so the event-bus guard and the log budget can tell whose code sends or logs.
 * Contexts are held weakly: a module's abandoned context goes when nothing uses it any more.
 */
public final class CodeContexts {

  private static final Map<Context, String> MODULES = Collections.synchronizedMap(new WeakHashMap<>());

  private CodeContexts() {
  }

  static void enroll(Context context, String module) {
    MODULES.put(context, module);
  }

  /** The module whose code runs on {@code context}, or {@code null} for the runtime's own contexts and none. */
  public static String moduleOf(Context context) {
    return context == null ? null : MODULES.get(context);
  }
}
