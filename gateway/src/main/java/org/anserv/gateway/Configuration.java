package org.anserv.gateway;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Loads anserv's configuration: flat dotted keys ({@code http.port}) from a JSON file (default
 * {@code conf/anserv.json} when present), overridden by environment variables ({@code ANSERV_HTTP_PORT}) and then by
 * system properties ({@code -Danserv.http.port=8081}).
 */
public final class Configuration {

  /** The file read when none is named. */
  public static final String DEFAULT_FILE = "conf/anserv.json";

  private Configuration() {
  }

  /** The configuration from {@code file} (may be {@code null}) and the process environment. */
  public static Future<JsonObject> load(Vertx vertx, String file) {
    String path = file != null ? file : DEFAULT_FILE;
    if (file != null && !Files.isRegularFile(Path.of(file))) {
      return Future.failedFuture(new IllegalArgumentException("Configuration file " + file + " does not exist."));
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0).addStore(new ConfigStoreOptions()
        .setType("file").setFormat("json").setOptional(true).setConfig(new JsonObject().put("path", path)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .map(fromFile -> overrides(fromFile, System.getenv(), System.getProperties()))
        .eventually(retriever::close);
  }

  /** {@code base} overridden by {@code ANSERV_*} variables of {@code env}, then {@code anserv.*} properties. */
  public static JsonObject overrides(JsonObject base, Map<String, String> env, Map<Object, Object> properties) {
    JsonObject config = base.copy();
    env.forEach((name, value) -> {
      if (name.startsWith("ANSERV_") && name.length() > 7) {
        config.put(name.substring(7).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    properties.forEach((name, value) -> {
      String key = String.valueOf(name);
      if (key.startsWith("anserv.") && key.length() > 7) {
        config.put(key.substring(7), String.valueOf(value));
      }
    });
    return config;
  }
}
