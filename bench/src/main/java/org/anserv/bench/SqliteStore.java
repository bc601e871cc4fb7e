package org.anserv.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.EventId;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;

/**
 * SQLite tuned as STACK.md measured it: WAL, {@code synchronous=FULL} (fsync at every commit),
 * {@code wal_autocheckpoint=16384}, 16-byte BLOB ids under a UNIQUE index, {@code INSERT OR IGNORE} as one JDBC
 * batch whose per-row update counts tell the duplicates, one transaction per batch, offsets = rowids.
 */
final class SqliteStore implements BenchStore {

  private final Connection connection;
  private final PreparedStatement insert;
  private final PreparedStatement findById;
  private final PreparedStatement select;
  private long nextOffset = 1;

  SqliteStore(Path directory) throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("log.db"));
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("PRAGMA synchronous=FULL");
      statement.execute("PRAGMA wal_autocheckpoint=16384");
      statement.execute("CREATE TABLE IF NOT EXISTS events (offset INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE,"
          + " appended_at INTEGER NOT NULL, payload BLOB NOT NULL)");
    }
    connection.setAutoCommit(false);
    insert = connection.prepareStatement("INSERT OR IGNORE INTO events (id, appended_at, payload)"
        + " VALUES (?, ?, ?)");
    findById = connection.prepareStatement("SELECT offset FROM events WHERE id = ?");
    select = connection.prepareStatement("SELECT offset, id, appended_at, payload FROM events WHERE offset >= ?"
        + " ORDER BY offset LIMIT ?");
  }

  @Override
  public List<AppendResult> append(List<LogEntry> batch) throws SQLException {
    long now = System.currentTimeMillis();
    for (LogEntry entry : batch) {
      insert.setBytes(1, entry.id().bytes());
      insert.setLong(2, now);
      insert.setBytes(3, entry.payload().getBytes());
      insert.addBatch();
    }
    int[] inserted = insert.executeBatch();
    List<AppendResult> results = new ArrayList<>(batch.size());
    for (int i = 0; i < inserted.length; i++) {
      if (inserted[i] == 1) {
        // rowids are assigned max + 1 in insertion order, so stored rows get consecutive offsets
        results.add(AppendResult.stored(nextOffset++));
      } else {
        findById.setBytes(1, batch.get(i).id().bytes());
        try (ResultSet original = findById.executeQuery()) {
          original.next();
          results.add(AppendResult.duplicateOf(original.getLong(1)));
        }
      }
    }
    connection.commit();
    return results;
  }

  @Override
  public List<LogRecord> read(long from, int max) throws SQLException {
    select.setLong(1, from);
    select.setInt(2, max);
    List<LogRecord> records = new ArrayList<>(max);
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        records.add(new LogRecord(rows.getLong(1), EventId.of(rows.getBytes(2)), rows.getLong(3),
            Buffer.buffer(rows.getBytes(4))));
      }
    }
    connection.commit();
    return records;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
