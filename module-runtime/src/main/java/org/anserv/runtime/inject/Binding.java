package org.anserv.runtime.inject;

import org.anserv.runtime.define.ParamSpec;

/**
 * How one method parameter is filled: its resolver, and what the parameter declares to the outside.
 *
 * @param resolver produces the argument at call time
 * @param param the request parameter it declares, or {@code null}
 * @param readsFrom the other module whose database it reads, or {@code null}
 * @param batch whether it receives the {@code List<Event>} of a batched handler
 */
public record Binding(Resolver resolver, ParamSpec param, String readsFrom, boolean batch) {

  /** A binding of a handle, declaring nothing to the outside. */
  static Binding of(Resolver resolver) {
    return new Binding(resolver, null, null, false);
  }
}
