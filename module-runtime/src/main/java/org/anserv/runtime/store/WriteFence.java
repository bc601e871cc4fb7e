package org.anserv.runtime.store;

import io.vertx.core.Future;

/**
 * Lets writes of module state through. In a cluster a node that was frozen or cut off may have lost a module to
 * another node, which rebuilds its state: until this node has confirmed it still owns the module, its writes wait,
 * and they fail if it does not, so a stale instance cannot overwrite what the new one wrote.
 */
@FunctionalInterface
public interface WriteFence {

  /** Always open: a node alone owns its modules. */
  WriteFence OPEN = module -> Future.succeededFuture();

  /**
   * Completes when module {@code module} may write; fails with a {@link FencedWriteException} when it may not.
   *
   * @param module the module's name
   * @return the permission
   */
  Future<Void> permit(String module);
}
