package org.anserv.gateway.routes;

import org.anserv.api.Html;
import org.anserv.gateway.http.ApiError;

/**
 * The HTML pages a view is answered with: the view itself, a progress page while it is still running, and an error
 * page naming what went wrong, each whole so it can stand in the dashboard's frame or alone. Every page carries
 * {@code view.js}, which tells the dashboard's frame its height.
 */
final class ViewPages {

  /** Scripts only from this server; styles may be inline, since templates often carry a style attribute. */
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; object-src 'none'; base-uri 'none'";

  private ViewPages() {
  }

  /**
   * A view's HTML in a page with the view stylesheet; when the view declares a chart ({@code <canvas
   * data-chart="...">}), the vendored Chart.js and {@code charts.js} that draws it.
   */
  static String view(String module, String view, String body) {
    String charts = body.contains("data-chart") ? "<script src=\"/assets/vendor/chart.umd.js\" defer></script>"
        + "<script src=\"/assets/charts.js\" defer></script>" : "";
    return page(module + " / " + view, charts, body);
  }

  /**
   * The page shown while a view is still running: a progress indicator, and a refresh to {@code resultPath}, which
   * answers once the view is ready (or, after a while, with this page again). No script needed: the browser keeps
   * showing this page until the refresh is answered.
   */
  static String pending(String module, String view, String resultPath, long startedAt, long now) {
    long seconds = Math.max(0, (now - startedAt) / 1000);
    String head = "<meta http-equiv=\"refresh\" content=\"0;url=" + Html.escape(resultPath) + "\">"
        + "<script src=\"/assets/pending.js\" defer></script>";
    String body = "<div class=\"view-pending\" role=\"status\" aria-live=\"polite\" data-pending"
        + " data-started-at=\"" + startedAt + "\"><progress aria-label=\"Preparing the view\"></progress>"
        + "<p>Preparing <strong>" + Html.escape(module + " / " + view) + "</strong>: it appears here when ready."
        + " <span class=\"elapsed\" data-elapsed>" + seconds + " s</span></p></div>";
    return page(module + " / " + view, head, body);
  }

  /** The page of a view that failed: status and message, which names the module and view, file, line, column. */
  static String error(String module, String view, ApiError.Failure failure) {
    String body = "<section class=\"view-error\" data-status=\"" + failure.status() + "\"><h2>"
        + Html.escape(module + " / " + view) + " could not be shown</h2><p class=\"status\">" + failure.status() + " "
        + failure.reason() + "</p><pre>" + Html.escape(failure.message()) + "</pre><p class=\"hint\">Other views are"
        + " not affected. Fix the module and reload."
        + "</p></section>";
    return page(module + " / " + view + " failed", "", body);
  }

  private static String page(String title, String head, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + POLICY + "\"><title>" + Html.escape(title)
        + "</title><link rel=\"stylesheet\" href=\"/assets/view.css\"><script src=\"/assets/view.js\" defer></script>"
        + head + "</head><body>\n" + body + "\n</body></html>\n";
  }
}
