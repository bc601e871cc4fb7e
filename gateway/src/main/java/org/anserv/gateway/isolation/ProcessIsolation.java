package org.anserv.gateway.isolation;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anserv.gateway.GatewaySettings;

/**
 * Which modules run in a JVM of their own, and how those processes are watched ({@code modules.<name>.isolation},
 * {@code modules.<name>.process.*}, {@code modules.process.*}).
 *
 * @param heapMegabytes the isolated modules and the heap limit of each one's process
 *     ({@code modules.<name>.process.heap.mb}, default 256)
 * @param pingMillis how often a process is pinged over the event bus ({@code modules.process.ping.ms}, default 1000)
 * @param hangMillis how long a started process may leave pings unanswered before it is killed
 *     ({@code modules.process.hang.ms}, default 5000)
 * @param startMillis how long a process may take to answer its first ping ({@code modules.process.start.ms}, default
 *     90000: it joins the cluster, connects to the log and may rebuild its module first)
 * @param restartMinMillis the first restart delay, doubled at each crash in a row
 *     ({@code modules.process.restart.min.ms}, default 1000)
 * @param restartMaxMillis the longest restart delay ({@code modules.process.restart.max.ms}, default 60000)
 */
public record ProcessIsolation(Map<String, Integer> heapMegabytes, long pingMillis, long hangMillis,
    long startMillis, long restartMinMillis, long restartMaxMillis) {

  private static final Pattern ISOLATION_KEY = Pattern.compile("modules\\.([a-z][a-z0-9-]*)\\.isolation");

  /**
   * Reads the settings.
   *
   * @param config the node's configuration
   * @return the settings; no module isolated when no {@code modules.<name>.isolation=process} is set
   * @throws IllegalArgumentException for an unknown isolation mode or a limit out of range
   */
  public static ProcessIsolation fromConfig(JsonObject config) {
    Map<String, Integer> heaps = new TreeMap<>();
    for (String key : config.fieldNames()) {
      Matcher matcher = ISOLATION_KEY.matcher(key);
      if (!matcher.matches()) {
        continue;
      }
      String mode = String.valueOf(config.getValue(key)).strip().toLowerCase(Locale.ROOT);
      if (mode.equals("process")) {
        String module = matcher.group(1);
        int heap = GatewaySettings.number(config, "modules." + module + ".process.heap.mb", 256).intValue();
        if (heap < 32) {
          throw new IllegalArgumentException("modules." + module + ".process.heap.mb must be at least 32, not "
              + heap);
        }
        heaps.put(module, heap);
      } else if (!mode.equals("in-process")) {
        throw new IllegalArgumentException("Setting '" + key + "' must be in-process or process, not \"" + mode
            + "\".");
      }
    }
    ProcessIsolation settings = new ProcessIsolation(Map.copyOf(heaps),
        GatewaySettings.number(config, "modules.process.ping.ms", 1_000).longValue(),
        GatewaySettings.number(config, "modules.process.hang.ms", 5_000).longValue(),
        GatewaySettings.number(config, "modules.process.start.ms", 90_000).longValue(),
        GatewaySettings.number(config, "modules.process.restart.min.ms", 1_000).longValue(),
        GatewaySettings.number(config, "modules.process.restart.max.ms", 60_000).longValue());
    if (settings.pingMillis() < 100 || settings.hangMillis() < 2 * settings.pingMillis()) {
      throw new IllegalArgumentException("modules.process.ping.ms must be at least 100 and modules.process.hang.ms"
          + " at least twice it (now " + settings.pingMillis() + " and " + settings.hangMillis() + ")");
    }
    if (settings.restartMinMillis() < 0 || settings.restartMaxMillis() < settings.restartMinMillis()) {
      throw new IllegalArgumentException("modules.process.restart.max.ms must be at least"
          + " modules.process.restart.min.ms, both >= 0");
    }
    return settings;
  }

  /** Whether any module runs in a process of its own. */
  public boolean any() {
    return !heapMegabytes.isEmpty();
  }

  /** Whether module {@code name} runs in a process of its own. */
  public boolean isolates(String name) {
    return heapMegabytes.containsKey(name);
  }

  /** The restart delay after {@code crashesInARow} crashes in a row (1 for the first). */
  long restartDelayMillis(int crashesInARow) {
    long delay = restartMinMillis << Math.min(20, Math.max(0, crashesInARow - 1));
    return Math.min(restartMaxMillis, delay);
  }
}
