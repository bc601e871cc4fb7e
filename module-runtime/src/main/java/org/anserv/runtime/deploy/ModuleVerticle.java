package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.define.ModuleDefinition;
import org.anserv.runtime.invoke.MethodInvoker;
import org.anserv.runtime.invoke.SerialExecutor;
import org.anserv.runtime.metrics.ModuleMetrics;

/**
 * One deployed module: its event-bus consumers, its serial executor, its crons. Everything a module receives arrives
 * here on its own context and runs in module code one call at a time.
 */
public final class ModuleVerticle extends VerticleBase {

  private final ModuleDefinition module;
  private final ModuleServices services;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private CronRunner crons;

  public ModuleVerticle(ModuleDefinition module, ModuleServices services) {
    this.module = module;
    this.services = services;
  }

  @Override
  public Future<?> start() {
    SerialExecutor serial = new SerialExecutor(context, services.settings().queueCapacity());
    ModuleMetrics metrics = new ModuleMetrics(services.meters(), module.name());
    metrics.queueDepth(serial::waiting);
    FailureLog failureLog = new FailureLog(module.name());
    MethodInvoker invoker = new MethodInvoker(module.name());
    RuntimeHandles handles = new RuntimeHandles(vertx, module.name(), services.databases(), services.sql(),
        services.settings().callTimeoutMillis());
    EventDelivery delivery = new EventDelivery(module, invoker, serial, handles, metrics, failureLog);
    EndpointCalls endpoints = new EndpointCalls(module, invoker, serial, handles, metrics, failureLog);
    crons = new CronRunner(vertx, module, invoker, serial, handles, metrics, failureLog);

    if (delivery.subscribes()) {
      consumers.add(vertx.eventBus().<EventBatch>consumer(Addresses.EVENTS, m -> delivery.deliver(m.body().events())));
    }
    consumers.add(vertx.eventBus().<EventBatch>consumer(Addresses.moduleEvents(module.name()), m ->
        delivery.deliver(m.body().events()).onComplete(report -> {
          if (report.succeeded()) {
            m.reply(new JsonObject().put("module", module.name()).put("handlers", report.result()));
          } else {
            m.fail(Failures.UNAVAILABLE, "Module '" + module.name() + "' refused the events: "
                + report.cause().getMessage());
          }
        })));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.moduleCall(module.name()), endpoints::handle));
    crons.start();
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(v -> vertx.eventBus().request(Addresses.REGISTER, module.schema(),
            new DeliveryOptions().setSendTimeout(5_000)));
  }

  @Override
  public Future<?> stop() {
    crons.stop();
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }
}
