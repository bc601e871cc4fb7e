package org.anserv.gateway;

import io.vertx.core.json.JsonObject;

/**
 * Settings of the HTTP gateway, read from flat configuration keys.
 *
 * @param host the interface to listen on ({@code http.host})
 * @param port the port; 0 picks a free one ({@code http.port})
 * @param maxBodyBytes the largest request body accepted ({@code intake.max.body.bytes})
 * @param maxEventBytes the largest single event accepted ({@code intake.max.event.bytes})
 * @param maxEventsPerRequest the most events in one request ({@code intake.max.events})
 * @param callTimeoutMillis how long the gateway waits for modules ({@code modules.timeout.ms})
 * @param asyncViewMillis how long a browser waits for a view before it gets a progress page that fills in when the
 *     view is ready ({@code views.async.threshold.ms}; 0 always waits)
 * @param managementOnly whether this node serves only {@code /health}, {@code /ready} and {@code /metrics}
 *     ({@code node.role=modules}: a node that runs modules and takes no traffic)
 */
public record GatewaySettings(String host, int port, long maxBodyBytes, int maxEventBytes, int maxEventsPerRequest,
    long callTimeoutMillis, long asyncViewMillis, boolean managementOnly) {

  /** Settings from configuration, with defaults for missing keys. */
  public static GatewaySettings fromConfig(JsonObject config) {
    return new GatewaySettings(
        config.getString("http.host", "127.0.0.1"),
        number(config, "http.port", 8080).intValue(),
        number(config, "intake.max.body.bytes", 16L * 1024 * 1024).longValue(),
        number(config, "intake.max.event.bytes", 256 * 1024).intValue(),
        number(config, "intake.max.events", 10_000).intValue(),
        number(config, "modules.timeout.ms", 30_000).longValue(),
        number(config, "views.async.threshold.ms", 1_000).longValue(),
        "modules".equals(config.getString("node.role", "all")));
  }

  /** A copy listening on {@code newPort}. */
  public GatewaySettings withPort(int newPort) {
    return new GatewaySettings(host, newPort, maxBodyBytes, maxEventBytes, maxEventsPerRequest, callTimeoutMillis,
        asyncViewMillis, managementOnly);
  }

  /**
   * A numeric setting that may arrive as a number (file) or as text (environment, system property).
   *
   * @param config the configuration
   * @param key the setting
   * @param fallback the value when it is absent
   * @return the value
   * @throws IllegalArgumentException when it is not a number
   */
  public static Number number(JsonObject config, String key, long fallback) {
    Object value = config.getValue(key);
    if (value instanceof Number n) {
      return n;
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Setting '" + key + "' must be a whole number, not \"" + s + "\".");
      }
    }
    return fallback;
  }
}
