/**
 * Benchmarks behind design choices, run by hand (see BENCHMARKS.md at the repository root for how and what they
 * measured). Nothing here is part of the server.
 */
package org.anserv.bench;
