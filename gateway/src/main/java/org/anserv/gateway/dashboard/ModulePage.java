package org.anserv.gateway.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.anserv.gateway.dashboard.ParameterForm.DataList;
import org.anserv.gateway.security.CallerAuth;
import org.anserv.gateway.dashboard.ParameterForm.Field;
import org.anserv.gateway.dashboard.PickLists.Option;

/**
 * {@code GET /modules/{name}}: a module's description, its statistics, views, queries with a form to try each,
 * event handlers with their filters, and cron tasks; for a module that failed to deploy, its problems.
 */
final class ModulePage {

  record Handler(String name, String method, String types, String sources, String courses, long ok, long failed) {
  }

  record ViewLink(String name, String href, String category, String description, String parameters) {
  }

  record QueryForm(String name, String action, String category, String description, Long memoizeSeconds,
      List<Field> fields) {
  }

  record Cron(String name, String method, String schedule, long ok, long failed) {
  }

  record Model(String name, String description, String className, ModuleStats stats, String statsUrl,
      List<ViewLink> views, List<QueryForm> queries, List<Handler> handlers, List<Cron> crons,
      List<DataList> dataLists) {
  }

  private final Vertx vertx;
  private final MeterRegistry meters;
  private final Pages pages;
  private final PickLists pickLists;

  ModulePage(Vertx vertx, MeterRegistry meters, Pages pages, PickLists pickLists) {
    this.vertx = vertx;
    this.meters = meters;
    this.pages = pages;
    this.pickLists = pickLists;
  }

  void handle(RoutingContext ctx) {
    String name = ctx.pathParam("module");
    Catalog.fetch(vertx, CallerAuth.caller(ctx)).onFailure(ctx::fail).onSuccess(catalog -> {
      Navigation nav = Navigation.of(catalog, Paths.modulePage(name));
      JsonObject module = catalog.module(name).orElse(null);
      if (module != null) {
        pickLists.fetch(catalog, parameterNames(module), CallerAuth.caller(ctx)).onSuccess(lists ->
            pages.send(ctx, 200, "module", name, nav, model(module, lists), false));
      } else if (catalog.failure(name).isPresent()) {
        pages.send(ctx, 200, "failed", name, nav, DeployFailure.of(catalog.failure(name).get()), false);
      } else {
        pages.error(ctx, 404, "No module '" + name + "'", "No module called '" + name + "' is deployed. The"
            + " navigation lists every module, running or failed.", nav);
      }
    });
  }

  private Model model(JsonObject module, Map<String, List<Option>> lists) {
    String name = module.getString("name");
    ModuleStats stats = ModuleStats.of(meters, name);
    return new Model(name, module.getString("description", ""), module.getString("class", ""), stats,
        Paths.stats(name),
        Catalog.objects(module.getJsonArray("views")).stream().map(v -> view(name, v)).toList(),
        Catalog.objects(module.getJsonArray("queries")).stream().map(q -> query(name, q, lists)).toList(),
        Catalog.objects(module.getJsonArray("handlers")).stream().map(h -> handler(h, stats)).toList(),
        Catalog.objects(module.getJsonArray("crons")).stream().map(c -> cron(c, stats)).toList(),
        ParameterForm.dataLists(lists));
  }

  private static ViewLink view(String module, JsonObject view) {
    String parameters = String.join(", ", Catalog.objects(view.getJsonArray("parameters")).stream()
        .map(p -> p.getString("name")).toList());
    return new ViewLink(view.getString("name"), Paths.viewPage(module, view.getString("name")),
        view.getString("category"), view.getString("description", ""), parameters);
  }

  private static QueryForm query(String module, JsonObject query, Map<String, List<Option>> lists) {
    String name = query.getString("name");
    return new QueryForm(name, Paths.query(module, name), query.getString("category"),
        query.getString("description", ""), query.getLong("memoizeSeconds"),
        ParameterForm.fields(query, Map.of(), lists, "q-" + name + "-"));
  }

  private static Handler handler(JsonObject handler, ModuleStats stats) {
    String name = handler.getString("name");
    JsonObject filters = handler.getJsonObject("filters", new JsonObject());
    ModuleStats.Count count = find(stats.handlers(), name);
    return new Handler(name, handler.getString("method"), anyIfEmpty(filters.getJsonArray("types")),
        anyIfEmpty(filters.getJsonArray("sources")), anyIfEmpty(filters.getJsonArray("courses")),
        count == null ? 0 : count.ok(), count == null ? 0 : count.failed());
  }

  private static Cron cron(JsonObject cron, ModuleStats stats) {
    ModuleStats.Count count = find(stats.crons(), cron.getString("name"));
    return new Cron(cron.getString("name"), cron.getString("method"), cron.getString("schedule"),
        count == null ? 0 : count.ok(), count == null ? 0 : count.failed());
  }

  private static ModuleStats.Count find(List<ModuleStats.Count> counts, String name) {
    return counts.stream().filter(c -> Objects.equals(c.name(), name)).findFirst().orElse(null);
  }

  private static String anyIfEmpty(JsonArray values) {
    return values == null || values.isEmpty() ? "any" : String.join(", ", values.stream().map(String::valueOf)
        .toList());
  }

  private static List<String> parameterNames(JsonObject module) {
    return Stream.concat(Catalog.objects(module.getJsonArray("views")).stream(),
            Catalog.objects(module.getJsonArray("queries")).stream())
        .flatMap(e -> Catalog.objects(e.getJsonArray("parameters")).stream()).map(p -> p.getString("name")).toList();
  }
}
