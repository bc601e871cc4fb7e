package org.anserv.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a {@link Query} or {@link View} result for a number of seconds per distinct set of parameters, so repeated
 * calls within that time are answered without calling the method. Every result is kept, including {@code null},
 * {@code false}, {@code 0} and empty collections; failures are not kept. The view or query keeps its name, category,
 * description and parameters.
 *
 * <pre>{@code
 * @Query
 * @Memoize(60)
 * public Future<JsonObject> expensive(Db db) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Memoize {

  /** How long a result is kept, in seconds; at least 1. */
  int value();
}
