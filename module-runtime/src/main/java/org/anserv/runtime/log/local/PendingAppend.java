package org.anserv.runtime.log.local;

import org.anserv.runtime.log.Reply;
import java.util.List;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogEntry;

/** One append waiting for the writer: its entries, their size as framed, and where to answer. */
record PendingAppend(List<LogEntry> entries, long bytes, Reply<List<AppendResult>> reply) {
}
