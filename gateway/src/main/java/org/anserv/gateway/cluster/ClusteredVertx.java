package org.anserv.gateway.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.VertxBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Starts Vert.x as a member of a Hazelcast cluster: TCP/IP join to the configured members (no multicast), and
 * heartbeats tuned so that a dead or frozen member leaves within seconds instead of a minute.
 */
public final class ClusteredVertx {

  /**
   * The Hazelcast member attribute of a node limited to some modules ({@link NodeScope#limited()}): set before it
   * joins, so every member sees it with the membership itself.
   */
  public static final String LIMITED_ATTRIBUTE = "anserv.limited";

  private ClusteredVertx() {
  }

  /**
   * Joins the cluster.
   *
   * @param settings how
   * @param builder a builder already holding the node's other options (metrics)
   * @param options the options given to {@code builder}, completed here with the event bus address
   * @param limited whether this node runs some modules only (see {@link NodeScope#limited()})
   * @return the clustered Vert.x, once it has joined
   */
  public static Future<Vertx> join(ClusterSettings settings, VertxBuilder builder, VertxOptions options,
      boolean limited) {
    // Vert.x's own default configuration declares the maps and multimaps its cluster manager needs.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.name());
    config.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(settings.heartbeatSeconds()));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(settings.maxNoHeartbeatSeconds()));
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    if (limited) {
      config.getMemberAttributeConfig().setAttribute(LIMITED_ATTRIBUTE, "true");
      // it joins a cluster already formed (the node that started it), so it need not wait Hazelcast's default 5 s
      config.setProperty("hazelcast.wait.seconds.before.join", "1");
    }
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

  /** The {@code host:port} other members join {@code vertx}'s cluster through (its Hazelcast address). */
  public static String memberAddress(Vertx vertx) {
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    var address = ((HazelcastClusterManager) cluster).getHazelcastInstance().getCluster().getLocalMember()
        .getAddress();
    return address.getHost() + ":" + address.getPort();
  }
}
