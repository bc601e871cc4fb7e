package org.anserv.gateway.xapi;

import io.vertx.core.json.JsonObject;
import org.anserv.gateway.GatewaySettings;

/**
 * Settings of the xAPI statements endpoint.
 *
 * @param strict answer {@code 409} when a statement id is re-sent with different content ({@code xapi.strict},
 *     default false: answer success, because event-routing-backends drops a whole batch on 409)
 * @param maxStatements the most statements in one request ({@code xapi.max.statements}, 50,000: a backfill batch
 *     of 10,000 events can hold more statements than events)
 * @param maxBodyBytes the largest request body, after decompression ({@code xapi.max.body.bytes}, 256 MiB)
 * @param chunkStatements how many statements are parsed before they are handed to the log and the next are read
 *     ({@code xapi.chunk.statements}, 500): what bounds the memory a large batch takes
 * @param timeoutMillis how long one chunk may wait for the log ({@code modules.timeout.ms})
 */
public record XapiSettings(boolean strict, int maxStatements, long maxBodyBytes, int chunkStatements,
    long timeoutMillis) {

  /** Settings from configuration, with defaults for missing keys. */
  public static XapiSettings fromConfig(JsonObject config) {
    return new XapiSettings(
        Boolean.parseBoolean(String.valueOf(config.getValue("xapi.strict", false))),
        GatewaySettings.number(config, "xapi.max.statements", 50_000).intValue(),
        GatewaySettings.number(config, "xapi.max.body.bytes", 256L * 1024 * 1024).longValue(),
        Math.max(1, GatewaySettings.number(config, "xapi.chunk.statements", 500).intValue()),
        GatewaySettings.number(config, "modules.timeout.ms", 30_000).longValue());
  }
}
