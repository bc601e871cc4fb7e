package org.anserv.runtime.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB stand-in used when no connection string is configured: mongo-java-server on loopback, speaking the
 * real wire protocol so mongosh and drivers can inspect it. Module state only; it does not fsync, so it never holds
 * the event log.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MongoServer server, int port) {
    this.server = server;
    server.bind("127.0.0.1", port);
    this.address = server.getLocalAddress();
  }

  /** A server keeping its data in memory, gone when closed, on any free port: for tests. */
  public static EmbeddedMongo inMemory() {
    return inMemory(0);
  }

  /**
   * A server keeping its data in memory, gone when closed: for tests and demo clusters whose other nodes connect
   * to it.
   *
   * @param port the loopback port, 0 for any
   * @return the running server
   */
  public static EmbeddedMongo inMemory(int port) {
    return new EmbeddedMongo(new MongoServer(new MemoryBackend()), port);
  }

  /** A server keeping its data in an H2 file under {@code directory}, listening on {@code port} (0 for any). */
  public static EmbeddedMongo onDisk(Path directory, int port) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the embedded MongoDB directory " + directory, e);
    }
    return new EmbeddedMongo(new MongoServer(new H2Backend(directory.resolve("mongo.mv").toString())), port);
  }

  /** The connection string of this server. */
  public String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
