package org.anserv.api;

/**
 * How the answers of a sharded module's shards combine into one, for a query that does not name a shard key
 * ({@link Query#merge()}, {@link Scope}). The runtime asks every shard and combines what they answered.
 */
public enum Merge {

  /** The query must name the shard key; the only kind a {@link Scope#GLOBAL} module needs. */
  NONE,

  /**
   * Numbers are added, objects are merged key by key (values under the same key combined the same way), arrays are
   * concatenated in shard order, and a string, boolean or null must be the same on every shard that answers one.
   * Right for counts, sums and lists; wrong for averages or top-N lists (answer their parts: a sum and a count).
   */
  SUM
}
