package org.anserv.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a request parameter of a {@link View} or {@link Query} and injects its value. Supported parameter types:
 * {@code String}, {@code int}/{@code Integer}, {@code long}/{@code Long}, {@code double}/{@code Double} and
 * {@code boolean}/{@code Boolean}. A request without the parameter gets {@link #defaultValue()}; with no default the
 * parameter is required and the caller gets a 400 naming it.
 *
 * <pre>{@code
 * @Query
 * public List<JsonObject> top(@Param(value = "limit", defaultValue = "10") int limit, Db db) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {

  /** Marks "no default value": the parameter is required. */
  String REQUIRED = "\u0000required";

  /** The parameter's name in requests: letters, digits, {@code _} and {@code -}. */
  String value();

  /** One sentence shown in the schema and on the dashboard's form. */
  String description() default "";

  /** The value used when the request has none; by default the parameter is required. */
  String defaultValue() default REQUIRED;
}
