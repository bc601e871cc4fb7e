package org.anserv.gateway.routes;

import static org.anserv.api.Html.escape;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;

/** The schema as a page for people: modules, their views and queries as links, handlers with filters. */
final class SchemaPage {

  private SchemaPage() {
  }

  static String render(JsonObject schema) {
    StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>anserv schema</title><link rel=\"stylesheet\" href=\"/assets/view.css\"></head><body>"
        + "<h1>anserv modules</h1>\n");
    for (Object m : schema.getJsonArray("modules")) {
      module(html, (JsonObject) m);
    }
    JsonArray failed = schema.getJsonArray("failed");
    if (!failed.isEmpty()) {
      html.append("<h2>Modules that failed to deploy</h2>\n");
      for (Object f : failed) {
        JsonObject failure = (JsonObject) f;
        html.append("<h3>").append(escape(failure.getString("name"))).append("</h3><ul>");
        failure.getJsonArray("problems").forEach(p -> html.append("<li>").append(escape(String.valueOf(p)))
            .append("</li>"));
        html.append("</ul>\n");
      }
    }
    return html.append("</body></html>\n").toString();
  }

  private static void module(StringBuilder html, JsonObject module) {
    String name = module.getString("name");
    html.append("<section><h2>").append(escape(name)).append("</h2><p>")
        .append(escape(module.getString("description", ""))).append("</p>\n");
    placement(html, module);
    endpoints(html, "Views", "views", name, module.getJsonArray("views"));
    endpoints(html, "Queries", "queries", name, module.getJsonArray("queries"));
    html.append("<h3>Event handlers</h3><ul>");
    for (Object h : module.getJsonArray("handlers")) {
      JsonObject handler = (JsonObject) h;
      html.append("<li><code>").append(escape(handler.getString("method"))).append("</code> ")
          .append(escape(handler.getJsonObject("filters").encode())).append("</li>");
    }
    html.append("</ul>\n<h3>Cron</h3><ul>");
    for (Object c : module.getJsonArray("crons")) {
      JsonObject cron = (JsonObject) c;
      html.append("<li><code>").append(escape(cron.getString("method"))).append("</code> ")
          .append(escape(cron.getString("schedule"))).append("</li>");
    }
    html.append("</ul></section>\n");
  }

  // In a cluster: which node runs the module, or, for a module split into shards, which node runs each shard.
  private static void placement(StringBuilder html, JsonObject module) {
    JsonObject shards = module.getJsonObject("shards");
    if (shards != null) {
      html.append("<p class=\"placement\">Split by ").append(escape(module.getString("scope", "")))
          .append(" into ").append(shards.getInteger("count")).append(" shards; running: ");
      JsonObject nodes = shards.getJsonObject("nodes", new JsonObject());
      html.append(escape(String.join(", ", nodes.fieldNames().stream().sorted(Comparator.comparingInt(
          Integer::parseInt)).map(shard -> shard + " (" + nodes.getString(shard) + ")").toList()))).append("</p>\n");
    } else if (module.containsKey("node")) {
      html.append("<p class=\"placement\">Runs on node ").append(escape(module.getString("node"))).append("</p>\n");
    }
  }

  private static void endpoints(StringBuilder html, String title, String path, String module, JsonArray items) {
    html.append("<h3>").append(title).append("</h3><ul>");
    for (Object i : items) {
      JsonObject item = (JsonObject) i;
      String href = "/" + path + "/" + module + "/" + item.getString("name");
      html.append("<li><a href=\"").append(escape(href)).append("\">").append(escape(item.getString("name")))
          .append("</a> <em>").append(escape(item.getString("category"))).append(item.getBoolean("categoryGuessed")
              ? " (guessed)" : "").append("</em> ").append(escape(item.getString("description", "")));
      JsonArray params = item.getJsonArray("parameters");
      if (!params.isEmpty()) {
        html.append(" — parameters: ");
        params.forEach(p -> html.append("<code>").append(escape(((JsonObject) p).getString("name")))
            .append("</code> "));
      }
      html.append("</li>");
    }
    html.append("</ul>\n");
  }
}
