package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anserv.api.Delivery;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.LiveBatch;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.define.MethodKind;
import org.anserv.runtime.define.ModuleDefinition;
import org.anserv.runtime.deliver.BatchFeed;
import org.anserv.runtime.deliver.EventDelivery;
import org.anserv.runtime.deliver.FeedCursors;
import org.anserv.runtime.deliver.LogFeed;
import org.anserv.runtime.invoke.FailureBudget;
import org.anserv.runtime.invoke.FailureLog;
import org.anserv.runtime.invoke.MethodInvoker;
import org.anserv.runtime.invoke.ModuleLimits;
import org.anserv.runtime.invoke.ModuleStoppedException;
import org.anserv.runtime.invoke.SerialExecutor;
import org.anserv.runtime.metrics.ModuleMetrics;
import org.anserv.runtime.shard.Shard;
import org.anserv.runtime.store.Databases;

/**
 * One deployed module: its event-bus consumers, its feeds from the event log (realtime, queued, batched), its serial
 * executor and its crons. Everything a module receives arrives here on its own context and runs in module code one
 * call at a time.
 */
public final class ModuleVerticle extends VerticleBase {

  /** Where a module that exceeded its failure budget, or got stuck, is reported; called on the module's context. */
  @FunctionalInterface
  public interface Quarantine {

    /** Puts the module in quarantine for {@code reason}; {@code abandoned} is a thread it could not stop, or null. */
    void quarantine(String reason, Thread abandoned);
  }

  private static final long STOP_DRAIN_SECONDS = 10;

  private final ModuleDefinition module;
  private final Shard shard;
  // the name this instance runs under: the module's own, or the shard's (database, addresses, metrics, logs)
  private final String instance;
  private final ModuleServices services;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private LogFeed realtime;
  private LogFeed queued;
  private final List<BatchFeed> batched = new ArrayList<>();
  private CronRunner crons;
  private ModuleFiles files;
  private ModuleMetrics metrics;
  private Databases databases;
  private SerialExecutor serial;
  private MethodInvoker invoker;
  private final Quarantine quarantine;
  private boolean quarantined;

  /** The verticle of {@code shard} of {@code module}, reporting misbehaviour to {@code quarantine}. */
  public ModuleVerticle(ModuleDefinition module, Shard shard, ModuleServices services, Quarantine quarantine) {
    this.module = module;
    this.shard = shard;
    this.instance = shard.instance(module.name());
    this.services = services;
    this.quarantine = quarantine;
  }

  @Override
  public Future<?> start() {
    serial = new SerialExecutor(context, services.settings().queueCapacity());
    metrics = new ModuleMetrics(services.meters(), instance);
    metrics.queueDepth(serial::waiting);
    declareSeries();
    FailureLog failureLog = new FailureLog(instance);
    ModuleLimits limits = services.settings().limits(module.name());
    invoker = new MethodInvoker(instance, vertx, limits.timeoutMillis(), supervision(limits));
    databases = services.databases().sameDeployment();
    RuntimeHandles handles = new RuntimeHandles(vertx, module.name(), instance, databases, services.sql(),
        services.calls(), services.settings().callTimeoutMillis(), limits.emitsPerSecond(), metrics::emitRefused);
    EventDelivery delivery = new EventDelivery(invoker, serial, handles, metrics, failureLog,
        services.actors(), event -> shard.owns(module.scope(), event));
    EndpointCalls endpoints = new EndpointCalls(vertx, module, invoker, serial, handles, metrics, failureLog);
    crons = new CronRunner(vertx, module, invoker, serial, handles, metrics, failureLog);
    createFeeds(delivery, new FeedCursors(handles.db()));
    files = new ModuleFiles(vertx, instance, handles.files());

    consumers.add(vertx.eventBus().<LiveBatch>consumer(Addresses.moduleEvents(instance), this::pushNow));
    if (realtime != null) {
      consumers.add(vertx.eventBus().<LiveBatch>consumer(Addresses.EVENTS, m -> realtime.push(m.body(), null)));
    }
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.moduleCall(instance), endpoints::handle));
    List<Future<Void>> registered = new ArrayList<>(consumers.stream().map(MessageConsumer::completion).toList());
    registered.add(files.start());
    return Future.all(registered)
        .compose(v -> startFeeds())
        .onSuccess(v -> crons.start())
        .compose(v -> vertx.eventBus().request(Addresses.REGISTER, endpoints.schema()
                .put("instance", instance).put("shard", shard.index()).put("shards", shard.count()),
            new DeliveryOptions().setSendTimeout(5_000)));
  }

  private MethodInvoker.Supervision supervision(ModuleLimits limits) {
    FailureBudget budget = new FailureBudget(limits.failureBudget(), limits.failureWindowMillis());
    return new MethodInvoker.Supervision() {
      @Override
      public void failed(MethodDefinition method, boolean timedOut) {
        if (timedOut) {
          metrics.timedOut(method.name());
        }
        if (budget.failed(System.nanoTime())) {
          quarantine(budget.recent() + " failures or timeouts within " + limits.failureWindowMillis() + " ms (budget "
              + limits.failureBudget() + ", setting modules." + module.name() + ".failures.max), the last in "
              + method.signature());
        }
      }

      @Override
      public void stuck(MethodDefinition method) {
        quarantine(method.signature() + " is still running at twice its timeout of " + limits.timeoutMillis()
            + " ms: its thread is stuck");
      }
    };
  }

  private void quarantine(String reason) {
    if (!quarantined) {
      quarantined = true;
      quarantine.quarantine(reason, invoker.runningThread());
    }
  }

  // Stop taking work, let the running call finish, then save exact cursors, then close the databases: a chunk
  // half applied when the databases closed would be applied again after the restart. A module in quarantine does not
  // wait for a call it could not finish: calls not started are refused, and their events stay in the log.
  @Override
  public Future<?> stop() {
    if (quarantined) {
      invoker.stop();
      serial.abandon(new ModuleStoppedException(module.name()));
    }
    crons.stop();
    List<Future<?>> unregistering = new ArrayList<>();
    consumers.forEach(c -> unregistering.add(c.unregister()));
    if (realtime != null) {
      realtime.halt();
    }
    if (queued != null) {
      queued.halt();
    }
    batched.forEach(BatchFeed::halt);
    return Future.join(unregistering)
        .compose(v -> serial.drained().timeout(STOP_DRAIN_SECONDS, TimeUnit.SECONDS).otherwiseEmpty())
        .compose(v -> Future.join(saves()))
        .onComplete(v -> metrics.close())
        .eventually(databases::close);
  }

  private void declareSeries() {
    metrics.declare(module.methods(MethodKind.HANDLER).stream().map(MethodDefinition::name).toList(),
        module.methods().stream().filter(m -> m.kind() == MethodKind.VIEW || m.kind() == MethodKind.QUERY)
            .map(m -> new ModuleMetrics.Endpoint(m.kind() == MethodKind.VIEW ? CallRequest.VIEW : CallRequest.QUERY,
                m.name(), m.memoize() != null)).toList(),
        module.methods(MethodKind.CRON).stream().map(MethodDefinition::name).toList());
    metrics.isolation(module.methods().stream().map(MethodDefinition::name).distinct().toList());
  }

  private List<Future<Void>> saves() {
    List<Future<Void>> saves = new ArrayList<>();
    if (realtime != null) {
      saves.add(realtime.saveCursor());
    }
    if (queued != null) {
      saves.add(queued.saveCursor());
    }
    batched.forEach(feed -> saves.add(feed.saveCursor()));
    return saves;
  }

  private void createFeeds(EventDelivery delivery, FeedCursors cursors) {
    List<MethodDefinition> handlers = module.methods(MethodKind.HANDLER);
    List<MethodDefinition> realtimeHandlers = byDelivery(handlers, Delivery.REALTIME);
    List<MethodDefinition> queuedHandlers = byDelivery(handlers, Delivery.QUEUED);
    if (!realtimeHandlers.isEmpty()) {
      realtime = new LogFeed(vertx, instance, "realtime", realtimeHandlers, true, services.log(), delivery,
          cursors, shard.count());
      metrics.lag("realtime", realtime::lagEvents, realtime::lagSeconds);
    }
    if (!queuedHandlers.isEmpty()) {
      queued = new LogFeed(vertx, instance, "queued", queuedHandlers, false, services.log(), delivery, cursors,
          shard.count());
      metrics.lag("queued", queued::lagEvents, queued::lagSeconds);
    }
    for (MethodDefinition handler : byDelivery(handlers, Delivery.BATCHED)) {
      BatchFeed feed = new BatchFeed(vertx, handler, services.log(), delivery, cursors);
      metrics.lag(feed.name(), feed::lagEvents, feed::lagSeconds);
      batched.add(feed);
    }
  }

  private Future<Void> startFeeds() {
    List<Future<Void>> starting = new ArrayList<>();
    if (realtime != null) {
      starting.add(realtime.start());
    }
    if (queued != null) {
      starting.add(queued.start());
    }
    batched.forEach(feed -> starting.add(feed.start()));
    return Future.all(starting).mapEmpty();
  }

  // Hard realtime: the router waits for this module's report on the pushed events.
  private void pushNow(Message<LiveBatch> message) {
    if (realtime == null) {
      message.reply(report(new JsonArray()));
      return;
    }
    Promise<JsonArray> report = Promise.promise();
    realtime.push(message.body(), report);
    report.future().onSuccess(handlers -> message.reply(report(handlers)));
  }

  private JsonObject report(JsonArray handlers) {
    return new JsonObject().put("module", instance).put("handlers", handlers);
  }

  private static List<MethodDefinition> byDelivery(List<MethodDefinition> handlers, Delivery delivery) {
    return handlers.stream().filter(h -> h.mode().delivery() == delivery).toList();
  }
}
