package org.anserv.runtime.deploy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.invoke.ModuleLimits;
import org.anserv.runtime.registry.ModuleRegistry;
import org.anserv.runtime.shard.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a misbehaving module in quarantine and restarts it with exponential back-off. A module in quarantine is
 * undeployed (its feeds save their cursors, so its events wait in the log), listed in the registry with the reason
 * and the restart time, and published as {@code anserv_module_quarantined{module} 1}; each restart counts in
 * {@code anserv_module_restarts_total{module}}. A module whose abandoned call still runs on the CPU is not restarted
 * until that thread ends: each restart would pin another carrier thread of the shared virtual-thread scheduler.
 */
final class ModuleSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.runtime");
  private static final long UNDEPLOY_WAIT_SECONDS = 15;

  private final class State {
    final AtomicInteger quarantined = new AtomicInteger();
    final Counter restarts;
    int inARow;
    long lastRestartNanos;
    long timer = -1;
    Thread abandoned;
    MessageConsumer<Object> standIn;

    State(String module) {
      Gauge.builder("anserv.module.quarantined", quarantined, AtomicInteger::get).tag("module", module)
          .description("1 while the module is in quarantine, waiting for its restart").register(meters);
      restarts = Counter.builder("anserv.module.restarts").tag("module", module)
          .description("Restarts of the module after a quarantine").register(meters);
    }
  }

  private final Vertx vertx;
  private final RuntimeSettings settings;
  private final MeterRegistry meters;
  private final ModuleRegistry registry;
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Context context;
  private volatile boolean closing;

  ModuleSupervisor(Vertx vertx, RuntimeSettings settings, MeterRegistry meters, ModuleRegistry registry) {
    this.vertx = vertx;
    // Restarts are deployed from a context of no deployment: from the stopped module's, Vert.x would make the new
    // deployment a child of the one just undeployed, and refuse it.
    this.context = ((VertxInternal) vertx).createEventLoopContext();
    this.settings = settings;
    this.meters = meters;
    this.registry = registry;
  }

  /**
   * Publishes the module's quarantine gauge once it runs, so alerts see every module. It does not reset a
   * quarantine begun while the module was still starting: the restart clears it.
   */
  void running(String module) {
    state(module);
  }

  /**
   * Quarantines {@code module} for {@code reason}: {@code undeploy} stops it, then {@code restart} deploys it again
   * after the back-off. {@code abandoned} is the thread of a call it could not stop, or {@code null}.
   */
  void quarantine(String module, String reason, Thread abandoned, Function<String, Future<Void>> undeploy,
      Function<String, Future<?>> restart) {
    context.runOnContext(v -> begin(module, reason, abandoned, undeploy, restart));
  }

  private void begin(String module, String reason, Thread abandoned, Function<String, Future<Void>> undeploy,
      Function<String, Future<?>> restart) {
    State state = state(module);
    if (closing || state.quarantined.getAndSet(1) == 1) {
      return;
    }
    ModuleLimits limits = settings.limits(Shard.moduleOf(module));
    if (System.nanoTime() - state.lastRestartNanos > TimeUnit.MILLISECONDS.toNanos(4 * limits.backoffMaxMillis())) {
      state.inARow = 0;
    }
    state.abandoned = abandoned;
    long delay = backoff(limits, state.inARow++);
    registry.quarantined(module, reason, Instant.now().plusMillis(delay), state.restarts.count());
    LOG.atError().addKeyValue("module", module).addKeyValue("restartInMs", delay)
        .log("Module put in quarantine: {}. Its events wait in the log; restart in {} ms.", reason, delay);
    undeploy.apply(module).timeout(UNDEPLOY_WAIT_SECONDS, TimeUnit.SECONDS)
        .onFailure(cause -> LOG.atWarn().addKeyValue("module", module).log("Stopping the quarantined module did not"
            + " finish: {}", cause.toString()))
        .onComplete(v -> {
          if (state.quarantined.get() == 0) {
            return; // undeployed by someone meanwhile: no restart
          }
          standIn(module, state, reason);
          schedule(module, state, delay, limits, restart);
        });
  }

  /**
   * Cancels the pending restart of {@code module} if it is in quarantine (someone undeployed it meanwhile); true if
   * it was.
   */
  boolean forget(String module) {
    State state = states.get(module);
    if (state == null || state.quarantined.get() == 0) {
      return false;
    }
    context.runOnContext(v -> {
      vertx.cancelTimer(state.timer);
      if (state.standIn != null) {
        state.standIn.unregister();
      }
      state.quarantined.set(0);
      registry.released(module);
    });
    return true;
  }

  /** Cancels pending restarts: the runtime is closing. */
  void close() {
    closing = true;
    context.runOnContext(v -> states.values().forEach(s -> vertx.cancelTimer(s.timer)));
  }

  private void schedule(String module, State state, long delay, ModuleLimits limits,
      Function<String, Future<?>> restart) {
    state.timer = vertx.setTimer(delay, t -> {
      if (closing || state.quarantined.get() == 0) {
        return;
      }
      Thread spinning = state.abandoned;
      if (spinning != null && spinning.isAlive() && spinning.getState() == Thread.State.RUNNABLE) {
        if (settings.haltsOnCpuLoop()) {
          LOG.atError().addKeyValue("module", module).log("The abandoned call of quarantined module {} still runs on"
              + " the CPU: ending this process, which runs this module alone; its supervisor starts it again",
              module);
          Runtime.getRuntime().halt(RuntimeSettings.CPU_LOOP_EXIT_STATUS);
        }
        long next = backoff(limits, state.inARow++);
        registry.quarantined(module, "its abandoned call still runs on the CPU (" + spinning + "); in-process"
            + " mode cannot stop it: set modules." + Shard.moduleOf(module) + ".isolation=process", Instant.now().plusMillis(next),
            state.restarts.count());
        LOG.atError().addKeyValue("module", module).log("Quarantined module not restarted: its abandoned call still"
            + " runs on the CPU. Next check in {} ms.", next);
        schedule(module, state, next, limits, restart);
        return;
      }
      state.lastRestartNanos = System.nanoTime();
      state.standIn.unregister().transform(v -> restart.apply(module)).onSuccess(v -> {
        state.restarts.increment();
        state.quarantined.set(0);
        registry.released(module);
        LOG.atInfo().addKeyValue("module", module).log("Module restarted after quarantine");
      }).onFailure(cause -> {
        LOG.atError().addKeyValue("module", module).setCause(cause).log("Restart after quarantine failed");
        schedule(module, state, backoff(limits, state.inARow++), limits, restart);
      });
    });
  }

  // Callers of a quarantined module's views and queries learn why and until when, rather than "not deployed".
  private void standIn(String module, State state, String reason) {
    state.standIn = vertx.eventBus().consumer(Addresses.moduleCall(module), message -> {
      JsonObject entry = registry.schema().getJsonArray("quarantined").stream().map(JsonObject.class::cast)
          .filter(q -> module.equals(q.getString("name"))).findFirst().orElse(new JsonObject());
      message.fail(Failures.UNAVAILABLE, "Module '" + module + "' is in quarantine: " + reason + ". It restarts at "
          + entry.getString("restartAt", "a time on /health") + "; its events wait in the log.");
    });
  }

  private static long backoff(ModuleLimits limits, int inARow) {
    long delay = limits.backoffMillis() << Math.min(inARow, 20);
    return Math.min(delay, limits.backoffMaxMillis());
  }

  private State state(String module) {
    return states.computeIfAbsent(module, State::new);
  }
}
