package org.anserv.runtime.sql;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the SQL read-replica is and how to use it: the server, the account, the pool size and the per-query timeout,
 * or that the runtime should start an embedded MariaDB ({@link EmbeddedMariaDb}) instead.
 *
 * <p>{@link #fromConfig(JsonObject)} reads flat dotted keys from the Vert.x configuration:
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code sql.host}</td><td>{@code 127.0.0.1}</td></tr>
 *   <tr><td>{@code sql.port}</td><td>{@code 3306}</td></tr>
 *   <tr><td>{@code sql.database}</td><td>{@code edxapp} (edx-platform's database name)</td></tr>
 *   <tr><td>{@code sql.user}</td><td>{@code root}</td></tr>
 *   <tr><td>{@code sql.password}</td><td>empty</td></tr>
 *   <tr><td>{@code sql.pool.size}</td><td>{@code 4}</td></tr>
 *   <tr><td>{@code sql.timeout.ms}</td><td>{@code 30000}</td></tr>
 *   <tr><td>{@code sql.embedded}</td><td>{@code true} unless {@code sql.host} is set</td></tr>
 * </table>
 * Numbers and booleans may also be given as strings, as environment overrides deliver them.
 *
 * @param host the server's host name or address
 * @param port the server's TCP port
 * @param database the database (schema) holding the edx-platform tables
 * @param user the account to log in with; ideally one that may only {@code SELECT}
 * @param password the account's password, empty for none; never printed by {@link #toString()}
 * @param poolSize the most connections open at once, at least 1
 * @param timeout how long one query may run before its future fails (also set as the server's statement limit)
 * @param embedded whether the runtime starts an embedded MariaDB and connects to it instead of {@code host}
 */
public record SqlSettings(
    String host, int port, String database, String user, String password, int poolSize, Duration timeout,
    boolean embedded) {

  /** The configuration key prefix shared by all settings. */
  public static final String PREFIX = "sql.";

  /** Checks the values. */
  public SqlSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(timeout, "timeout");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("sql.port must be between 1 and 65535, got " + port);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("sql.pool.size must be at least 1, got " + poolSize);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("sql.timeout.ms must be positive, got " + timeout.toMillis());
    }
  }

  /** The settings with every key at its default: an embedded MariaDB with database {@code edxapp}. */
  public static SqlSettings defaults() {
    return fromConfig(new JsonObject());
  }

  /**
   * Reads the settings from flat dotted {@code sql.*} keys of a configuration; absent keys take their defaults.
   *
   * @throws IllegalArgumentException naming the key, when a value has the wrong type or is out of range
   */
  public static SqlSettings fromConfig(JsonObject config) {
    ConfigValues values = new ConfigValues(config);
    return new SqlSettings(
        values.string("host", "127.0.0.1"),
        values.integer("port", 3306),
        values.string("database", "edxapp"),
        values.string("user", "root"),
        values.string("password", ""),
        values.integer("pool.size", 4),
        Duration.ofMillis(values.integer("timeout.ms", 30_000)),
        values.bool("embedded", !config.containsKey(PREFIX + "host")));
  }

  /** These settings pointed at another server and account, keeping database, pool size, timeout and the flag. */
  public SqlSettings connectingTo(String host, int port, String user, String password) {
    return new SqlSettings(host, port, database, user, password, poolSize, timeout, embedded);
  }

  /** These settings with another database name. */
  public SqlSettings withDatabase(String database) {
    return new SqlSettings(host, port, database, user, password, poolSize, timeout, embedded);
  }

  /** Like the record's own, but with the password masked so settings can be logged. */
  @Override
  public String toString() {
    return "SqlSettings[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
        + ", password=" + (password.isEmpty() ? "(none)" : "****") + ", poolSize=" + poolSize
        + ", timeout=" + timeout.toMillis() + "ms, embedded=" + embedded + "]";
  }

  /** Typed reads of {@code sql.*} keys that accept strings too and name the key when a value is wrong. */
  private record ConfigValues(JsonObject config) {

    String string(String key, String fallback) {
      Object value = config.getValue(PREFIX + key);
      return value == null ? fallback : value.toString();
    }

    int integer(String key, int fallback) {
      Object value = config.getValue(PREFIX + key);
      if (value == null) {
        return fallback;
      }
      try {
        return value instanceof Integer i ? i : Integer.parseInt(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PREFIX + key + " must be a whole number, got '" + value + "'");
      }
    }

    boolean bool(String key, boolean fallback) {
      Object value = config.getValue(PREFIX + key);
      if (value == null) {
        return fallback;
      }
      if (value instanceof Boolean b) {
        return b;
      }
      return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(PREFIX + key + " must be true or false, got '" + value + "'");
      };
    }
  }
}
