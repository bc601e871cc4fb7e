package org.anserv.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;

/** The disk's limit: length-prefixed payloads appended to one file and forced, no checksum, no dedup, no reads. */
final class RawFileStore implements BenchStore {

  private final FileChannel channel;
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
  private long next;

  RawFileStore(Path directory) throws IOException {
    channel = FileChannel.open(directory.resolve("raw.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  @Override
  public List<AppendResult> append(List<LogEntry> batch) throws IOException {
    buffer.clear();
    List<AppendResult> results = new ArrayList<>(batch.size());
    for (LogEntry entry : batch) {
      if (buffer.remaining() < entry.payload().length() + 4) {
        buffer = ByteBuffer.allocate(buffer.capacity() * 2 + entry.payload().length()).put(buffer.flip());
      }
      buffer.putInt(entry.payload().length()).put(entry.payload().getBytes());
      results.add(AppendResult.stored(next++));
    }
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
    return results;
  }

  @Override
  public List<LogRecord> read(long from, int max) {
    return null;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
