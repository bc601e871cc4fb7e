package org.anserv.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.anserv.api.event.EventKind;

/**
 * Subscribes a method to tracking events. Every filter attribute defaults to "match everything"; attributes combine
 * with AND, values within one attribute with OR.
 *
 * <p>The method may declare any injectable parameters (at least {@link Event} is usual; a {@link Delivery#BATCHED}
 * handler declares {@code List<Event>} instead) and returns {@code void}, a value, or a {@link io.vertx.core.Future}
 * that completes when the event has been handled. A handler that fails is counted and logged, and the next event
 * follows: failed events are not retried.
 *
 * <pre>{@code
 * @EventHandler(types = {"play_video", "edx.video.*"}, sources = Source.BROWSER)
 * public Future<Void> onVideo(Event event, Db db) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventHandler {

  /**
   * Event types to receive, matched against {@link Event#type()}, {@link Event#name()} and, for xAPI statements,
   * {@link Event#verb()} (the verb IRI, e.g. {@code "https://w3id.org/xapi/video/verbs/played"}). An entry ending
   * with {@code *}, {@code .} or {@code _} is a prefix ({@code "problem_"}, {@code "edx.video."}, {@code "edx.*"});
   * any other entry is an exact name. Empty means every type. A statement's type is the edX type it was made from,
   * so {@code "play_video"} receives the {@code played} statements too.
   */
  String[] types() default {};

  /**
   * Kinds of events to receive, as {@link Event#kind()} reads them: the same for a tracking event and the xAPI
   * statement made of it, so a handler on {@code EventKind.VIDEO_PLAYED} gets {@code play_video},
   * {@code edx.video.played} and the {@code played} statements. Empty means every kind. Give either kinds or types,
   * not both.
   *
   * <pre>{@code
   * @EventHandler(kinds = {EventKind.PROBLEM_CHECKED, EventKind.PROBLEM_ANSWER_SHOWN})
   * }</pre>
   */
  EventKind[] kinds() default {};

  /** Event sources to receive, as {@link Event#source()} reads them. Empty means every source. */
  Source[] sources() default {};

  /**
   * Course ids to receive, exact, as {@link Event#courseId()} reads them (usually {@code context.course_id}). Empty
   * means every course and events without one.
   */
  String[] courses() default {};

  /** How events reach the handler; see {@link Delivery}. */
  Delivery delivery() default Delivery.REALTIME;

  /** For {@link Delivery#BATCHED}: the most events in one call. */
  int batchSize() default 1000;

  /** For {@link Delivery#BATCHED}: the longest a waiting event is held before its batch is handed over. */
  int batchSeconds() default 5;
}
