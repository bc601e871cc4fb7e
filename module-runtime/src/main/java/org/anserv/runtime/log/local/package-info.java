/**
 * The single-node event log: segment files on local disk with group commit and {@code FileChannel.force}.
 *
 * <p>Layout under the log directory: {@code 00000000000000000000.log}, one file per segment named by its first
 * offset, each a 16-byte header then frames {@code [int length][int crc32c][long offset][long appendedAtMillis]
 * [16-byte id][payload]}; beside each sealed segment a {@code .idx} file (its ids and a sparse offset index, so
 * opening reads neither sealed segment); {@code checkpoints.json}; and a {@code lock} file that keeps a second
 * process out. Why segment files and not SQLite or Chronicle Queue: see docs/EVENT-LOG.md.
 */
package org.anserv.runtime.log.local;
