package org.anserv.runtime.store;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Bytes already in memory as a {@link ReadStream}, in GridFS-sized chunks, for APIs that take only streams (the
 * GridFS upload). Honours {@code pause} and {@code fetch}, which the MongoDB driver calls from its own threads, and
 * emits on {@code context}.
 */
final class BufferStream implements ReadStream<Buffer> {

  private static final int CHUNK = 255 * 1024;

  private final Context context;
  private final Buffer content;
  private int position;
  private long demand = Long.MAX_VALUE;
  private boolean scheduled;
  private boolean ended;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;

  BufferStream(Context context, Buffer content) {
    this.context = context;
    this.content = content;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public synchronized ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    schedule();
    return this;
  }

  @Override
  public synchronized ReadStream<Buffer> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public synchronized ReadStream<Buffer> fetch(long amount) {
    demand = Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public synchronized ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  private void schedule() {
    if (!scheduled && !ended && handler != null && demand > 0) {
      scheduled = true;
      context.runOnContext(v -> emit());
    }
  }

  // Handlers run outside the lock: they may call pause or fetch, from this thread or another.
  private void emit() {
    while (true) {
      Handler<Buffer> target;
      Buffer chunk;
      synchronized (this) {
        if (ended || handler == null || demand == 0) {
          scheduled = false;
          return;
        }
        if (position >= content.length()) {
          ended = true;
          scheduled = false;
          break;
        }
        int end = Math.min(position + CHUNK, content.length());
        chunk = content.getBuffer(position, end);
        position = end;
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        target = handler;
      }
      target.handle(chunk);
    }
    Handler<Void> onEnd;
    synchronized (this) {
      onEnd = endHandler;
    }
    if (onEnd != null) {
      onEnd.handle(null);
    }
  }
}
