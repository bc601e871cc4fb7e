package org.anserv.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a plain class as an analytics module. The runtime creates one instance with its public no-argument
 * constructor, deploys it as its own verticle and calls its annotated methods one at a time, so the class needs no
 * thread-safety of its own.
 *
 * <p>List the class in {@code META-INF/anserv/modules} (one fully qualified class name per line) so the runtime can
 * find it on the classpath or in a jar of the modules directory.
 *
 * <pre>{@code
 * @Module(name = "counts", description = "Events per user and in total")
 * public class Counts { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Module {

  /**
   * The module's name: lowercase letters, digits and dashes, starting with a letter. It names the module's database,
   * its URLs and its metrics. Empty means guessed from the class name ({@code VideoEngagement} becomes
   * {@code video-engagement}).
   */
  String name() default "";

  /** One or two sentences shown on the dashboard and in the schema. */
  String description() default "";

  /**
   * What one instance holds state about: {@link Scope#GLOBAL} (the default) runs as one instance; a
   * {@link Scope#STUDENT} or {@link Scope#RESOURCE} module is sharded by key, and its views and queries name the key.
   */
  Scope scope() default Scope.GLOBAL;
}
