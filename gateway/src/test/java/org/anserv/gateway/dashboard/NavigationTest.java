package org.anserv.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class NavigationTest {

  private static JsonObject module(String name, String... viewCategories) {
    JsonArray views = new JsonArray();
    for (int i = 0; i < viewCategories.length; i++) {
      views.add(new JsonObject().put("name", "v" + i).put("category", viewCategories[i]));
    }
    return new JsonObject().put("name", name).put("views", views);
  }

  @Test
  void ordersSingleCategoriesFirstThenCombinationsBySize() {
    Catalog catalog = Catalog.of(new JsonObject()
        .put("modules", new JsonArray().add(module("a", "student+course+resource", "resource", "student+course"))
            .add(module("b", "course", "global", "student", "course+resource")))
        .put("failed", new JsonArray()));

    Navigation nav = Navigation.of(catalog, "/");

    assertThat(nav.groups()).extracting(Navigation.Group::category).containsExactly("global", "course", "student",
        "resource", "course+resource", "student+course", "student+course+resource");
    assertThat(nav.groups()).extracting(Navigation.Group::label).startsWith("Global", "Course")
        .contains("Student + course + resource");
  }

  @Test
  void marksTheCurrentViewAndModule() {
    Catalog catalog = Catalog.of(new JsonObject().put("modules", new JsonArray().add(module("a", "global")))
        .put("failed", new JsonArray().add(new JsonObject().put("name", "z").put("problems", new JsonArray()))));

    Navigation onView = Navigation.of(catalog, "/modules/a/views/v0");
    Navigation onModule = Navigation.of(catalog, "/modules/z");

    assertThat(onView.groups().getFirst().links().getFirst().active()).isTrue();
    assertThat(onView.modules().getFirst().active()).isFalse();
    assertThat(onModule.failed().getFirst().active()).isTrue();
    assertThat(onModule.failed().getFirst().href()).isEqualTo("/modules/z");
  }
}
