package org.anserv.runtime.registry;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.anserv.runtime.bus.Addresses;

/** Keeps the {@link ModuleRegistry} current from what modules announce on the event bus, and serves it there. */
public final class RegistryVerticle extends VerticleBase {

  private final ModuleRegistry registry;

  public RegistryVerticle(ModuleRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    return Future.all(
        bus.<JsonObject>consumer(Addresses.REGISTER, m -> {
          registry.register(m.body());
          m.reply(null);
        }).completion(),
        bus.<Object>consumer(Addresses.SCHEMA, m -> m.reply(registry.schema())).completion());
  }
}
