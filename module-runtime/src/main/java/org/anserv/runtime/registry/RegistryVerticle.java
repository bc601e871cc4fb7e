package org.anserv.runtime.registry;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.anserv.runtime.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ModuleRegistry} current from what modules announce on the event bus, and serves it there.
 *
 * <p>Both addresses are local: each node answers from its own registry. In a cluster, each node also publishes the
 * schemas of its own modules every {@link #ANNOUNCE_MILLIS} ms and records what the others publish, forgetting a
 * remote module after three silent periods; so every node lists every module, and hard-realtime delivery reaches
 * modules on any node.
 */
public final class RegistryVerticle extends VerticleBase {

  /** How often a clustered node announces its modules. */
  public static final long ANNOUNCE_MILLIS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger("anserv.runtime");
  private static final String NODE_HEADER = "node";

  private final ModuleRegistry registry;

  public RegistryVerticle(ModuleRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    Future<Void> local = Future.all(
        bus.<JsonObject>localConsumer(Addresses.REGISTER, m -> {
          registry.register(m.body());
          m.reply(null);
        }).completion(),
        bus.<Object>localConsumer(Addresses.SCHEMA, m -> m.reply(registry.schema())).completion()).mapEmpty();
    if (!vertx.isClustered()) {
      return local;
    }
    // any id unique to this node will do: it only tells this node's own announcements apart
    String node = UUID.randomUUID().toString();
    vertx.setPeriodic(ANNOUNCE_MILLIS, ignored -> announce(node));
    return local.compose(v -> bus.<JsonObject>consumer(Addresses.ANNOUNCE, m -> {
      String from = m.headers().get(NODE_HEADER);
      if (!node.equals(from)) {
        registry.registerRemote(from, m.body(), System.currentTimeMillis());
      }
    }).completion());
  }

  private void announce(String node) {
    DeliveryOptions options = new DeliveryOptions().addHeader(NODE_HEADER, node);
    registry.localSchemas().forEach(schema -> vertx.eventBus().publish(Addresses.ANNOUNCE, schema, options));
    registry.expireRemote(System.currentTimeMillis() - 3 * ANNOUNCE_MILLIS)
        .forEach(name -> LOG.atInfo().addKeyValue("module", name)
            .log("Module {} is no longer announced by its node: removed from the listing", name));
  }
}
