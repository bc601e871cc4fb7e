package org.anserv.runtime.deploy;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.define.MethodKind;
import org.anserv.runtime.define.ModuleDefinition;
import org.anserv.runtime.inject.CallContext;
import org.anserv.runtime.inject.ModuleHandles;
import org.anserv.runtime.invoke.FailureLog;
import org.anserv.runtime.invoke.MethodInvoker;
import org.anserv.runtime.invoke.SerialExecutor;
import org.anserv.runtime.metrics.ModuleMetrics;

/**
 * Runs a module's {@code @Cron} methods on their schedules, through the module's serial executor. A run still going
 * when the next is due makes that one skipped (counted), never overlapped.
 */
final class CronRunner {

  private final Vertx vertx;
  private final List<MethodDefinition> crons;
  private final MethodInvoker invoker;
  private final SerialExecutor serial;
  private final ModuleHandles handles;
  private final ModuleMetrics metrics;
  private final FailureLog failureLog;
  private final List<Long> timers = new ArrayList<>();
  private final java.util.Set<String> running = new java.util.HashSet<>();
  private boolean stopped;

  CronRunner(Vertx vertx, ModuleDefinition module, MethodInvoker invoker, SerialExecutor serial,
      ModuleHandles handles, ModuleMetrics metrics, FailureLog failureLog) {
    this.vertx = vertx;
    this.crons = module.methods(MethodKind.CRON);
    this.invoker = invoker;
    this.serial = serial;
    this.handles = handles;
    this.metrics = metrics;
    this.failureLog = failureLog;
  }

  void start() {
    Instant now = Instant.now();
    crons.forEach(cron -> schedule(cron, cron.schedule().next(now)));
  }

  void stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }

  private void schedule(MethodDefinition cron, Instant due) {
    if (stopped) {
      return;
    }
    metrics.cronDue(cron.name(), due);
    long delay = Math.max(1, Duration.between(Instant.now(), due).toMillis());
    long[] id = new long[1];
    id[0] = vertx.setTimer(delay, t -> {
      timers.remove(id[0]);
      fire(cron);
      schedule(cron, cron.schedule().next(max(due, Instant.now().minusMillis(1))));
    });
    timers.add(id[0]);
  }

  private void fire(MethodDefinition cron) {
    if (!running.add(cron.name())) {
      metrics.cronRun(cron.name(), "skipped");
      return;
    }
    serial.submit(() -> invoker.invoke(cron, CallContext.ofSchedule(handles)))
        .onComplete(outcome -> {
          running.remove(cron.name());
          metrics.cronRun(cron.name(), outcome.succeeded() ? "ok" : "failed");
          if (outcome.failed()) {
            failureLog.callFailed("cron", cron.name(), outcome.cause());
          }
        });
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
