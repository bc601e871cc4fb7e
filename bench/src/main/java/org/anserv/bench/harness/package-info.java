/**
 * The benchmark harness behind {@code bench/run}: a load generator replaying the demo world over HTTP on loopback,
 * the six scenarios of BENCHMARKS.md (raw limit, intake, full system queued, hard realtime, queries, growth) against
 * a whole server in the same JVM, and one report line per scenario with its ratio to the raw limit and the memory it
 * reached.
 */
package org.anserv.bench.harness;
