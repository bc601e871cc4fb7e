package org.anserv.gateway.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.anserv.gateway.security.CallerAuth;

/** {@code GET /}: every module with what it did, a chart of events handled, and the modules that failed to deploy. */
final class HomePage {

  /** One running module's card. */
  record Card(String name, String href, String description, int views, int queries, int handlers, int crons,
      ModuleStats stats) {
  }

  /** The page: totals, cards, failures, and the chart as Chart.js JSON (empty when there is nothing to draw). */
  record Model(int running, int failedCount, int views, long eventsHandled, long eventsFailed, List<Card> modules,
      List<DeployFailure> failed, String chart) {
  }

  private final Vertx vertx;
  private final MeterRegistry meters;
  private final Pages pages;

  HomePage(Vertx vertx, MeterRegistry meters, Pages pages) {
    this.vertx = vertx;
    this.meters = meters;
    this.pages = pages;
  }

  void handle(RoutingContext ctx) {
    Catalog.fetch(vertx, CallerAuth.caller(ctx))
        .onSuccess(catalog -> pages.send(ctx, 200, "home", "Overview", Navigation.of(catalog, Paths.HOME),
            model(catalog), !catalog.modules().isEmpty()))
        .onFailure(ctx::fail);
  }

  private Model model(Catalog catalog) {
    List<Card> cards = catalog.modules().stream().map(this::card).toList();
    return new Model(cards.size(), catalog.failed().size(), cards.stream().mapToInt(Card::views).sum(),
        cards.stream().mapToLong(c -> c.stats().eventsHandled()).sum(),
        cards.stream().mapToLong(c -> c.stats().eventsFailed()).sum(), cards,
        catalog.failed().stream().map(DeployFailure::of).toList(), cards.isEmpty() ? "" : chart(cards).encode());
  }

  private Card card(JsonObject module) {
    String name = module.getString("name");
    return new Card(name, Paths.modulePage(name), module.getString("description", ""), size(module, "views"),
        size(module, "queries"), size(module, "handlers"), size(module, "crons"), ModuleStats.of(meters, name));
  }

  private static int size(JsonObject module, String key) {
    JsonArray items = module.getJsonArray(key);
    return items == null ? 0 : items.size();
  }

  /** A stacked bar per module: events handled without error, and failed. */
  private static JsonObject chart(List<Card> cards) {
    JsonArray ok = new JsonArray();
    JsonArray failed = new JsonArray();
    cards.forEach(c -> {
      ok.add(c.stats().eventsHandled() - c.stats().eventsFailed());
      failed.add(c.stats().eventsFailed());
    });
    JsonObject stacked = new JsonObject().put("stacked", true);
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", new JsonArray(cards.stream().map(Card::name).toList()))
            .put("datasets", new JsonArray()
                .add(new JsonObject().put("label", "handled").put("data", ok).put("backgroundColor", "#3b6fd8"))
                .add(new JsonObject().put("label", "failed").put("data", failed).put("backgroundColor", "#d64545"))))
        .put("options", new JsonObject().put("indexAxis", "y")
            .put("scales", new JsonObject().put("x", stacked.copy().put("beginAtZero", true)).put("y", stacked)));
  }
}
