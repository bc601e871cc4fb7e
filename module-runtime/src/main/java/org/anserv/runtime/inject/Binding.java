package org.anserv.runtime.inject;

import org.anserv.runtime.define.ParamSpec;

/**
 * How one method parameter is filled: its resolver, and what the parameter declares to the outside.
 *
 * @param resolver produces the argument at call time
 * @param param the request parameter it declares, or {@code null}
 * @param readsFrom the other module whose database it reads, or {@code null}
 */
public record Binding(Resolver resolver, ParamSpec param, String readsFrom) {
}
