package org.anserv.gateway.dashboard;

import io.vertx.ext.web.RoutingContext;

/**
 * The headers of every dashboard page: a strict Content-Security-Policy (scripts, styles, frames and fetches only
 * from this server, no inline script or style, no plugins, not framed by other sites), no MIME sniffing, and no
 * referrer sent elsewhere.
 */
final class SecurityHeaders {

  static final String POLICY = String.join("; ",
      "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
      "frame-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'");

  private SecurityHeaders() {
  }

  static void apply(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin");
    ctx.next();
  }
}
