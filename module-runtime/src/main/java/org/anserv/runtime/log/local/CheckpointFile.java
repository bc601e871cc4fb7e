package org.anserv.runtime.log.local;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Consumer checkpoints in one small JSON file, replaced atomically (write a temporary file, sync it, rename,
 * sync the directory), so a crash leaves either the old or the new checkpoints, never a mix.
 */
final class CheckpointFile {

  private final Path file;
  private final boolean sync;
  private final Map<String, Long> checkpoints = new HashMap<>();

  CheckpointFile(Path file, boolean sync) throws IOException {
    this.file = file;
    this.sync = sync;
    if (Files.exists(file)) {
      JsonObject stored = new JsonObject(Files.readString(file));
      for (String consumer : stored.fieldNames()) {
        checkpoints.put(consumer, stored.getLong(consumer));
      }
    }
  }

  synchronized OptionalLong read(String consumer) {
    Long offset = checkpoints.get(consumer);
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  synchronized void commit(String consumer, long nextOffset) throws IOException {
    Long previous = checkpoints.put(consumer, nextOffset);
    try {
      save();
    } catch (IOException e) {
      if (previous == null) {
        checkpoints.remove(consumer);
      } else {
        checkpoints.put(consumer, previous);
      }
      throw e;
    }
  }

  private void save() throws IOException {
    JsonObject json = new JsonObject();
    checkpoints.forEach(json::put);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(json.encodePrettily().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      if (sync) {
        channel.force(true);
      }
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (sync) {
      Segment.syncDirectory(file.getParent());
    }
  }
}
