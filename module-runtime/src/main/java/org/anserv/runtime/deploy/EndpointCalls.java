package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anserv.api.Html;
import org.anserv.api.QueryFailure;
import org.anserv.api.Template;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.define.MethodKind;
import org.anserv.runtime.define.ModuleDefinition;
import org.anserv.runtime.define.ParamSpec;
import org.anserv.runtime.inject.BadParameterException;
import org.anserv.runtime.inject.CallContext;
import org.anserv.runtime.inject.ModuleHandles;
import org.anserv.runtime.invoke.MemoCache;
import org.anserv.runtime.invoke.FailureLog;
import org.anserv.runtime.invoke.MethodInvoker;
import org.anserv.runtime.invoke.QueueFullException;
import org.anserv.runtime.invoke.SerialExecutor;
import org.anserv.runtime.metrics.ModuleMetrics;
import org.anserv.runtime.render.TemplateRenderer;

/**
 * Answers view and query calls addressed to one module: finds the method, applies parameter defaults and
 * memoization, runs it in the module's serial executor, renders views, and replies or fails with a status code.
 */
final class EndpointCalls {

  private final ModuleDefinition module;
  private final MethodInvoker invoker;
  private final SerialExecutor serial;
  private final ModuleHandles handles;
  private final ModuleMetrics metrics;
  private final FailureLog failureLog;
  private final TemplateRenderer renderer;
  private final Map<String, MemoCache> memos = new HashMap<>();

  EndpointCalls(ModuleDefinition module, MethodInvoker invoker, SerialExecutor serial, ModuleHandles handles,
      ModuleMetrics metrics, FailureLog failureLog) {
    this.module = module;
    this.invoker = invoker;
    this.serial = serial;
    this.handles = handles;
    this.metrics = metrics;
    this.failureLog = failureLog;
    this.renderer = new TemplateRenderer(module.name(), module.type().getClassLoader());
    for (MethodDefinition m : module.methods()) {
      if (m.memoize() != null) {
        memos.put(m.kind() + "/" + m.name(), new MemoCache(m.memoize().toNanos()));
      }
    }
  }

  void handle(Message<JsonObject> message) {
    JsonObject request = message.body();
    String kind = request.getString("kind", "");
    String name = request.getString("name", "");
    MethodKind methodKind = CallRequest.VIEW.equals(kind) ? MethodKind.VIEW : MethodKind.QUERY;
    Optional<MethodDefinition> method = module.endpoint(methodKind, name);
    if (method.isEmpty()) {
      message.fail(Failures.NOT_FOUND, "Module '" + module.name() + "' has no " + kind + " named '" + name
          + "'. Its " + (methodKind == MethodKind.VIEW ? "views" : "queries") + ": "
          + module.methods(methodKind).stream().map(MethodDefinition::name).toList()
          + ". GET /schema lists everything.");
      return;
    }
    long start = System.nanoTime();
    call(method.get(), withDefaults(method.get(), CallRequest.params(request)))
        .onSuccess(value -> {
          metrics.called(kind, name, "ok", System.nanoTime() - start);
          message.reply(methodKind == MethodKind.VIEW ? new JsonObject().put("html", value)
              : new JsonObject().put("result", value));
        })
        .onFailure(cause -> {
          int status = status(cause);
          metrics.called(kind, name, outcome(status), System.nanoTime() - start);
          if (status == Failures.MODULE_FAILED) {
            failureLog.callFailed(kind, name, cause);
          }
          message.fail(status, status == Failures.MODULE_FAILED ? cause.getMessage()
              : cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
        });
  }

  private Future<Object> call(MethodDefinition method, Map<String, String> params) {
    MemoCache memo = memos.get(method.kind() + "/" + method.name());
    if (memo == null) {
      return serial.submit(() -> run(method, params));
    }
    String key = MemoCache.key(params);
    Optional<Optional<Object>> kept = memo.get(key, System.nanoTime());
    metrics.memoized(method.name(), kept.isPresent());
    if (kept.isPresent()) {
      return Future.succeededFuture(kept.get().orElse(null));
    }
    return serial.submit(() -> {
      // An identical call queued before this one may have filled the cache meanwhile.
      Optional<Optional<Object>> now = memo.get(key, System.nanoTime());
      if (now.isPresent()) {
        return Future.succeededFuture(now.get().orElse(null));
      }
      return run(method, params).onSuccess(value -> memo.put(key, value, System.nanoTime()));
    });
  }

  private Future<Object> run(MethodDefinition method, Map<String, String> params) {
    Future<Object> result = invoker.invoke(method, CallContext.ofRequest(params, handles));
    if (method.kind() == MethodKind.VIEW) {
      return result.map(value -> render(method, value));
    }
    return result.map(EndpointCalls::json);
  }

  private String render(MethodDefinition view, Object value) {
    if (value instanceof Template template) {
      return renderer.render(template, view.name());
    }
    if (value instanceof Html html) {
      return html.markup();
    }
    throw new IllegalStateException("View '" + module.name() + "/" + view.name() + "' (" + view.signature()
        + ") returned " + (value == null ? "null" : value.getClass().getSimpleName()) + ": return a Template or Html.");
  }

  @SuppressWarnings("unchecked")
  private static Object json(Object value) {
    if (value instanceof List<?> list) {
      return new JsonArray((List<Object>) list);
    }
    if (value instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    return value;
  }

  private static Map<String, String> withDefaults(MethodDefinition method, Map<String, String> params) {
    Map<String, String> all = new HashMap<>(params);
    for (ParamSpec spec : method.params()) {
      if (!spec.required()) {
        all.putIfAbsent(spec.name(), spec.defaultValue());
      }
    }
    return all;
  }

  private static int status(Throwable cause) {
    if (cause instanceof BadParameterException) {
      return Failures.BAD_REQUEST;
    }
    if (cause.getCause() instanceof QueryFailure refusal
        && (refusal.status() == Failures.BAD_REQUEST || refusal.status() == Failures.NOT_FOUND)) {
      return refusal.status();
    }
    if (cause instanceof QueueFullException) {
      return Failures.UNAVAILABLE;
    }
    return Failures.MODULE_FAILED;
  }

  private static String outcome(int status) {
    return switch (status) {
      case Failures.BAD_REQUEST -> "bad_request";
      case Failures.UNAVAILABLE -> "refused";
      default -> "failed";
    };
  }
}
