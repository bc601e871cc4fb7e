package org.anserv.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import org.anserv.gateway.http.ApiError;
import org.anserv.runtime.access.Role;

/**
 * What every gateway instance shares for security: the settings, the credentials in force, the rate limits and the
 * secret that signs CSRF tokens; and the handlers built from them.
 *
 * @param settings the security settings
 * @param store the credentials in force
 * @param limiter requests per second per credential
 * @param csrfSecret signs the dashboard's CSRF tokens; random per server run
 */
public record GatewaySecurity(SecuritySettings settings, CredentialStore store, RateLimiter limiter,
    String csrfSecret) {

  /** The paths that read data or pages, which establish a caller (session or token). */
  static final String[] CALLER_PATHS = {"/", "/login", "/logout", "/modules/*", "/views/*", "/queries/*", "/files/*",
      "/schema", "/admin/*"};

  /** Security for one server run, with credentials from the configured file (watched for changes). */
  public static GatewaySecurity start(Vertx vertx, SecuritySettings settings) {
    return new GatewaySecurity(settings, CredentialStore.open(vertx, settings.credentialsFile()), new RateLimiter(),
        SecretHash.randomSecret());
  }

  /** The handler an intake route mounts after its body handler. */
  public ProducerAuth producerAuth(MeterRegistry meters) {
    return new ProducerAuth(store, settings, limiter, meters);
  }

  /**
   * Mounts sessions and caller identification on every path that reads data or pages, and the staff guard on
   * {@code /admin}, {@code /metrics} and {@code /health} as configured.
   */
  public void mountCallers(Vertx vertx, Router router, MeterRegistry meters) {
    SessionHandler sessions = SessionHandler.create(LocalSessionStore.create(vertx, "anserv.sessions"))
        .setSessionCookieName("anserv.session").setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT).setCookieSecureFlag(settings.secureCookies()).setLazySession(true);
    CallerAuth callers = new CallerAuth(store, settings, limiter, meters);
    for (String path : CALLER_PATHS) {
      router.route(path).handler(sessions).handler(callers);
    }
    router.route("/admin/*").handler(GatewaySecurity::staffOnly);
    if (settings.management().equals("staff")) {
      for (String path : new String[] {"/metrics", "/health"}) {
        router.route(path).handler(sessions).handler(callers).handler(GatewaySecurity::staffOnly);
      }
    }
  }

  /** The CSRF protection of the dashboard's pages and forms: tokens issued on pages, checked on posts. */
  public CSRFHandler csrf(Vertx vertx) {
    return CSRFHandler.create(vertx, csrfSecret).setCookieSecure(settings.secureCookies()).setCookieHttpOnly(true)
        .setCookieName("anserv.csrf");
  }

  /** Lets only staff through. */
  static void staffOnly(RoutingContext ctx) {
    Role role = CallerAuth.caller(ctx).role();
    if (role == Role.STAFF) {
      ctx.next();
    } else if (role == Role.ANONYMOUS) {
      ApiError.send(ctx, 401, ctx.request().path() + " is for staff: send a staff user's token (Authorization:"
          + " Bearer ...) or log in at /login.");
    } else {
      ApiError.send(ctx, 403, ctx.request().path() + " is for staff only.");
    }
  }
}
