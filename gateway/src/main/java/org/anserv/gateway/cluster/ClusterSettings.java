package org.anserv.gateway.cluster;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.anserv.gateway.GatewaySettings;

/**
 * How a node joins a cluster ({@code cluster.*} keys). Only three differ between machines: {@code cluster.host}
 * (this machine's address the others reach), {@code cluster.members} (the addresses of some other members) and, when
 * several nodes share a machine, {@code cluster.port}.
 *
 * @param enabled whether the node runs clustered at all ({@code cluster.enabled}, default false)
 * @param name the cluster's name: nodes with another name never join it ({@code cluster.name})
 * @param host the address Hazelcast and the event bus bind to and announce ({@code cluster.host})
 * @param port Hazelcast's first port; the next free one is taken if it is in use ({@code cluster.port})
 * @param members {@code host[:port]} of members to join, comma-separated ({@code cluster.members})
 * @param heartbeatSeconds how often members ping each other ({@code cluster.heartbeat.seconds}, default 1)
 * @param maxNoHeartbeatSeconds how long a silent member stays in the cluster
 *     ({@code cluster.max.no.heartbeat.seconds}, default 5; Hazelcast's own default keeps a frozen node ~60 s)
 */
public record ClusterSettings(
    boolean enabled,
    String name,
    String host,
    int port,
    List<String> members,
    int heartbeatSeconds,
    int maxNoHeartbeatSeconds) {

  /**
   * Reads the settings.
   *
   * @param config the node's configuration
   * @return the settings
   * @throws IllegalArgumentException when a value is out of range
   */
  public static ClusterSettings fromConfig(JsonObject config) {
    boolean enabled = Boolean.parseBoolean(String.valueOf(config.getValue("cluster.enabled", false)));
    List<String> members = Arrays.stream(config.getString("cluster.members", "").split(","))
        .map(String::trim).filter(member -> !member.isEmpty()).toList();
    ClusterSettings settings = new ClusterSettings(enabled, config.getString("cluster.name", "anserv"),
        config.getString("cluster.host", "127.0.0.1"),
        GatewaySettings.number(config, "cluster.port", 5701).intValue(), members,
        GatewaySettings.number(config, "cluster.heartbeat.seconds", 1).intValue(),
        GatewaySettings.number(config, "cluster.max.no.heartbeat.seconds", 5).intValue());
    if (settings.heartbeatSeconds() < 1 || settings.maxNoHeartbeatSeconds() <= settings.heartbeatSeconds()) {
      throw new IllegalArgumentException("cluster.max.no.heartbeat.seconds (" + settings.maxNoHeartbeatSeconds()
          + ") must exceed cluster.heartbeat.seconds (" + settings.heartbeatSeconds() + "), which must be >= 1");
    }
    return settings;
  }

  /**
   * How long a node's confirmed ownership of its modules lets it write their state: shorter than the time the others
   * need to drop it when it falls silent ({@code max.no.heartbeat}) and give its modules away.
   */
  public long leaseMillis() {
    return (maxNoHeartbeatSeconds - heartbeatSeconds) * 1_000L;
  }
}
