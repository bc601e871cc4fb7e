package org.anserv.runtime.define;

import java.util.List;
import org.anserv.api.Merge;
import org.anserv.api.Scope;
import org.anserv.runtime.access.EndpointAccess;

/**
 * Which parameter of a sharded module's view or query names the shard key, and the deploy-time checks that every
 * view and query of such a module either names it or declares how its shards' answers merge.
 */
public final class ShardKeys {

  // Student parameters that hold a username, the key events are sharded by (not a numeric id, not an email).
  private static final List<String> USERNAME_PARAMS = List.of("user", "username", "student", "learner");
  private static final List<String> RESOURCE_PARAMS = List.of("resource", "block");

  private ShardKeys() {
  }

  /** The parameter of {@code method} naming {@code scope}'s key, or {@code null} (always for a global module). */
  public static String param(Scope scope, MethodDefinition method) {
    return switch (scope) {
      case GLOBAL -> null;
      case STUDENT -> method.access().studentParam() != null
          && USERNAME_PARAMS.contains(EndpointAccess.normalized(method.access().studentParam()))
          ? method.access().studentParam() : null;
      case RESOURCE -> method.params().stream().filter(p -> RESOURCE_PARAMS.contains(EndpointAccess.normalized(
          p.name()))).map(ParamSpec::name).findFirst().orElse(null);
    };
  }

  /** Adds to {@code problems} every view or query of a {@code scope} module that can reach no shard. */
  static void check(String module, Scope scope, List<MethodDefinition> methods, List<String> problems) {
    if (scope == Scope.GLOBAL) {
      return;
    }
    String wanted = scope == Scope.STUDENT ? "a String student parameter holding the username (" + USERNAME_PARAMS
        + ")" : "a String parameter " + RESOURCE_PARAMS + " holding the block's usage key";
    for (MethodDefinition method : methods) {
      if (!method.kind().isEndpoint()) {
        continue;
      }
      String key = param(scope, method);
      String where = method.kind().annotation() + " method '" + method.signature() + "' of module '" + module
          + "' (scope " + scope + ", sharded by key)";
      if (key != null) {
        if (method.params().stream().anyMatch(p -> p.name().equals(key) && p.type() != String.class)) {
          problems.add(where + " takes its key '" + key + "' as a non-String: declare it String.");
        }
      } else if (method.kind() == MethodKind.VIEW) {
        problems.add(where + " takes no key, so no shard can answer it: take " + wanted + ", or move the view to a"
            + " GLOBAL module that asks this one's queries.");
      } else if (method.merge() == Merge.NONE) {
        problems.add(where + " takes no key, so no one shard can answer it: take " + wanted + ", or declare how"
            + " the shards' answers combine, e.g. @Query(merge = Merge.SUM).");
      }
    }
  }
}
