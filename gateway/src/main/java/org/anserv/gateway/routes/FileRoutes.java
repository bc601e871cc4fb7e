package org.anserv.gateway.routes;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.RoutingContext;
import org.anserv.gateway.http.ApiError;
import org.anserv.gateway.security.CallerAuth;
import org.anserv.runtime.access.Role;
import org.anserv.runtime.bus.Addresses;

/**
 * {@code GET /files/{module}/{name}}: a file a module saved in its file store, read over the event bus from the
 * module and answered with its stored content type. A file is the module's data, not the server's page: it is
 * served sandboxed (no script runs even in an HTML or SVG file) and never sniffed as another type. Files carry no
 * access declaration, so only staff and instructors may read them.
 */
public final class FileRoutes {

  private static final String FILE_POLICY = "sandbox; default-src 'none'; img-src 'self' data:;"
      + " style-src 'unsafe-inline'";

  private final Vertx vertx;
  private final DeliveryOptions options;

  public FileRoutes(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
  }

  public void file(RoutingContext ctx) {
    String module = ctx.pathParam("module");
    String name = ctx.pathParam("name");
    Role role = CallerAuth.caller(ctx).role();
    if (role != Role.STAFF && role != Role.INSTRUCTOR) {
      ApiError.send(ctx, role == Role.ANONYMOUS ? 401 : 403, "Module files are for staff and instructors: log in"
          + " at /login or send a token.");
      return;
    }
    vertx.eventBus().<Buffer>request(Addresses.moduleFiles(module), name, options)
        .onSuccess(reply -> ctx.response()
            .putHeader("Content-Type", reply.headers().get(Addresses.CONTENT_TYPE_HEADER))
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Content-Security-Policy", FILE_POLICY)
            .putHeader("Cache-Control", "no-cache")
            .end(reply.body()))
        .onFailure(cause -> ApiError.fromBus(ctx, "File '" + module + "/" + name + "'", cause));
  }
}
