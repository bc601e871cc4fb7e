package org.anserv.runtime.log.local;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.anserv.runtime.log.EventId;
import org.anserv.runtime.log.LogRecord;

/**
 * Walks the frames of one segment file sequentially, checking each one's length and checksum, through one
 * reusable buffer filled by large positional reads.
 */
final class FrameReader {

  /** What {@link #next()} found. */
  enum Status {
    /** A whole, intact frame: its fields are readable. */
    FRAME,
    /** The clean end of the range. */
    END,
    /** A frame cut short or failing its checksum: a torn write, or corruption. */
    TORN
  }

  private final FileChannel channel;
  private final long limit;
  private ByteBuffer buffer;
  private long readPosition;
  private long framePosition;
  private int frameSize;
  private long offset;
  private long appendedAtMillis;
  private long idHigh;
  private long idLow;
  private int payloadStart;
  private int payloadLength;
  private String tornReason;

  /**
   * Creates a reader of the frames from {@code position} (a frame start) up to {@code limit} (exclusive).
   */
  FrameReader(FileChannel channel, long position, long limit, int bufferSize) {
    this.channel = channel;
    this.limit = limit;
    this.readPosition = position;
    this.framePosition = position;
    this.buffer = ByteBuffer.allocate(bufferSize).flip();
  }

  Status next() throws IOException {
    framePosition += frameSize;
    frameSize = 0;
    if (!fill(RecordFormat.FRAME_HEADER)) {
      return buffer.hasRemaining() || readPosition < limit ? torn("incomplete frame header") : Status.END;
    }
    int at = buffer.position();
    int bodyLength = buffer.getInt(at);
    if (bodyLength < RecordFormat.BODY_HEADER || bodyLength > RecordFormat.BODY_HEADER + RecordFormat.MAX_PAYLOAD) {
      return torn("impossible frame length " + bodyLength);
    }
    if (!fill(RecordFormat.FRAME_HEADER + bodyLength)) {
      return torn("frame of " + bodyLength + " bytes cut short");
    }
    at = buffer.position();
    int stored = buffer.getInt(at + 4);
    if (stored != RecordFormat.checksum(buffer.array(), at + RecordFormat.FRAME_HEADER, bodyLength)) {
      return torn("checksum mismatch");
    }
    offset = buffer.getLong(at + 8);
    appendedAtMillis = buffer.getLong(at + 16);
    idHigh = buffer.getLong(at + 24);
    idLow = buffer.getLong(at + 32);
    payloadStart = at + RecordFormat.FRAME_HEADER + RecordFormat.BODY_HEADER;
    payloadLength = bodyLength - RecordFormat.BODY_HEADER;
    frameSize = RecordFormat.FRAME_HEADER + bodyLength;
    buffer.position(at + frameSize);
    return Status.FRAME;
  }

  /** File position of the frame last returned, or of the torn bytes. */
  long framePosition() {
    return framePosition;
  }

  /** File position just after the frame last returned. */
  long frameEnd() {
    return framePosition + frameSize;
  }

  long offset() {
    return offset;
  }

  long appendedAtMillis() {
    return appendedAtMillis;
  }

  long idHigh() {
    return idHigh;
  }

  long idLow() {
    return idLow;
  }

  String tornReason() {
    return tornReason;
  }

  /** Copies the frame last returned into a record. */
  LogRecord record() {
    byte[] payload = Arrays.copyOfRange(buffer.array(), payloadStart, payloadStart + payloadLength);
    return new LogRecord(offset, new EventId(idHigh, idLow), appendedAtMillis, Buffer.buffer(payload));
  }

  private Status torn(String reason) {
    tornReason = reason;
    return Status.TORN;
  }

  private boolean fill(int wanted) throws IOException {
    if (buffer.remaining() >= wanted) {
      return true;
    }
    ByteBuffer target = buffer.capacity() >= wanted
        ? buffer.compact()
        : ByteBuffer.allocate(Math.max(wanted, buffer.capacity() * 2)).put(buffer);
    while (target.position() < wanted && readPosition < limit) {
      target.limit((int) Math.min(target.capacity(), target.position() + (limit - readPosition)));
      int read = channel.read(target, readPosition);
      target.limit(target.capacity());
      if (read < 0) {
        break;
      }
      readPosition += read;
    }
    buffer = target.flip();
    return buffer.remaining() >= wanted;
  }
}
