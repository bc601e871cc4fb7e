package org.anserv.bench;

import java.util.List;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;

/** One contender for the event log, driven synchronously: each call returns once its work is durable. */
interface BenchStore extends AutoCloseable {

  /** Appends a batch durably, deduplicating by id if the store can. */
  List<AppendResult> append(List<LogEntry> batch) throws Exception;

  /** Reads up to {@code max} records from {@code from}, or null if the store cannot read. */
  List<LogRecord> read(long from, int max) throws Exception;

  @Override
  void close() throws Exception;
}
