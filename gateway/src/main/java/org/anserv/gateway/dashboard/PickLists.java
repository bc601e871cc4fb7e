package org.anserv.gateway.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.anserv.runtime.access.Caller;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.call.CallRequest;

/**
 * Choices for the parameters that name a course, student, video or problem, offered by every deployed module that
 * has a query named {@code courses}, {@code students}, {@code videos} or {@code problems} taking no required
 * parameter and returning a JSON array of strings, or of objects with an {@code id} (and optionally a
 * {@code label} or {@code name} to show). The lists of several modules are merged by value, sorted, a real label
 * preferred over a bare id. A list that cannot be had is left out: the field stays free text.
 */
final class PickLists {

  /** Which list fills a parameter, by the parameter names the runtime also uses to guess categories. */
  private static final Map<String, String> LIST_OF_PARAMETER = Map.of(
      "course", "courses", "course_id", "courses",
      "user", "students", "username", "students", "student", "students", "user_id", "students",
      "video", "videos", "problem", "problems");
  private static final int MAX_OPTIONS = 1_000;

  /** One choice: the parameter value and what people see. */
  record Option(String value, String label) {
  }

  private final Vertx vertx;
  private final DeliveryOptions options;

  PickLists(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
  }

  /** The list that offers values for a parameter called {@code parameter}, if the convention names one. */
  static Optional<String> listFor(String parameter) {
    return Optional.ofNullable(LIST_OF_PARAMETER.get(parameter));
  }

  /**
   * The lists the given parameters need, keyed by list name, as {@code caller} may see them (the queries are called
   * on their behalf; an instructor's courses are theirs); never fails.
   */
  Future<Map<String, List<Option>>> fetch(Catalog catalog, Collection<String> parameters, Caller caller) {
    Set<String> lists = new LinkedHashSet<>();
    parameters.forEach(p -> listFor(p).ifPresent(lists::add));
    Map<String, List<Option>> found = new TreeMap<>();
    List<Future<?>> calls = new ArrayList<>();
    for (String list : lists) {
      for (String module : providers(catalog, list)) {
        calls.add(call(module, list, caller).onSuccess(values -> found.merge(list, values, PickLists::merge)));
      }
    }
    return Future.join(calls).transform(done -> Future.succeededFuture(found));
  }

  private static List<String> providers(Catalog catalog, String list) {
    return catalog.modules().stream()
        .filter(m -> Catalog.objects(m.getJsonArray("queries")).stream().anyMatch(q -> list.equals(q.getString("name"))
            && Catalog.objects(q.getJsonArray("parameters")).stream().noneMatch(p -> p.getBoolean("required"))))
        .map(m -> m.getString("name")).toList();
  }

  private static List<Option> merge(List<Option> one, List<Option> other) {
    Map<String, Option> byValue = new TreeMap<>();
    for (Option option : one) {
      byValue.put(option.value(), option);
    }
    for (Option option : other) {
      byValue.merge(option.value(), option, (kept, next) -> kept.label().equals(kept.value()) ? next : kept);
    }
    return byValue.values().stream().limit(MAX_OPTIONS).toList();
  }

  private Future<List<Option>> call(String module, String list, Caller caller) {
    JsonObject request = CallRequest.onBehalfOf(CallRequest.query(list, Map.of()), caller);
    return vertx.eventBus().<JsonObject>request(Addresses.moduleCall(module), request, options)
        .map(reply -> reply.body().getValue("result") instanceof JsonArray values ? options(values)
            : List.<Option>of())
        .map(found -> "courses".equals(list) && !caller.courses().isEmpty() ? found.stream()
            .filter(o -> caller.courses().contains(o.value())).toList() : found);
  }

  private static List<Option> options(JsonArray values) {
    List<Option> out = new ArrayList<>();
    for (Object value : values) {
      if (out.size() == MAX_OPTIONS) {
        break;
      }
      if (value instanceof JsonObject object && object.getValue("id") != null) {
        String id = String.valueOf(object.getValue("id"));
        out.add(new Option(id, String.valueOf(object.getValue("label", object.getValue("name", id)))));
      } else if (value instanceof String || value instanceof Number) {
        out.add(new Option(String.valueOf(value), String.valueOf(value)));
      }
    }
    return out;
  }
}
