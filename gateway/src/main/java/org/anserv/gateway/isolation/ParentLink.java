package org.anserv.gateway.isolation;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.anserv.gateway.GatewaySettings;
import org.anserv.runtime.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of an isolated module's process that faces the node which started it: it answers that node's pings
 * ({@code node.process.token}) and ends the process when that node's process ends ({@code node.process.parent.pid}),
 * so no module process outlives its supervisor.
 */
public final class ParentLink {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.isolation");

  private ParentLink() {
  }

  /**
   * Links this process to the node that started it; does nothing in a node that was not started as a module's
   * process.
   *
   * @param vertx this process's clustered Vert.x
   * @param config its configuration
   */
  public static void connect(Vertx vertx, JsonObject config) {
    String token = config.getString("node.process.token", "");
    if (token.isEmpty()) {
      return;
    }
    // answered on an event loop: it shows the process alive and not starved, whatever its module is doing
    vertx.eventBus().consumer(Addresses.processPing(token), message -> message.reply("pong"));
    long parent = GatewaySettings.number(config, "node.process.parent.pid", 0).longValue();
    ProcessHandle.of(parent).ifPresent(handle -> handle.onExit().thenRun(() -> {
      LOG.warn("The node that started this process (pid {}) has ended: stopping", parent);
      System.exit(0);
    }));
  }
}
