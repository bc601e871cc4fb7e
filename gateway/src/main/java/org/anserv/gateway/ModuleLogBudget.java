package org.anserv.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.anserv.runtime.invoke.CodeContexts;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Holds each module to a number of log lines per second (logback turbo filter, declared in {@code logback.xml}): a
 * line logged from a module's code context beyond its budget is dropped, and once the module may log again one
 * warning says how many were dropped. A module that logs without end thus costs the server a bounded amount of I/O;
 * the runtime's own records ({@code anserv.*} loggers) are never dropped. Lines a module prints to
 * {@code System.out} itself are not covered. The warnings themselves come at most once every
 * {@value #REPORT_EVERY_SECONDS} seconds per module.
 */
public final class ModuleLogBudget extends TurboFilter {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("anserv.module");
  private static final ThreadLocal<Boolean> REPORTING = ThreadLocal.withInitial(() -> false);
  static final int REPORT_EVERY_SECONDS = 5;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private int perSecond = 50;

  /** Lines each module may log per second, with bursts of as many (default 50); a logback property. */
  public void setPerSecond(int perSecond) {
    this.perSecond = Math.max(1, perSecond);
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (REPORTING.get() || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())
        || logger.getName().startsWith("anserv.")) {
      return FilterReply.NEUTRAL;
    }
    String module = CodeContexts.moduleOf(Vertx.currentContext());
    if (module == null) {
      return FilterReply.NEUTRAL;
    }
    Bucket bucket = buckets.computeIfAbsent(module, m -> new Bucket(perSecond));
    long dropped = bucket.take();
    if (dropped < 0) {
      return FilterReply.DENY;
    }
    if (dropped > 0) {
      REPORTING.set(true);
      try {
        LOG.atWarn().addKeyValue("module", module).log("Module '{}' logged more than {} lines per second: {} lines"
            + " dropped since the last report.", module, perSecond, dropped);
      } finally {
        REPORTING.set(false);
      }
    }
    return FilterReply.NEUTRAL;
  }

  // A token bucket per module, counting the lines it refused since it last reported them.
  private static final class Bucket {
    private final int perSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private long reportedAt = System.nanoTime() - REPORT_EVERY_SECONDS * 1_000_000_000L;
    private long dropped;

    Bucket(int perSecond) {
      this.perSecond = perSecond;
      this.tokens = perSecond;
    }

    // -1 when the line is dropped; else how many dropped lines to report now (0: none, or not yet time to).
    synchronized long take() {
      long now = System.nanoTime();
      tokens = Math.min(perSecond, tokens + (now - refilledAt) * perSecond / 1e9);
      refilledAt = now;
      if (tokens < 1) {
        dropped++;
        return -1;
      }
      tokens -= 1;
      if (dropped == 0 || now - reportedAt < REPORT_EVERY_SECONDS * 1_000_000_000L) {
        return 0;
      }
      long report = dropped;
      dropped = 0;
      reportedAt = now;
      return report;
    }
  }
}
