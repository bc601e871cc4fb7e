package org.anserv.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the module whose database a {@link ReadOnlyDb} parameter reads.
 *
 * <pre>{@code
 * @Query
 * public Future<Long> users(@From("counts") ReadOnlyDb counts) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface From {

  /** The other module's name. */
  String value();
}
