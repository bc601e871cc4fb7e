package org.anserv.runtime.inject;

/** Produces one argument of a module method from a call's context; chosen once per parameter at deploy time. */
@FunctionalInterface
public interface Resolver {

  /** The argument for this call. May throw {@link BadParameterException} for request parameters. */
  Object resolve(CallContext context);
}
