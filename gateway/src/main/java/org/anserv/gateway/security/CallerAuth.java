package org.anserv.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Optional;
import org.anserv.gateway.http.ApiError;
import org.anserv.runtime.access.Caller;
import org.anserv.runtime.access.Role;

/**
 * Establishes who is calling a view, query, file, schema or dashboard page: a user's bearer token
 * ({@code Authorization: Bearer ...}, for service clients), else the dashboard login session, else nobody
 * (anonymous, who sees public views only). A wrong token is refused with {@code 401}; a caller over their rate gets
 * {@code 429} with {@code Retry-After}. With security disabled every caller is staff.
 */
public final class CallerAuth implements Handler<RoutingContext> {

  /** The session key holding the logged-in username. */
  public static final String SESSION_USER = "anserv.user";
  private static final String CALLER = "anserv.caller";

  private final CredentialStore store;
  private final SecuritySettings settings;
  private final RateLimiter limiter;
  private final MeterRegistry meters;

  public CallerAuth(CredentialStore store, SecuritySettings settings, RateLimiter limiter, MeterRegistry meters) {
    this.store = store;
    this.settings = settings;
    this.limiter = limiter;
    this.meters = meters;
  }

  /** The caller {@link CallerAuth} established for {@code ctx}; anonymous when it did not run. */
  public static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(CALLER);
    return caller == null ? Caller.ANONYMOUS : caller;
  }

  /** The {@link Caller} of {@code user}. */
  public static Caller of(Credentials.User user) {
    return new Caller(user.name(), user.role(), user.courses());
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!settings.enabled()) {
      proceed(ctx, Caller.staff("development"), 0);
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      String value = authorization.strip();
      if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.substring(7).isBlank()) {
        refuse(ctx, "malformed", "Views and queries take 'Authorization: Bearer TOKEN' (a user's token from the"
            + " credentials file); people log in at /login.");
        return;
      }
      store.userWithToken(value.substring(7).strip()).onSuccess(user -> {
        if (user.isPresent()) {
          proceed(ctx, of(user.get()), user.get().rate());
        } else {
          refuse(ctx, "unknown", "No user has this token: check it, or whether it was rotated out of the"
              + " credentials file.");
        }
      }).onFailure(cause -> {
        ctx.response().putHeader("Retry-After", "1");
        ApiError.send(ctx, 429, cause.getMessage());
      });
      return;
    }
    Session session = ctx.session();
    String name = session == null ? null : session.get(SESSION_USER);
    // The session holds only the name: a user removed from the file, or whose role changed, is seen at once.
    Optional<Credentials.User> user = name == null ? Optional.empty() : store.current().user(name);
    proceed(ctx, user.map(CallerAuth::of).orElse(Caller.ANONYMOUS), user.map(Credentials.User::rate).orElse(0));
  }

  private void proceed(RoutingContext ctx, Caller caller, int ownRate) {
    if (settings.enabled()) {
      int rate = ownRate > 0 ? ownRate : settings.userRate();
      String key = caller.role() == Role.ANONYMOUS ? "address:" + ctx.request().remoteAddress().hostAddress()
          : "user:" + caller.name();
      long wait = limiter.take(key, rate);
      if (wait > 0) {
        meters.counter("anserv.rate.limited", "surface", "read").increment();
        ctx.response().putHeader("Retry-After", String.valueOf(RateLimiter.retryAfterSeconds(wait)));
        ApiError.send(ctx, 429, "More than " + rate + " requests per second from "
            + (caller.role() == Role.ANONYMOUS ? "this address" : "'" + caller.name() + "'") + ": slow down.");
        return;
      }
    }
    ctx.put(CALLER, caller);
    ctx.next();
  }

  private void refuse(RoutingContext ctx, String reason, String message) {
    meters.counter("anserv.auth.failures", "reason", reason).increment();
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"anserv\"");
    ApiError.send(ctx, 401, message);
  }
}
