package org.anserv.runtime.define;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.anserv.api.Scope;

/**
 * A module that passed validation: its identity and its methods, ready to deploy.
 *
 * @param name the module's name
 * @param description the author's description
 * @param type the module class
 * @param instance the one instance every call goes to
 * @param methods every annotated method, handlers first, then views, queries and crons
 * @param scope what one instance holds state about: global, or sharded by student or resource
 */
public record ModuleDefinition(String name, String description, Class<?> type, Object instance,
    List<MethodDefinition> methods, Scope scope) {

  public ModuleDefinition {
    methods = List.copyOf(methods);
  }

  /** The methods of one kind, in declaration order. */
  public List<MethodDefinition> methods(MethodKind kind) {
    return methods.stream().filter(m -> m.kind() == kind).toList();
  }

  /** The view or query of {@code kind} named {@code name}. */
  public Optional<MethodDefinition> endpoint(MethodKind kind, String name) {
    return methods.stream().filter(m -> m.kind() == kind && m.name().equals(name)).findFirst();
  }

  /** Whether the module is split into shards by key (its scope is not global). */
  public boolean sharded() {
    return scope != Scope.GLOBAL;
  }

  /** The module as shown in the schema. */
  public JsonObject schema() {
    return new JsonObject()
        .put("name", name)
        .put("description", description)
        .put("class", type.getName())
        .put("scope", scope.name().toLowerCase(Locale.ROOT))
        .put("handlers", list(MethodKind.HANDLER))
        .put("views", list(MethodKind.VIEW))
        .put("queries", list(MethodKind.QUERY))
        .put("crons", list(MethodKind.CRON));
  }

  // A sharded module's views and queries say which parameter routes a call to its shard.
  private JsonArray list(MethodKind kind) {
    return new JsonArray(methods(kind).stream().map(method -> {
      JsonObject json = method.toJson();
      String key = kind.isEndpoint() ? ShardKeys.param(scope, method) : null;
      return key == null ? json : json.put("shardKey", key);
    }).toList());
  }
}
