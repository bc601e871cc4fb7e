package org.anserv.gateway.dashboard;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anserv.gateway.dashboard.PickLists.Option;

/**
 * The form for a view's or query's declared parameters: one input per parameter, its HTML type from the declared
 * type, pre-filled with the value asked for or else the default, required ones marked, and a pick list where the
 * pick-list convention offers one.
 */
final class ParameterForm {

  /**
   * One input.
   *
   * @param inputType {@code text}, {@code number} or {@code select} (booleans)
   * @param step for numbers: {@code 1} for integers, {@code any} otherwise; else {@code null}
   * @param listId the id of the {@code datalist} offering values, or {@code null}
   * @param choices for {@code select}: the choices, the current one selected
   */
  record Field(String name, String id, String type, String inputType, String value, boolean required,
      String description, String step, String listId, List<Choice> choices) {
  }

  /** One choice of a {@code select}. */
  record Choice(String value, boolean selected) {
  }

  /** A {@code datalist} of values for text inputs. */
  record DataList(String id, String list, List<Option> options) {
  }

  private ParameterForm() {
  }

  /** The inputs of {@code endpoint}'s parameters; ids start with {@code idPrefix} so forms can share a page. */
  static List<Field> fields(JsonObject endpoint, Map<String, String> values, Map<String, List<Option>> lists,
      String idPrefix) {
    return Catalog.objects(endpoint.getJsonArray("parameters")).stream()
        .map(p -> field(p, values.getOrDefault(p.getString("name"), p.getString("default", "")), lists, idPrefix))
        .toList();
  }

  /** The datalists the fields refer to. */
  static List<DataList> dataLists(Map<String, List<Option>> lists) {
    return lists.entrySet().stream().map(e -> new DataList(listId(e.getKey()), e.getKey(), e.getValue())).toList();
  }

  /** The declared parameters given a non-blank value in {@code request}, in declaration order. */
  static Map<String, String> values(JsonObject endpoint, MultiMap request) {
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonObject parameter : Catalog.objects(endpoint.getJsonArray("parameters"))) {
      String value = request.get(parameter.getString("name"));
      if (value != null && !value.isBlank()) {
        values.put(parameter.getString("name"), value.strip());
      }
    }
    return values;
  }

  /** The names of required parameters {@code values} lacks. */
  static List<String> missing(JsonObject endpoint, Map<String, String> values) {
    return Catalog.objects(endpoint.getJsonArray("parameters")).stream()
        .filter(p -> p.getBoolean("required") && !values.containsKey(p.getString("name")))
        .map(p -> p.getString("name")).toList();
  }

  private static Field field(JsonObject parameter, String value, Map<String, List<Option>> lists, String idPrefix) {
    String name = parameter.getString("name");
    String type = parameter.getString("type", "string");
    String listId = PickLists.listFor(name).filter(lists::containsKey).map(ParameterForm::listId).orElse(null);
    List<Choice> choices = "boolean".equals(type)
        ? List.of(new Choice("true", "true".equals(value)), new Choice("false", !"true".equals(value)))
        : List.of();
    String inputType = switch (type) {
      case "boolean" -> "select";
      case "integer", "number" -> "number";
      default -> "text";
    };
    String step = switch (type) {
      case "integer" -> "1";
      case "number" -> "any";
      default -> null;
    };
    return new Field(name, idPrefix + name, type, inputType, value, parameter.getBoolean("required", false),
        parameter.getString("description", ""), step, listId, choices);
  }

  private static String listId(String list) {
    return "pick-" + list;
  }
}
