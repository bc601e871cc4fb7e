package org.anserv.runtime.bus;

import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Every event-bus address anserv uses, in one place. Module addresses carry the module's name; nothing outside the
 * runtime sends to a module's private addresses except through {@link #moduleCall(String)},
 * {@link #moduleFiles(String)} and {@link #moduleEvents(String)}.
 */
public final class Addresses {

  /** Events submitted for delivery: intake and module emitters send {@link EventBatch}es here. */
  public static final String SUBMIT = "anserv.events.submit";

  /** Accepted events, published to every module. */
  public static final String EVENTS = "anserv.events";

  /** A module announces its schema here when it starts ({@code JsonObject}). */
  public static final String REGISTER = "anserv.registry.register";

  /** In a cluster, each node publishes here the schemas of the modules it runs ({@code JsonObject}). */
  public static final String ANNOUNCE = "anserv.registry.announce";

  /** Answers with the schema of every deployed module and every module that failed to deploy. */
  public static final String SCHEMA = "anserv.registry.schema";

  /** Rebuilds a module's state from the event log (the module's name, a {@code String}); answers when done. */
  public static final String REBUILD = "anserv.runtime.rebuild";

  /** The header of a file answered on {@link #moduleFiles(String)} that carries its content type. */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  private Addresses() {
  }

  /**
   * How to send to {@link #SUBMIT}: to this node's own router. Every node of a cluster appends to the same shared
   * log, so a batch gains nothing by crossing to another node, and would fail with it if that node froze or died.
   *
   * @param timeoutMillis how long the sender waits for the router's answer
   */
  public static DeliveryOptions submitOptions(long timeoutMillis) {
    return new DeliveryOptions().setSendTimeout(timeoutMillis).setLocalOnly(true);
  }

  /**
   * Where a node running modules in a separate process answers its supervisor's pings; {@code token} is given to
   * that process when it is started, so each supervisor pings its own process only.
   */
  public static String processPing(String token) {
    return "anserv.process." + token + ".ping";
  }

  /** Where a module answers view and query calls. */
  public static String moduleCall(String module) {
    return "anserv.module." + module + ".call";
  }

  /**
   * Where a module's stored files are read: the body is the file's name ({@code String}); the answer is its content
   * ({@code Buffer}) with its content type in header {@link #CONTENT_TYPE_HEADER}, or failure 404.
   */
  public static String moduleFiles(String module) {
    return "anserv.module." + module + ".files";
  }

  /** Where a module takes events it must handle before the sender gets its answer (hard realtime). */
  public static String moduleEvents(String module) {
    return "anserv.module." + module + ".events";
  }
}
