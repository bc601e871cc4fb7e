package org.anserv.gateway.cluster;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which modules this node may run: those named in {@code node.modules} (all when unset), except those running in
 * processes of their own ({@code modules.<name>.isolation=process}), which only their process runs.
 *
 * @param only the modules this node is limited to; empty for every module
 * @param elsewhere the modules this node never runs because a process of their own does
 */
public record NodeScope(Set<String> only, Set<String> elsewhere) {

  /**
   * Reads {@code node.modules}.
   *
   * @param config the node's configuration
   * @param elsewhere the modules run by processes of their own
   * @return the scope
   */
  public static NodeScope fromConfig(JsonObject config, Set<String> elsewhere) {
    Set<String> only = Arrays.stream(config.getString("node.modules", "").split(",")).map(String::strip)
        .filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new NodeScope(only, Set.copyOf(elsewhere));
  }

  /** Whether this node may run module {@code name}. */
  public boolean runs(String name) {
    return (only.isEmpty() || only.contains(name)) && !elsewhere.contains(name);
  }

  /**
   * Whether this node runs some modules only: it then takes every one it may run (another node of the same scope
   * is its stand-by) and is left out of the fair share of the others.
   */
  public boolean limited() {
    return !only.isEmpty();
  }
}
