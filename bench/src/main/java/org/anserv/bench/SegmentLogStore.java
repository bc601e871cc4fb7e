package org.anserv.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;

/** The runtime's own local log: segment files, group commit, {@code force}, dedup window. */
final class SegmentLogStore implements BenchStore {

  private final LocalEventLog log;

  SegmentLogStore(Path directory, Durability durability) throws Exception {
    this.log = LocalEventLog.open(LocalLogOptions.defaults(directory).withDurability(durability), null, null);
  }

  LocalEventLog log() {
    return log;
  }

  @Override
  public List<AppendResult> append(List<LogEntry> batch) throws Exception {
    return log.append(batch).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public List<LogRecord> read(long from, int max) throws Exception {
    return log.read(from, max).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    log.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
