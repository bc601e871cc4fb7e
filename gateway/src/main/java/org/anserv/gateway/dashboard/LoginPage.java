package org.anserv.gateway.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import org.anserv.gateway.security.CallerAuth;
import org.anserv.gateway.security.CredentialStore;

/**
 * {@code GET /login} (the form), {@code POST /login} (checks the password, starts a new session, goes back to where
 * the person came from) and {@code POST /logout}. Both posts carry the page's CSRF token; the session cookie is
 * HttpOnly and SameSite=Strict.
 */
final class LoginPage {

  /** What the form shows. */
  record Model(String csrf, String returnTo, String username, String message) {
  }

  private final Pages pages;
  private final CredentialStore store;
  private final MeterRegistry meters;

  LoginPage(Pages pages, CredentialStore store, MeterRegistry meters) {
    this.pages = pages;
    this.store = store;
    this.meters = meters;
  }

  void form(RoutingContext ctx) {
    show(ctx, 200, "", "");
  }

  void login(RoutingContext ctx) {
    String name = ctx.request().getFormAttribute("username");
    String password = ctx.request().getFormAttribute("password");
    if (name == null || password == null || name.length() > 200 || password.length() > 1_000) {
      show(ctx, 400, "", "Give a username and a password.");
      return;
    }
    store.login(name.strip(), password).onFailure(cause -> show(ctx, 429, name, cause.getMessage()))
        .onSuccess(user -> {
          if (user.isEmpty()) {
            meters.counter("anserv.auth.failures", "reason", "login").increment();
            show(ctx, 401, name, "Wrong username or password.");
            return;
          }
          Session session = ctx.session();
          // A new session id at login, so a session id planted before it is worthless.
          session.regenerateId();
          session.put(CallerAuth.SESSION_USER, user.get().name());
          redirect(ctx, local(ctx.request().getFormAttribute("return")));
        });
  }

  void logout(RoutingContext ctx) {
    if (ctx.session() != null) {
      ctx.session().destroy();
    }
    redirect(ctx, "/login");
  }

  private void show(RoutingContext ctx, int status, String username, String message) {
    String returnTo = local(ctx.request().getParam("return"));
    pages.sendBare(ctx, status, "login", "Log in", new Model(ctx.get(Pages.CSRF_FIELD), returnTo, username,
        message));
  }

  // Only paths on this server: an open redirect would make the login page a phishing tool.
  private static String local(String path) {
    return path != null && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\") ? path : "/";
  }

  private static void redirect(RoutingContext ctx, String to) {
    ctx.response().setStatusCode(303).putHeader("Location", to).end();
  }
}
