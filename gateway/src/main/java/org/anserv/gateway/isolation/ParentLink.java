package org.anserv.gateway.isolation;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;
import org.anserv.runtime.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of an isolated module's process that faces the node which started it: it answers that node's pings
 * ({@code node.process.token}) with the modules it runs, and ends the process as soon as that node's process ends
 * (its standard input, a pipe from that node, reaches its end), so no module process outlives its supervisor.
 */
public final class ParentLink {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.isolation");

  private ParentLink() {
  }

  /** Whether {@code config} is that of an isolated module's process. */
  public static boolean isProcess(JsonObject config) {
    return !config.getString("node.process.token", "").isEmpty();
  }

  /**
   * Links this process to the node that started it; does nothing in a node that was not started as a module's
   * process.
   *
   * @param vertx this process's clustered Vert.x
   * @param config its configuration
   * @param running the modules this process runs now
   */
  public static void connect(Vertx vertx, JsonObject config, Supplier<List<String>> running) {
    if (!isProcess(config)) {
      return;
    }
    // answered on an event loop: it shows the process alive and not starved, whatever its module is doing
    vertx.eventBus().consumer(Addresses.processPing(config.getString("node.process.token")),
        message -> message.reply(new JsonObject().put("running", new JsonArray(running.get()))));
    Thread.ofPlatform().daemon().name("anserv-parent-link").start(() -> {
      try (InputStream parent = System.in) {
        while (parent.read() >= 0) {
          // nothing is sent: the pipe only tells when the other end is gone
        }
      } catch (IOException ended) {
        // the same as the end of the stream
      }
      LOG.warn("The node that started this process has ended: stopping");
      System.exit(0);
    });
  }
}
