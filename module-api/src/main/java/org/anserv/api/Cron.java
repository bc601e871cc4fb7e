package org.anserv.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method periodically, either at a fixed interval ({@link #every()}) or on a cron schedule
 * ({@link #expression()}); set exactly one. A run that is still going when the next is due is not overlapped: the
 * due run is skipped and counted as missed. The method may take {@link Db}, {@link Emitter}, {@link Queries} and
 * {@link ReadOnlyDb} parameters and returns {@code void}, a value or a {@link io.vertx.core.Future}.
 *
 * <pre>{@code
 * @Cron(every = "5m")
 * public Future<Void> compact(Db db) { ... }
 *
 * @Cron(expression = "0 3 * * *")   // every day at 03:00 UTC
 * public void nightly(Db db) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cron {

  /** A fixed interval: a number and a unit, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, e.g. {@code "30s"}. */
  String every() default "";

  /**
   * A five-field cron expression, minute hour day-of-month month day-of-week, evaluated in UTC. Fields accept
   * {@code *}, numbers, ranges {@code a-b}, lists {@code a,b} and steps {@code *}{@code /n} or {@code a-b/n}.
   */
  String expression() default "";
}
