package org.anserv.runtime.invoke;

import io.vertx.core.Future;
import java.util.List;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.inject.BadParameterException;
import org.anserv.runtime.inject.Binding;
import org.anserv.runtime.inject.CallContext;
import org.slf4j.MDC;

/**
 * Calls one module method: resolves its arguments with the resolvers chosen at deploy time, invokes it, and turns a
 * plain value, a future, or a throw into one future. Module failures are wrapped once with module and method.
 */
public final class MethodInvoker {

  private final String module;

  public MethodInvoker(String module) {
    this.module = module;
  }

  /**
   * Calls {@code method} in {@code context}; never throws. While it runs, the logging MDC holds {@code module}, so
   * every line the module's own code logs carries the module's name.
   */
  public Future<Object> invoke(MethodDefinition method, CallContext context) {
    try (MDC.MDCCloseable tag = MDC.putCloseable("module", module)) {
      return call(method, context);
    }
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

  private static Object[] arguments(List<Binding> bindings, CallContext context) {
    Object[] arguments = new Object[bindings.size()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = bindings.get(i).resolver().resolve(context);
    }
    return arguments;
  }
}
