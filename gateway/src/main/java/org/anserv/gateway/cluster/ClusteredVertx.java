package org.anserv.gateway.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.VertxBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Starts Vert.x as a member of a Hazelcast cluster: TCP/IP join to the configured members (no multicast), and
 * heartbeats tuned so that a dead or frozen member leaves within seconds instead of a minute.
 */
public final class ClusteredVertx {

  private ClusteredVertx() {
  }

  /**
   * Joins the cluster.
   *
   * @param settings how
   * @param builder a builder already holding the node's other options (metrics)
   * @param options the options given to {@code builder}, completed here with the event bus address
   * @return the clustered Vert.x, once it has joined
   */
  public static Future<Vertx> join(ClusterSettings settings, VertxBuilder builder, VertxOptions options) {
    // Vert.x's own default configuration declares the maps and multimaps its cluster manager needs.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.name());
    config.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(settings.heartbeatSeconds()));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(settings.maxNoHeartbeatSeconds()));
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(true).setPublicAddress(null);
    network.getInterfaces().setEnabled(true).addInterface(settings.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members().isEmpty()
        ? java.util.List.of(settings.host()) : settings.members());
    options.getEventBusOptions().setHost(settings.host()).setClusterPublicHost(settings.host()).setPort(0);
    return builder.with(options).withClusterManager(new HazelcastClusterManager(config)).buildClustered();
  }
}
