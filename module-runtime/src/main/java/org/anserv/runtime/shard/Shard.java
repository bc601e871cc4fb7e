package org.anserv.runtime.shard;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.anserv.api.Event;
import org.anserv.api.Scope;
import org.anserv.api.event.UsageKey;

/**
 * One shard of a sharded module: {@code index} of {@code count}. Each shard is an instance of the module with a
 * database, event-bus addresses, metrics and cluster placement of its own, named {@link #instance(String)}; it
 * handles the events whose key ({@link #keyOf(Scope, Event)}) hashes to it, and answers the calls naming such a key.
 * The {@linkplain #WHOLE whole} module (one shard of one) keeps the module's own name, so a module on a single node
 * is stored and addressed as it always was.
 *
 * @param index this shard, from 0
 * @param count how many shards the module has
 */
public record Shard(int index, int count) {

  /** A module that is not split: every key is its own. */
  public static final Shard WHOLE = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("No shard " + index + " of " + count);
    }
  }

  /**
   * The name this shard of {@code module} runs under: the module's name for the whole module, else
   * {@code module#<index>of<count>}. The count is part of the name so that a module whose shard count changed
   * starts on fresh databases, rebuilt from the log, rather than on state split another way; {@code #} never occurs
   * in module names, so no module's own database can take a shard's name.
   */
  public String instance(String module) {
    return count == 1 ? module : module + "#" + index + "of" + count;
  }

  /** The module name an {@linkplain #instance(String) instance name} belongs to. */
  public static String moduleOf(String instance) {
    int hash = instance.indexOf('#');
    return hash < 0 ? instance : instance.substring(0, hash);
  }

  /** Whether {@code event} belongs to this shard of a module of {@code scope}. */
  public boolean owns(Scope scope, Event event) {
    return count == 1 || indexOf(keyOf(scope, event), count) == index;
  }

  /** The shard key of {@code event} for a module of {@code scope}: username, block id, or empty. */
  public static String keyOf(Scope scope, Event event) {
    Optional<String> key = switch (scope) {
      case GLOBAL -> Optional.empty();
      case STUDENT -> event.username();
      case RESOURCE -> event.blockKey().map(UsageKey::blockId);
    };
    return key.orElse("");
  }

  /**
   * The shard key a call's key parameter names: the username itself, or the block id of a usage key (a full
   * {@code block-v1:...} key or a bare block id alike), as {@link #keyOf(Scope, Event)} takes it from events.
   */
  public static String keyOf(Scope scope, String parameter) {
    return scope == Scope.RESOURCE ? UsageKey.parse(parameter).map(UsageKey::blockId).orElse(parameter) : parameter;
  }

  /**
   * The shard of {@code count} that holds {@code key}: FNV-1a over the key's UTF-8 bytes, then a final mixer, so that
   * keys differing in their last characters (user1, user2, ...) spread evenly. Stable across JVMs and versions: it
   * decides where state lives.
   */
  public static int indexOf(String key, int count) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    return (int) Long.remainderUnsigned(hash, count);
  }
}
