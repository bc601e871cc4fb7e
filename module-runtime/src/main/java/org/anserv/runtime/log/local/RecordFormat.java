package org.anserv.runtime.log.local;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.anserv.runtime.log.EventId;

/**
 * The bytes of a segment file: a 16-byte header (magic, base offset), then one frame per record:
 * {@code [int bodyLength][int crc32c(body)]} and a body {@code [long offset][long appendedAtMillis][long idHigh]
 * [long idLow][payload]}, all big-endian. The checksum and the expected offset let recovery find where a torn
 * write begins.
 */
final class RecordFormat {

  static final int FILE_HEADER = 16;
  static final int FRAME_HEADER = 8;
  static final int BODY_HEADER = 32;
  /** The largest payload one record may carry. */
  static final int MAX_PAYLOAD = 16 << 20;

  private static final byte[] MAGIC = "ANSVLOG1".getBytes(StandardCharsets.US_ASCII);

  private RecordFormat() {
  }

  static int frameSize(int payloadLength) {
    return FRAME_HEADER + BODY_HEADER + payloadLength;
  }

  static void writeFileHeader(FileChannel channel, long baseOffset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(FILE_HEADER).put(MAGIC).putLong(baseOffset).flip();
    while (header.hasRemaining()) {
      channel.write(header, header.position());
    }
  }

  /** Checks the header of a segment that should start at {@code baseOffset}; false if it is missing or short. */
  static boolean hasValidHeader(FileChannel channel, long baseOffset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(FILE_HEADER);
    while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
      // a header is 16 bytes: loop only for the unusual short read
    }
    if (header.hasRemaining()) {
      return false;
    }
    byte[] magic = Arrays.copyOf(header.array(), MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("Not an anserv log segment (bad magic): " + channel);
    }
    long stored = header.getLong(MAGIC.length);
    if (stored != baseOffset) {
      throw new IOException("Segment header says base offset " + stored + " but its name says " + baseOffset);
    }
    return true;
  }

  /** Encodes one frame at the position of {@code into}, a heap buffer with room for it. */
  static void encode(ByteBuffer into, long offset, long appendedAtMillis, EventId id, Buffer payload) {
    int start = into.position();
    int bodyLength = BODY_HEADER + payload.length();
    into.putInt(bodyLength).putInt(0).putLong(offset).putLong(appendedAtMillis).putLong(id.high()).putLong(id.low());
    int payloadAt = into.position();
    payload.getBytes(0, payload.length(), into.array(), into.arrayOffset() + payloadAt);
    into.position(payloadAt + payload.length());
    into.putInt(start + 4, checksum(into.array(), into.arrayOffset() + start + FRAME_HEADER, bodyLength));
  }

  static int checksum(byte[] bytes, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, length);
    return (int) crc.getValue();
  }
}
