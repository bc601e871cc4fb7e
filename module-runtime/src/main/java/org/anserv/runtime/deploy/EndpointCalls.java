package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anserv.api.Html;
import org.anserv.api.QueryFailure;
import org.anserv.api.Template;
import org.anserv.runtime.access.AccessPolicy;
import org.anserv.runtime.access.Caller;
import org.anserv.runtime.access.Role;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.define.MethodKind;
import org.anserv.runtime.define.ModuleDefinition;
import org.anserv.runtime.define.ParamSpec;
import org.anserv.runtime.inject.BadParameterException;
import org.anserv.runtime.inject.CallContext;
import org.anserv.runtime.inject.ModuleHandles;
import org.anserv.runtime.invoke.CallTimeoutException;
import org.anserv.runtime.invoke.FailureLog;
import org.anserv.runtime.invoke.MemoCache;
import org.anserv.runtime.invoke.MethodInvoker;
import org.anserv.runtime.invoke.ModuleStoppedException;
import org.anserv.runtime.invoke.QueueFullException;
import org.anserv.runtime.invoke.SerialExecutor;
import org.anserv.runtime.metrics.ModuleMetrics;
import org.anserv.runtime.render.TemplateRenderer;

/**
 * Answers view and query calls addressed to one module: finds the method, applies parameter defaults and
 * memoization, runs it in the module's serial executor, renders views, and replies or fails with a status code. Answers
 * of views a browser stopped waiting for are kept for it ({@link AsyncViews}); sample renderings call no module
 * code ({@link ViewSamples}).
 */
final class EndpointCalls {

  private final ModuleDefinition module;
  private final MethodInvoker invoker;
  private final SerialExecutor serial;
  private final ModuleHandles handles;
  private final ModuleMetrics metrics;
  private final FailureLog failureLog;
  private final TemplateRenderer renderer;
  private final ViewSamples samples;
  private final AsyncViews asyncViews;
  private final Map<String, MemoCache> memos = new HashMap<>();

  EndpointCalls(Vertx vertx, ModuleDefinition module, MethodInvoker invoker, SerialExecutor serial,
      ModuleHandles handles, ModuleMetrics metrics, FailureLog failureLog) {
    this.module = module;
    this.invoker = invoker;
    this.serial = serial;
    this.handles = handles;
    this.metrics = metrics;
    this.failureLog = failureLog;
    this.renderer = new TemplateRenderer(module.name(), module.type().getClassLoader());
    this.samples = new ViewSamples(module, renderer);
    this.asyncViews = new AsyncViews(vertx, module.name());
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
    switch (kind) {
      case CallRequest.RESULT -> asyncViews.result(message, name, request.getString("token", ""));
      case CallRequest.SAMPLE -> reply(message, method(MethodKind.VIEW, name).compose(view -> mayOpen(view, request))
          .compose(samples::render).map(html -> new JsonObject().put("html", html)));
      case CallRequest.VIEW -> {
        Future<JsonObject> answer = method(MethodKind.VIEW, name).compose(view -> answer(view, request));
        String token = request.getString("token");
        if (token != null) {
          asyncViews.keep(token, name, answer);
        }
        reply(message, answer);
      }
      default -> reply(message, method(MethodKind.QUERY, name).compose(query -> answer(query, request)));
    }
  }

  /** The module's schema, each view saying whether it has sample data ({@code "sample": true}). */
  JsonObject schema() {
    JsonObject schema = module.schema();
    schema.getJsonArray("views", new JsonArray()).forEach(view -> {
      JsonObject json = (JsonObject) view;
      json.put("sample", samples.has(json.getString("name")));
    });
    return schema;
  }

  /** Replies {@code answer} to {@code message} once complete, or fails it with the failure's status code. */
  static void reply(Message<?> message, Future<JsonObject> answer) {
    answer.onSuccess(message::reply).onFailure(cause -> {
      if (cause instanceof ReplyException failure) {
        message.fail(failure.failureCode(), failure.getMessage());
      } else {
        message.fail(Failures.MODULE_FAILED, String.valueOf(cause.getMessage()));
      }
    });
  }

  private Future<MethodDefinition> method(MethodKind kind, String name) {
    Optional<MethodDefinition> method = module.endpoint(kind, name);
    if (method.isPresent()) {
      return Future.succeededFuture(method.get());
    }
    boolean view = kind == MethodKind.VIEW;
    return failure(Failures.NOT_FOUND, "Module '" + module.name() + "' has no " + (view ? "view" : "query")
        + " named '" + name + "'. Its " + (view ? "views" : "queries") + ": "
        + module.methods(kind).stream().map(MethodDefinition::name).toList() + ". GET /schema lists everything.");
  }

  // Sample data is made up, but the view's existence and layout are still the module's to disclose.
  private Future<MethodDefinition> mayOpen(MethodDefinition view, JsonObject request) {
    Caller caller = CallRequest.caller(request);
    if (caller == null || AccessPolicy.mayOpen(caller, view.access())) {
      return Future.succeededFuture(view);
    }
    return failure(caller.role() == Role.ANONYMOUS ? Failures.UNAUTHENTICATED : Failures.FORBIDDEN,
        target(view) + " is not open to you: log in as someone who may see it.");
  }

  private String target(MethodDefinition method) {
    return (method.kind() == MethodKind.VIEW ? "View '" : "Query '") + module.name() + "/" + method.name() + "'";
  }

  // The answer's body; a failure is a ReplyException whose code the gateway reads as the HTTP status.
  private Future<JsonObject> answer(MethodDefinition method, JsonObject request) {
    String kind = method.kind() == MethodKind.VIEW ? CallRequest.VIEW : CallRequest.QUERY;
    Map<String, String> params = CallRequest.params(request);
    Caller caller = CallRequest.caller(request);
    if (caller != null) {
      AccessPolicy.Decision decision = AccessPolicy.decide(caller, method.access(), params, target(method));
      if (!decision.allowed()) {
        return failure(decision.status(), decision.message());
      }
      params = decision.params();
    }
    long start = System.nanoTime();
    return call(method, withDefaults(method, params)).transform(outcome -> {
      if (outcome.succeeded()) {
        metrics.called(kind, method.name(), "ok", System.nanoTime() - start);
        return Future.succeededFuture(new JsonObject()
            .put(method.kind() == MethodKind.VIEW ? "html" : "result", outcome.result()));
      }
      int status = status(outcome.cause());
      metrics.called(kind, method.name(), outcome(status), System.nanoTime() - start);
      if (status == Failures.MODULE_FAILED || status == Failures.TIMED_OUT) {
        failureLog.callFailed(kind, method.name(), outcome.cause());
      }
      // A module's refusal (QueryFailure) is wrapped once with context; its own message is the answer.
      Throwable cause = outcome.cause();
      return failure(status, status == Failures.MODULE_FAILED || cause.getCause() == null ? cause.getMessage()
          : cause.getCause().getMessage());
    });
  }

  static <T> Future<T> failure(int status, String message) {
    return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, status, message));
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
    if (cause.getCause() instanceof QueryFailure refusal && (refusal.status() == Failures.BAD_REQUEST
        || refusal.status() == Failures.NOT_FOUND || refusal.status() == Failures.UNAVAILABLE)) {
      return refusal.status();
    }
    if (cause instanceof QueueFullException || cause instanceof ModuleStoppedException) {
      return Failures.UNAVAILABLE;
    }
    if (cause instanceof CallTimeoutException) {
      return Failures.TIMED_OUT;
    }
    return Failures.MODULE_FAILED;
  }

  private static String outcome(int status) {
    return switch (status) {
      case Failures.BAD_REQUEST -> "bad_request";
      case Failures.UNAVAILABLE -> "refused";
      case Failures.TIMED_OUT -> "timed_out";
      default -> "failed";
    };
  }
}
