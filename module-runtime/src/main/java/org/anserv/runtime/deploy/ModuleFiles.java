package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.store.GridFsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's side of one module's file store: answers the gateway's reads on {@link Addresses#moduleFiles} and
 * deletes expired files every minute. No module code runs here, so a module busy with a long call still serves its
 * files.
 */
final class ModuleFiles {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.files");
  private static final long SWEEP_MILLIS = 60_000;

  private final Vertx vertx;
  private final String module;
  private final GridFsFiles files;
  private MessageConsumer<String> consumer;
  private long sweepTimer = -1;

  ModuleFiles(Vertx vertx, String module, GridFsFiles files) {
    this.vertx = vertx;
    this.module = module;
    this.files = files;
  }

  /** Starts answering reads and sweeping; completes once the address is registered. */
  Future<Void> start() {
    consumer = vertx.eventBus().consumer(Addresses.moduleFiles(module), this::read);
    sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
    return consumer.completion();
  }

  Future<Void> stop() {
    vertx.cancelTimer(sweepTimer);
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void read(Message<String> message) {
    String name = message.body();
    if (!GridFsFiles.validName(name)) {
      message.fail(Failures.BAD_REQUEST, "'" + name + "' is not a file name: names are letters, digits, '.', '_'"
          + " and '-', starting with a letter or digit.");
      return;
    }
    files.stored(name, System.currentTimeMillis())
        .onSuccess(file -> {
          if (file == null) {
            message.fail(Failures.NOT_FOUND, "Module '" + module + "' has no file '" + name + "': it was never"
                + " saved, was deleted, or has expired.");
          } else {
            message.reply(file.content(), new DeliveryOptions().addHeader(Addresses.CONTENT_TYPE_HEADER,
                file.contentType()));
          }
        })
        .onFailure(cause -> message.fail(Failures.MODULE_FAILED, "File '" + name + "' of module '" + module
            + "' cannot be read: " + cause.getMessage()));
  }

  private void sweep() {
    files.sweep(System.currentTimeMillis())
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LOG.atDebug().addKeyValue("module", module).log("Deleted {} expired files of module '{}'", deleted,
                module);
          }
        })
        .onFailure(cause -> LOG.atWarn().addKeyValue("module", module).setCause(cause)
            .log("Expired files of module '{}' could not be deleted; retrying in a minute", module));
  }
}
