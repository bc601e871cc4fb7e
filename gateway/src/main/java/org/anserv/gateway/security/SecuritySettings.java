package org.anserv.gateway.security;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Security settings, read from flat configuration keys.
 *
 * @param enabled whether credentials are required ({@code security.enabled}, default {@code true}); {@code false}
 *     is for development only: every caller is staff and every post is accepted
 * @param credentialsFile the credentials file ({@code security.credentials.file}, default
 *     {@code conf/credentials.json}), read again when it changes
 * @param signatureToleranceSeconds how old a signed request's timestamp may be, either way
 *     ({@code security.signature.tolerance.seconds}, default 300)
 * @param producerRate requests per second per producer ({@code security.rate.producer}, default 2000)
 * @param userRate requests per second per user, or per address for anonymous callers
 *     ({@code security.rate.user}, default 50)
 * @param queryTokens whether producers may send their secret as {@code ?token=} ({@code security.query.tokens},
 *     default {@code true}: weaker, since addresses end up in logs)
 * @param management who may read {@code /metrics} and {@code /health}: {@code open} (default) or {@code staff}
 *     (a staff user's bearer token, as Prometheus's {@code authorization} setting sends)
 * @param secureCookies whether the session cookie is marked {@code Secure} ({@code security.cookie.secure}; set it
 *     when anserv is reached over HTTPS)
 * @param developmentErrors whether internal errors show their exception to clients ({@code security.dev.errors},
 *     default {@code false})
 */
public record SecuritySettings(boolean enabled, Path credentialsFile, long signatureToleranceSeconds,
    int producerRate, int userRate, boolean queryTokens, String management, boolean secureCookies,
    boolean developmentErrors) {

  /** Settings from configuration, with defaults for missing keys. */
  public static SecuritySettings fromConfig(JsonObject config) {
    String management = config.getString("security.management", "open");
    if (!management.equals("open") && !management.equals("staff")) {
      throw new IllegalArgumentException("security.management must be open or staff, not \"" + management + "\".");
    }
    return new SecuritySettings(flag(config, "security.enabled", true),
        Path.of(config.getString("security.credentials.file", "conf/credentials.json")),
        number(config, "security.signature.tolerance.seconds", 300), (int) number(config, "security.rate.producer",
        2_000), (int) number(config, "security.rate.user", 50), flag(config, "security.query.tokens", true),
        management, flag(config, "security.cookie.secure", false), flag(config, "security.dev.errors", false));
  }

  private static boolean flag(JsonObject config, String key, boolean fallback) {
    Object value = config.getValue(key);
    return value == null ? fallback : Boolean.parseBoolean(String.valueOf(value).strip());
  }

  private static long number(JsonObject config, String key, long fallback) {
    Object value = config.getValue(key);
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? fallback : Long.parseLong(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Setting '" + key + "' must be a whole number, not \"" + value + "\".");
    }
  }
}
