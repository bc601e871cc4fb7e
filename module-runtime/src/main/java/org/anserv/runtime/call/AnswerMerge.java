package org.anserv.runtime.call;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Combines the answers of a sharded module's shards to one query, as {@link org.anserv.api.Merge#SUM} says: numbers
 * added, objects merged key by key, arrays concatenated, anything else equal on every shard that answers it.
 */
final class AnswerMerge {

  private AnswerMerge() {
  }

  /**
   * The sum of {@code answers}, in shard order.
   *
   * @throws IllegalArgumentException naming the path where two shards gave answers that cannot be combined
   */
  static Object sum(List<Object> answers) {
    Object total = null;
    boolean first = true;
    for (Object answer : answers) {
      total = first ? copy(answer) : sum(total, answer, "");
      first = false;
    }
    return total;
  }

  private static Object sum(Object left, Object right, String path) {
    if (left instanceof Number a && right instanceof Number b) {
      return integral(a) && integral(b) ? (Object) (a.longValue() + b.longValue())
          : (Object) (a.doubleValue() + b.doubleValue());
    }
    if (left instanceof JsonObject a && right instanceof JsonObject b) {
      for (String key : b.fieldNames()) {
        a.put(key, a.containsKey(key) ? sum(a.getValue(key), b.getValue(key), path + "." + key)
            : copy(b.getValue(key)));
      }
      return a;
    }
    if (left instanceof JsonArray a && right instanceof JsonArray b) {
      return a.addAll(b.copy());
    }
    if (Objects.equals(left, right)) {
      return left;
    }
    throw new IllegalArgumentException("the shards' answers differ at '" + (path.isEmpty() ? "." : path) + "' ("
        + describe(left) + " and " + describe(right) + "), which merge SUM cannot combine: answer numbers, objects"
        + " or arrays there, or make the query name its shard key");
  }

  private static boolean integral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }

  private static Object copy(Object value) {
    return switch (value) {
      case JsonObject o -> o.copy();
      case JsonArray a -> a.copy();
      case null, default -> value;
    };
  }

  private static String describe(Object value) {
    return value == null ? "null" : value instanceof String s ? "\"" + s + "\"" : value.toString();
  }
}
