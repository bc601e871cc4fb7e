package org.anserv.runtime.invoke;

import java.util.function.Function;
import org.anserv.runtime.RuntimeSettings;

/**
 * How much one module may take before the runtime steps in, each read from {@code modules.<name>.<key>}, else
 * {@code modules.<key>}:
 *
 * @param timeoutMillis {@code timeout.ms} (30000): how long one call into module code (handler, view, query, cron)
 *     may run before it counts as a timeout; a view or query caller is failed then, a handler's feed waits for the
 *     real outcome; a call running at twice this is stuck and puts the module in quarantine
 * @param failureBudget {@code failures.max} (100): failures and timeouts within the window that put the module in
 *     quarantine
 * @param failureWindowMillis {@code failures.window.ms} (60000): the window of the failure budget
 * @param backoffMillis {@code restart.backoff.ms} (1000): the wait before the first restart after a quarantine,
 *     doubled at each quarantine in a row
 * @param backoffMaxMillis {@code restart.backoff.max.ms} (60000): the longest wait before a restart
 * @param emitsPerSecond {@code emits.per.second} (1000): events the module may emit per second, with bursts of as
 *     many; an emit beyond fails the call that made it
 */
public record ModuleLimits(long timeoutMillis, int failureBudget, long failureWindowMillis, long backoffMillis,
    long backoffMaxMillis, int emitsPerSecond) {

  /** The limits with every key looked up by {@code setting} ({@code null} when unset). */
  public static ModuleLimits of(Function<String, Object> setting) {
    return new ModuleLimits(
        positive("timeout.ms", setting, 30_000),
        (int) positive("failures.max", setting, 100),
        positive("failures.window.ms", setting, 60_000),
        positive("restart.backoff.ms", setting, 1_000),
        positive("restart.backoff.max.ms", setting, 60_000),
        (int) positive("emits.per.second", setting, 1_000));
  }

  private static long positive(String key, Function<String, Object> setting, long fallback) {
    long value = RuntimeSettings.number("modules." + key, setting.apply(key), fallback);
    if (value <= 0) {
      throw new IllegalArgumentException("Setting 'modules." + key + "' (or its per-module form"
          + " 'modules.<name>." + key + "') must be above 0, not " + value + ".");
    }
    return value;
  }
}
