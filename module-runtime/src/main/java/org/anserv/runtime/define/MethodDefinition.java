package org.anserv.runtime.define;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.anserv.api.Category;
import org.anserv.api.Merge;
import org.anserv.runtime.access.EndpointAccess;
import org.anserv.runtime.cron.Schedule;
import org.anserv.runtime.inject.Binding;

/**
 * One validated module method with everything needed to call it: its bound handle and the resolvers of its
 * parameters, chosen at deploy time.
 *
 * @param kind what the method is
 * @param name its name in URLs, metrics and the schema
 * @param nameGuessed whether the name was derived from the method's name
 * @param signature {@code Class.method(Type, ...)}, for messages
 * @param description the author's description, possibly empty
 * @param handle the method, bound to the module instance
 * @param bindings how each parameter is injected, in order
 * @param categories what a view or query is about; empty for handlers and crons
 * @param categoryGuessed whether the categories were guessed from the parameters
 * @param filter the events a handler receives, or {@code null}
 * @param mode how a handler receives them, or {@code null}
 * @param schedule when a cron method runs, or {@code null}
 * @param memoize how long results are kept, or {@code null}
 * @param access who may call a view or query through the gateway; {@code null} for handlers and crons
 * @param merge how a sharded module's shards' answers to a query combine; {@code null} for all but queries
 */
public record MethodDefinition(MethodKind kind, String name, boolean nameGuessed, String signature,
    String description, MethodHandle handle, List<Binding> bindings, Set<Category> categories,
    boolean categoryGuessed, EventFilter filter, HandlerMode mode, Schedule schedule, Duration memoize,
    EndpointAccess access, Merge merge) {

  public MethodDefinition {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(name);
    bindings = List.copyOf(bindings);
    categories = Set.copyOf(categories);
  }

  /** The request parameters the method declares. */
  public List<ParamSpec> params() {
    return bindings.stream().map(Binding::param).filter(Objects::nonNull).toList();
  }

  /** The categories joined in canonical order, e.g. {@code student+course}. */
  public String categoryLabel() {
    StringBuilder label = new StringBuilder();
    for (Category c : List.of(Category.STUDENT, Category.COURSE, Category.RESOURCE, Category.GLOBAL)) {
      if (categories.contains(c)) {
        label.append(label.isEmpty() ? "" : "+").append(c.label());
      }
    }
    return label.toString();
  }

  /** The method as shown in the schema. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name).put("nameGuessed", nameGuessed).put("method", signature);
    if (!description.isEmpty()) {
      json.put("description", description);
    }
    switch (kind) {
      case HANDLER -> json.put("filters", filter.toJson()).mergeIn(mode.toJson());
      case CRON -> json.put("schedule", schedule.describe());
      case VIEW, QUERY -> {
        json.put("category", categoryLabel()).put("categoryGuessed", categoryGuessed);
        json.put("parameters", new JsonArray(params().stream().map(ParamSpec::toJson).toList()));
        if (memoize != null) {
          json.put("memoizeSeconds", memoize.toSeconds());
        }
        json.put("access", access.toJson());
        if (merge != null && merge != Merge.NONE) {
          json.put("merge", merge.name().toLowerCase(Locale.ROOT));
        }
      }
    }
    List<String> reads = bindings.stream().map(Binding::readsFrom).filter(Objects::nonNull).toList();
    if (!reads.isEmpty()) {
      json.put("readsFrom", new JsonArray(reads));
    }
    return json;
  }
}
