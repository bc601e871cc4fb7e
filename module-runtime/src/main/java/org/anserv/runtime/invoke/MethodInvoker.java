package org.anserv.runtime.invoke;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import org.anserv.api.QueryFailure;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.inject.BadParameterException;
import org.anserv.runtime.inject.Binding;
import org.anserv.runtime.inject.CallContext;

/**
 * Calls one module's methods: resolves the arguments with the resolvers chosen at deploy time, invokes the method on
 * the module's own code context, and turns a plain value, a future, or a throw into one future, completed back on
 * the context that called (the module verticle's). Module failures are wrapped once with module and method.
 *
 * <p>Module code runs on a virtual-thread context of its own, never on the verticle's, so a call that blocks its
 * thread (a sleep, a CPU loop, I/O that never returns) cannot hold up the module's feeds, consumers and timers, and
 * the runtime can still stop the module. Each call has a deadline: past it the caller gets a
 * {@link CallTimeoutException}, the next call waits until the late one really returns (module code never runs twice
 * at once), and a call still running at twice its deadline is reported stuck.
 */
public final class MethodInvoker {

  /** What the invoker reports about the module's behaviour. */
  public interface Supervision {

    /** A call failed ({@code timedOut}: it ran past its deadline); refusals and bad parameters are not failures. */
    void failed(MethodDefinition method, boolean timedOut);

    /** A call is still running at twice its deadline: the module's thread is stuck. */
    void stuck(MethodDefinition method);
  }

  private final String module;
  private final Vertx vertx;
  private final ContextInternal home;
  private final ContextInternal code;
  private final long timeoutMillis;
  private final Supervision supervision;
  private final List<Promise<Void>> gated = new ArrayList<>();
  private Future<Void> running = Future.succeededFuture();
  private volatile Thread thread;
  private volatile Thread late;
  private boolean stopped;

  /** An invoker for calls made from the current (the module verticle's) context; {@code timeoutMillis} 0: none. */
  public MethodInvoker(String module, Vertx vertx, long timeoutMillis, Supervision supervision) {
    this.module = module;
    this.vertx = vertx;
    this.home = (ContextInternal) vertx.getOrCreateContext();
    this.code = ((VertxInternal) vertx).createVirtualThreadContext();
    CodeContexts.enroll(code, module);
    this.timeoutMillis = timeoutMillis;
    this.supervision = supervision;
  }

  /** The context module code runs on. */
  public ContextInternal codeContext() {
    return code;
  }

  /** Calls {@code method} in {@code context}; never throws. */
  public Future<Object> invoke(MethodDefinition method, CallContext context) {
    if (stopped) {
      return Future.failedFuture(new ModuleStoppedException(module));
    }
    if (!running.isComplete()) {
      Promise<Void> turn = home.promise();
      gated.add(turn);
      running.onComplete(done -> turn.tryComplete());
      return turn.future().compose(v -> {
        gated.remove(turn);
        return invoke(method, context);
      });
    }
    Promise<Object> answer = home.promise();
    Promise<Void> finished = home.promise();
    running = finished.future();
    long deadline = timeoutMillis <= 0 ? -1 : vertx.setTimer(timeoutMillis, t -> timedOut(method, answer, finished));
    code.runOnContext(v -> {
      thread = Thread.currentThread();
      call(method, context).onComplete(outcome -> {
        thread = null;
        vertx.cancelTimer(deadline);
        finished.tryComplete();
        if (outcome.failed() && answer.tryFail(outcome.cause()) && blame(outcome.cause())) {
          home.runOnContext(x -> supervision.failed(method, false));
        } else if (outcome.succeeded()) {
          answer.tryComplete(outcome.result());
        }
      });
    });
    return answer.future();
  }

  /**
   * Refuses every call from now on, and fails those waiting for a late call to return, with
   * {@link ModuleStoppedException}. A call still running past its deadline is interrupted: a sleep, a wait or interruptible I/O ends
   * with an {@link InterruptedException}; a CPU loop that does not check for interrupts goes on, since nothing else
   * can stop a thread.
   */
  public void stop() {
    stopped = true;
    Thread running = thread;
    if (running != null && running == late) {
      running.interrupt();
    }
    List.copyOf(gated).forEach(turn -> turn.tryFail(new ModuleStoppedException(module)));
    gated.clear();
  }

  /** The thread running module code now, or {@code null}: lets the supervisor tell a CPU loop from a sleep. */
  public Thread runningThread() {
    return thread;
  }

  private void timedOut(MethodDefinition method, Promise<Object> answer, Promise<Void> finished) {
    if (!answer.tryFail(new CallTimeoutException(module, method.signature(), timeoutMillis))) {
      return;
    }
    late = thread;
    supervision.failed(method, true);
    vertx.setTimer(timeoutMillis, t -> {
      if (!finished.future().isComplete() && !stopped) {
        supervision.stuck(method);
      }
    });
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
