package org.anserv.gateway.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One record per HTTP request on logger {@code anserv.http}: method, path (never the query string, which may hold
 * user names), status, latency in milliseconds, and the module for module routes. Failed ({@code >= 400}) and slow
 * ({@code >= 1 s}) requests are logged at INFO, the rest at DEBUG so busy intake does not flood the log; set
 * {@code anserv.http} to DEBUG to see every request.
 */
public final class RequestLog {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.http");
  private static final long SLOW_NANOS = 1_000_000_000L;

  private RequestLog() {
  }

  /** A route handler that logs the request when its response has been sent, then passes it on. */
  public static void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addBodyEndHandler(v -> {
      long nanos = System.nanoTime() - start;
      int status = ctx.response().getStatusCode();
      Level level = status >= 400 || nanos >= SLOW_NANOS ? Level.INFO : Level.DEBUG;
      if (!LOG.isEnabledForLevel(level)) {
        return;
      }
      String module = ctx.pathParam("module");
      var record = LOG.atLevel(level).addKeyValue("method", ctx.request().method().name())
          .addKeyValue("path", ctx.request().path()).addKeyValue("status", status)
          .addKeyValue("ms", Math.round(nanos / 1e5) / 10.0);
      if (module != null) {
        record = record.addKeyValue("module", module);
      }
      record.log("{} {} {}", ctx.request().method().name(), ctx.request().path(), status);
    });
    ctx.next();
  }
}
