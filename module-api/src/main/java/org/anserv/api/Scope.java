package org.anserv.api;

/**
 * What one instance of a module holds state about, declared with {@link Module#scope()}. It decides how the module
 * scales: a {@code GLOBAL} module runs as exactly one instance, while {@code STUDENT} and {@code RESOURCE} modules are
 * split by key into a fixed number of shards (setting {@code modules.shards}), each an instance of the module class
 * with a database of its own, spread over the nodes of a cluster.
 *
 * <p>A shard receives only the events of its keys and answers only for them, so a sharded module's views and queries
 * name the key: the student parameter ({@code user}, {@code username}, {@code student} or {@code learner}, a
 * username) of a {@code STUDENT} module, the {@code resource} (or {@code block}) parameter of a {@code RESOURCE}
 * module, a usage key as {@link Event#blockKey()} gives it. A query that spans keys declares how the shards' answers
 * combine ({@link Query#merge()}); a figure that needs every student at once (a class rank) belongs in a
 * {@code GLOBAL} module, which may ask the sharded one through {@link Queries}.
 */
public enum Scope {

  /** One instance holds everything (the default). */
  GLOBAL,

  /** Sharded by the acting student's username ({@link Event#username()}; empty for anonymous events). */
  STUDENT,

  /** Sharded by the block the event is about ({@link Event#blockKey()}; empty when it names none). */
  RESOURCE
}
