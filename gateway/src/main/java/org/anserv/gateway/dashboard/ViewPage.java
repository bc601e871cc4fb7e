package org.anserv.gateway.dashboard;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.anserv.gateway.dashboard.ParameterForm.DataList;
import org.anserv.gateway.security.CallerAuth;
import org.anserv.gateway.dashboard.ParameterForm.Field;

/**
 * {@code GET /modules/{module}/views/{view}?param=...}: the form for the view's parameters and, once every required
 * one has a value, the view itself in a sandboxed frame. The form submits to this page, so a view with its
 * parameters has an address people can bookmark and share.
 */
final class ViewPage {

  /**
   * The page.
   *
   * @param frameSrc the view's own address with the parameters given, or {@code null} while required ones lack
   * @param missing the required parameters without a value
   * @param sampleSrc the view rendered with its module's sample data, or {@code null} when it has none
   */
  record Model(String module, String moduleHref, String name, String description, String category,
      boolean categoryGuessed, String action, List<Field> fields, List<DataList> dataLists, List<String> missing,
      String frameSrc, String sampleSrc) {
  }

  private final Vertx vertx;
  private final Pages pages;
  private final PickLists pickLists;

  ViewPage(Vertx vertx, Pages pages, PickLists pickLists) {
    this.vertx = vertx;
    this.pages = pages;
    this.pickLists = pickLists;
  }

  void handle(RoutingContext ctx) {
    String module = ctx.pathParam("module");
    String name = ctx.pathParam("view");
    Catalog.fetch(vertx, CallerAuth.caller(ctx)).onFailure(ctx::fail).onSuccess(catalog -> {
      Navigation nav = Navigation.of(catalog, Paths.viewPage(module, name));
      JsonObject view = catalog.view(module, name).orElse(null);
      if (view == null) {
        pages.error(ctx, 404, "No view '" + module + "/" + name + "'", "Module '" + module + "' has no view called '"
            + name + "', or is not deployed. The navigation lists every view by category.", nav);
        return;
      }
      List<String> parameters = Catalog.objects(view.getJsonArray("parameters")).stream()
          .map(p -> p.getString("name")).toList();
      pickLists.fetch(catalog, parameters, CallerAuth.caller(ctx)).onSuccess(lists -> {
        Map<String, String> values = ParameterForm.values(view, ctx.queryParams());
        List<String> missing = ParameterForm.missing(view, values);
        Model model = new Model(module, Paths.modulePage(module), name, view.getString("description", ""),
            Navigation.label(view.getString("category", "global")), view.getBoolean("categoryGuessed", false),
            Paths.viewPage(module, name), ParameterForm.fields(view, values, lists, "p-"),
            ParameterForm.dataLists(lists), missing, missing.isEmpty() ? Paths.view(module, name, values) : null,
            view.getBoolean("sample", false) ? Paths.view(module, name, Map.of("sample", "true")) : null);
        pages.send(ctx, 200, "view", module + " / " + name, nav, model, false);
      });
    });
  }
}
