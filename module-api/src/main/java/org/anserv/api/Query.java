package org.anserv.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a method as a machine-readable query, at {@code /queries/{module}/{name}} and to other modules through
 * {@link Queries}. The method returns a JSON value ({@code JsonObject}, {@code JsonArray}, {@code String},
 * {@code Number}, {@code Boolean}, a {@code List} or {@code Map} of those, or {@code null}) or a
 * {@link io.vertx.core.Future} of one. Its request parameters are the method parameters annotated {@link Param}.
 *
 * <pre>{@code
 * @Query(description = "Events seen from one user")
 * public Future<Long> user(@Param("user") String user, Db db) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Query {

  /** The query's name in URLs: lowercase letters, digits and dashes. Empty means the method name in kebab case. */
  String name() default "";

  /** What the query is about. Empty means guessed from the parameters (see {@link Category}). */
  Category[] category() default {};

  /** One sentence shown on the dashboard and in the schema. */
  String description() default "";

  /**
   * Who may call it through the gateway; see {@link Access}. By default ({@link Access#DEFAULT}) instructors may
   * call a method that takes a course parameter and no student parameter, for their courses, and only staff may call
   * anything else.
   */
  Access access() default Access.DEFAULT;

  /**
   * For a module sharded by {@link Module#scope()}: how the shards' answers combine when a call does not name the
   * shard key. {@link Merge#NONE} (the default) makes the key required.
   */
  Merge merge() default Merge.NONE;
}
