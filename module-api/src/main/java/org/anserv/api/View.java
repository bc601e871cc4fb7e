package org.anserv.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a method as an HTML view on the dashboard, at {@code /views/{module}/{name}}. The method returns a
 * {@link Template} (rendered with Handlebars from the module's own resources, values escaped) or {@link Html}, or a
 * {@link io.vertx.core.Future} of either. Its request parameters are the method parameters annotated {@link Param}.
 *
 * <pre>{@code
 * @View(description = "Events per day in one course")
 * public Future<Template> activity(@Param("course") String course, Db db) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface View {

  /** The view's name in URLs: lowercase letters, digits and dashes. Empty means the method name in kebab case. */
  String name() default "";

  /** What the view is about. Empty means guessed from the parameters (see {@link Category}). */
  Category[] category() default {};

  /** One sentence shown on the dashboard. */
  String description() default "";

  /**
   * Who may call it through the gateway; see {@link Access}. By default ({@link Access#DEFAULT}) instructors may
   * call a method that takes a course parameter and no student parameter, for their courses, and only staff may call
   * anything else.
   */
  Access access() default Access.DEFAULT;
}
