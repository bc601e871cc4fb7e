package org.anserv.gateway.xapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A backfill-sized POST body: real statements repeated with fresh ids, as {@code transform_tracking_logs} sends. */
final class XapiBackfill {

  private XapiBackfill() {
  }

  static Buffer batch(JsonArray templates, int count) {
    Buffer body = Buffer.buffer(count * 1400).appendString("[");
    for (int i = 0; i < count; i++) {
      JsonObject statement = templates.getJsonObject(i % templates.size()).copy()
          .put("id", new UUID(0x5eedL, i).toString());
      body.appendString(i == 0 ? "" : ",").appendBuffer(statement.toBuffer());
    }
    return body.appendString("]");
  }
}
