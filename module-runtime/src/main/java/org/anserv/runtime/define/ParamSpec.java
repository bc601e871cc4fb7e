package org.anserv.runtime.define;

import io.vertx.core.json.JsonObject;

/**
 * A request parameter a view or query declares with {@link org.anserv.api.Param}.
 *
 * @param name the parameter's name in requests
 * @param type the Java type it is converted to
 * @param description what it means, possibly empty
 * @param defaultValue the value used when absent, or {@code null} when required
 */
public record ParamSpec(String name, Class<?> type, String description, String defaultValue) {

  /** Whether a request must carry this parameter. */
  public boolean required() {
    return defaultValue == null;
  }

  /** The parameter as shown in the schema. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name).put("type", typeName()).put("required", required());
    if (!description.isEmpty()) {
      json.put("description", description);
    }
    if (defaultValue != null) {
      json.put("default", defaultValue);
    }
    return json;
  }

  private String typeName() {
    if (type == String.class) {
      return "string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == double.class || type == Double.class) {
      return "number";
    }
    return "integer";
  }
}
