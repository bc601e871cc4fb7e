package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.Failures;

/** Serves the operator's "recompute this module from the log" request on {@link Addresses#REBUILD}. */
public final class RebuildVerticle extends VerticleBase {

  private final ModuleDeployer deployer;

  public RebuildVerticle(ModuleDeployer deployer) {
    this.deployer = deployer;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<String>consumer(Addresses.REBUILD, message -> deployer.rebuild(message.body())
        .onSuccess(v -> message.reply(null))
        .onFailure(cause -> message.fail(cause instanceof IllegalArgumentException ? Failures.NOT_FOUND
            : Failures.MODULE_FAILED, cause.getMessage()))).completion();
  }
}
