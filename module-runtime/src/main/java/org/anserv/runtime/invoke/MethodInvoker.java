package org.anserv.runtime.invoke;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.anserv.api.QueryFailure;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.define.MethodKind;
import org.anserv.runtime.inject.BadParameterException;
import org.anserv.runtime.inject.Binding;
import org.anserv.runtime.inject.CallContext;
import org.slf4j.MDC;

/**
 * Calls one module's methods: resolves the arguments with the resolvers chosen at deploy time, invokes the method on
 * the module's own code context, and turns a plain value, a future, or a throw into one future. Module failures are
 * wrapped once with module and method.
 *
 * <p>Module code runs on a virtual-thread context of its own, never on the module verticle's ("home") context, so a
 * call that blocks its thread (a sleep, a CPU loop, I/O that never returns) cannot hold up the module's feeds,
 * consumers and timers, and the runtime can still stop the module. Called from home, a call hops to the code context
 * and its answer back; a run of calls ({@link #onCode(Supplier)}, what event delivery uses) hops once for all.
 *
 * <p>Each call has a deadline, watched from home: past it a view or query caller gets a {@link CallTimeoutException}
 * at once, while a handler's or cron's caller waits on for the real outcome (a late call's effects are applied);
 * either way the timeout is reported. The next call waits until a late one really returns (module code never runs
 * twice at once), and a call still running at twice its deadline is reported stuck.
 */
public final class MethodInvoker {

  /** What the invoker reports about the module's behaviour; called on the home context. */
  public interface Supervision {

    /** A call failed ({@code timedOut}: it ran past its deadline); refusals and bad parameters are not failures. */
    void failed(MethodDefinition method, boolean timedOut);

    /** A call is still running at twice its deadline: the module's thread is stuck. */
    void stuck(MethodDefinition method);
  }

  // One call into module code, as the home context watches it.
  private static final class Call {
    final MethodDefinition method;
    final Promise<Object> answer;
    final Thread thread;
    final long startedNanos = System.nanoTime();
    volatile boolean overdue;
    volatile boolean stuck;
    volatile boolean done;

    Call(MethodDefinition method, Promise<Object> answer, Thread thread) {
      this.method = method;
      this.answer = answer;
      this.thread = thread;
    }
  }

  private final String module;
  private final ContextInternal home;
  private final ContextInternal code;
  private final long timeoutMillis;
  private final Supervision supervision;
  private final List<Promise<Void>> gated = new ArrayList<>();
  private Future<Void> busy = Future.succeededFuture();
  private Promise<?> run;
  private volatile Call current;
  private volatile boolean stopped;
  private final long watchdog;

  /** An invoker for calls made from the current (the module verticle's) context; {@code timeoutMillis} 0: none. */
  public MethodInvoker(String module, Vertx vertx, long timeoutMillis, Supervision supervision) {
    this.module = module;
    this.home = (ContextInternal) vertx.getOrCreateContext();
    this.code = ((VertxInternal) vertx).createVirtualThreadContext();
    CodeContexts.enroll(code, module);
    this.timeoutMillis = timeoutMillis;
    this.supervision = supervision;
    // One watchdog per module rather than a timer per call: a timer per call set from the code thread costs two
    // tasks on a shared event loop per event, which under load slowed HTTP answers down.
    this.watchdog = timeoutMillis <= 0 ? -1 : home.setPeriodic(Math.max(10, Math.min(timeoutMillis / 10, 100)),
        t -> watch());
  }

  /**
   * Runs {@code work}, which calls {@link #invoke} several times, on the code context in one hop, after any late call
   * returned; the future completes on the home context. When the module is stopped while a call of the run is past
   * its deadline, the future fails with that call's {@link CallTimeoutException}; when stopped before, with
   * {@link ModuleStoppedException}.
   */
  public <T> Future<T> onCode(Supplier<Future<T>> work) {
    Future<Void> turn = turn();
    if (turn != null) {
      return turn.compose(v -> onCode(work));
    }
    Promise<T> result = home.promise();
    Promise<Void> finished = home.promise();
    busy = finished.future();
    run = result;
    code.runOnContext(v -> {
      Future<T> outcome;
      try {
        outcome = work.get();
      } catch (Throwable t) {
        outcome = Future.failedFuture(t);
      }
      outcome.onComplete(o -> {
        finished.tryComplete();
        result.handle(o);
      });
    });
    return result.future();
  }

  /**
   * Calls {@code method} in {@code context}; never throws. On the code context (inside {@link #onCode}) the call runs
   * at once; from home it hops there and its answer comes back to home.
   */
  public Future<Object> invoke(MethodDefinition method, CallContext context) {
    if (stopped) {
      return Future.failedFuture(new ModuleStoppedException(module));
    }
    if (ContextInternal.current() == code) {
      return start(method, context, Promise.promise());
    }
    Future<Void> turn = turn();
    if (turn != null) {
      return turn.compose(v -> invoke(method, context));
    }
    Promise<Object> answer = home.promise();
    Promise<Void> finished = home.promise();
    busy = finished.future();
    code.runOnContext(v -> start(method, context, answer).onComplete(o -> finished.tryComplete()));
    return answer.future();
  }

  /**
   * Refuses every call from now on, and fails those waiting for a late call to return, with
   * {@link ModuleStoppedException}. A call past its deadline is interrupted (a sleep, a wait or interruptible I/O
   * ends with an {@link InterruptedException}; a CPU loop that does not check for interrupts goes on, since nothing
   * else can stop a thread) and its caller gets its {@link CallTimeoutException} now. Called on home.
   */
  public void stop() {
    stopped = true;
    home.owner().cancelTimer(watchdog);
    Call late = current;
    if (late != null && late.overdue && !late.done) {
      late.thread.interrupt();
      CallTimeoutException timeout = new CallTimeoutException(module, late.method.signature(), timeoutMillis);
      late.answer.tryFail(timeout);
      if (run != null) {
        run.tryFail(timeout);
      }
    }
    List.copyOf(gated).forEach(turn -> turn.tryFail(new ModuleStoppedException(module)));
    gated.clear();
  }

  /** The thread running module code now, or {@code null}: lets the supervisor tell a CPU loop from a sleep. */
  public Thread runningThread() {
    Call call = current;
    return call == null || call.done ? null : call.thread;
  }

  // Null when the code context is free; else a future completing when the late call there returned.
  private Future<Void> turn() {
    if (stopped) {
      return Future.failedFuture(new ModuleStoppedException(module));
    }
    if (busy.isComplete()) {
      return null;
    }
    Promise<Void> turn = home.promise();
    gated.add(turn);
    busy.onComplete(done -> {
      gated.remove(turn);
      turn.tryComplete();
    });
    return turn.future();
  }

  // On the code context: runs the method, which the watchdog on home watches through current.
  private Future<Object> start(MethodDefinition method, CallContext context, Promise<Object> answer) {
    Call call = new Call(method, answer, Thread.currentThread());
    current = call;
    Future<Object> result;
    // While module code runs, the logging MDC holds the module's name: every line it logs carries it.
    try (MDC.MDCCloseable tag = MDC.putCloseable("module", module)) {
      result = call(method, context);
    }
    result.onComplete(outcome -> {
      call.done = true;
      if (outcome.succeeded()) {
        answer.tryComplete(outcome.result());
      } else if (answer.tryFail(outcome.cause()) && blame(outcome.cause()) && !call.overdue) {
        home.runOnContext(x -> supervision.failed(method, false));
      }
    });
    return answer.future();
  }

  // On home: past its deadline a call is overdue, at twice its deadline stuck.
  private void watch() {
    Call call = current;
    if (call == null || call.done || stopped) {
      return;
    }
    long ran = System.nanoTime() - call.startedNanos;
    if (!call.overdue && ran >= timeoutMillis * 1_000_000) {
      timedOut(call);
    } else if (call.overdue && !call.stuck && ran >= 2 * timeoutMillis * 1_000_000) {
      call.stuck = true;
      supervision.stuck(call.method);
    }
  }

  // A view or query caller is answered now; a handler's or cron's caller waits on for the real outcome.
  private void timedOut(Call call) {
    call.overdue = true;
    MethodKind kind = call.method.kind();
    if ((kind == MethodKind.VIEW || kind == MethodKind.QUERY)
        && !call.answer.tryFail(new CallTimeoutException(module, call.method.signature(), timeoutMillis))) {
      return;
    }
    supervision.failed(call.method, true);
  }

  private Future<Object> call(MethodDefinition method, CallContext context) {
    Object[] arguments;
    try {
      arguments = arguments(method.bindings(), context);
    } catch (BadParameterException e) {
      return Future.failedFuture(e);
    }
    try {
      Object result = method.handle().invokeExact(arguments);
      if (result instanceof Future<?> future) {
        return future.<Object>map(value -> value)
            .recover(cause -> Future.failedFuture(new ModuleCallException(module, method.signature(), cause)));
      }
      return Future.succeededFuture(result);
    } catch (Throwable t) {
      return Future.failedFuture(new ModuleCallException(module, method.signature(), t));
    }
  }

  // A module refusing a query (QueryFailure) or a caller's bad parameter is an answer, not a fault of the module.
  private static boolean blame(Throwable cause) {
    return !(cause instanceof BadParameterException) && !(cause.getCause() instanceof QueryFailure);
  }

  private static Object[] arguments(List<Binding> bindings, CallContext context) {
    Object[] arguments = new Object[bindings.size()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = bindings.get(i).resolver().resolve(context);
    }
    return arguments;
  }
}
