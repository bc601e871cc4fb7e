package org.anserv.gateway.cluster;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which modules this node may run: none on a gateway node ({@code node.role=gateway}), else those named in
 * {@code node.modules} (all when unset), except those running in processes of their own
 * ({@code modules.<name>.isolation=process}), which only their process runs.
 *
 * @param runsModules false for a gateway node
 * @param only the modules this node is limited to; empty for every module
 * @param elsewhere the modules this node never runs because a process of their own does
 */
public record NodeScope(boolean runsModules, Set<String> only, Set<String> elsewhere) {

  /**
   * Reads {@code node.role} and {@code node.modules}.
   *
   * @param config the node's configuration
   * @param elsewhere the modules run by processes of their own
   * @return the scope
   * @throws IllegalArgumentException for an unknown role
   */
  public static NodeScope fromConfig(JsonObject config, Set<String> elsewhere) {
    String role = config.getString("node.role", "all");
    if (!role.equals("all") && !role.equals("gateway") && !role.equals("modules")) {
      throw new IllegalArgumentException("node.role must be all (events, calls and modules), gateway (events and"
          + " calls only) or modules (modules only), not \"" + role + "\"");
    }
    Set<String> only = Arrays.stream(config.getString("node.modules", "").split(",")).map(String::strip)
        .filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new NodeScope(!role.equals("gateway"), only, Set.copyOf(elsewhere));
  }

  /** Whether this node may run module {@code name}. */
  public boolean runs(String name) {
    return runsModules && (only.isEmpty() || only.contains(name)) && !elsewhere.contains(name);
  }

  /**
   * Whether this node runs some modules only: it then takes every one it may run (another node of the same scope
   * is its stand-by) and is left out of the fair share of the others.
   */
  public boolean limited() {
    return !runsModules || !only.isEmpty();
  }
}
