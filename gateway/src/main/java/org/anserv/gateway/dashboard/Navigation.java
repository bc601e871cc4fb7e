package org.anserv.gateway.dashboard;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's side navigation: every view grouped by category (global, course, student, resource, then
 * combinations such as student+course), the running modules, and the modules that failed to deploy.
 *
 * @param groups the views per category, in display order
 * @param modules a link per running module
 * @param failed a link per module that failed to deploy
 */
record Navigation(List<Group> groups, List<Link> modules, List<Link> failed) {

  private static final List<String> SINGLE_ORDER = List.of("global", "course", "student", "resource");

  /** The views of one category. */
  record Group(String category, String label, List<Link> links) {
  }

  /** One entry; {@code active} marks the page being shown. */
  record Link(String label, String detail, String href, boolean active) {
  }

  /** The navigation of {@code catalog}, marking the entry whose address is {@code currentPath}. */
  static Navigation of(Catalog catalog, String currentPath) {
    Map<String, List<Link>> byCategory = new TreeMap<>(Navigation::compareCategories);
    for (JsonObject module : catalog.modules()) {
      String name = module.getString("name");
      for (JsonObject view : Catalog.objects(module.getJsonArray("views"))) {
        String href = Paths.viewPage(name, view.getString("name"));
        byCategory.computeIfAbsent(view.getString("category", "global"), c -> new ArrayList<>())
            .add(new Link(view.getString("name"), name, href, href.equals(currentPath)));
      }
    }
    List<Group> groups = new ArrayList<>();
    byCategory.forEach((category, links) -> groups.add(new Group(category, label(category), links)));
    return new Navigation(groups, links(catalog.modules(), currentPath), links(catalog.failed(), currentPath));
  }

  /** {@code student+course} reads {@code Student + course}. */
  static String label(String category) {
    String spaced = category.replace("+", " + ");
    return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  private static List<Link> links(List<JsonObject> modules, String currentPath) {
    return modules.stream().map(m -> m.getString("name"))
        .map(name -> new Link(name, "", Paths.modulePage(name), Paths.modulePage(name).equals(currentPath)))
        .toList();
  }

  /** Single categories in their fixed order first, then combinations by size and name. */
  private static int compareCategories(String a, String b) {
    return Comparator.<String>comparingInt(c -> c.split("\\+").length)
        .thenComparingInt(c -> SINGLE_ORDER.contains(c) ? SINGLE_ORDER.indexOf(c) : SINGLE_ORDER.size())
        .thenComparing(Comparator.naturalOrder())
        .compare(a, b);
  }
}
