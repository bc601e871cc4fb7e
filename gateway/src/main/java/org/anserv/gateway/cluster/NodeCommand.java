package org.anserv.gateway.cluster;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of another anserv node started from this one (a node of {@link LocalCluster}, the process of an
 * isolated module): the same {@code java}, class path and JVM options (native access, opens, system properties),
 * never this JVM's heap, agents or {@code anserv.*} settings, which the caller gives the node itself.
 */
public final class NodeCommand {

  private NodeCommand() {
  }

  /**
   * The command.
   *
   * @param heapMegabytes the node's {@code -Xmx}
   * @param options more JVM options, e.g. {@code -Danserv.http.port=8081}
   * @param arguments the arguments of {@code org.anserv.gateway.Main}
   * @return the command, ready for a {@link ProcessBuilder}
   * @throws IllegalStateException when this JVM has no class path to pass on (started from a module path)
   */
  public static List<String> of(int heapMegabytes, List<String> options, String... arguments) {
    String classpath = System.getProperty("java.class.path", "");
    if (classpath.isBlank()) {
      throw new IllegalStateException("this JVM has no class path to give another node (started from a module"
          + " path?): start anserv with -jar or -cp");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx" + heapMegabytes + "m"));
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--enable-native-access") || option.startsWith("--sun-misc-unsafe-memory-access")
          || option.startsWith("--add-opens") || option.startsWith("--add-exports")
          || option.startsWith("--enable-preview") || option.startsWith("-D") && !option.startsWith("-Danserv.")) {
        command.add(option);
      }
    }
    command.addAll(options);
    command.addAll(List.of("-cp", classpath, "org.anserv.gateway.Main"));
    command.addAll(List.of(arguments));
    return command;
  }
}
