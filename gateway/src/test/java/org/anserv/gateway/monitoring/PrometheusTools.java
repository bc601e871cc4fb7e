package org.anserv.gateway.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Debian's {@code prometheus} package on this machine: its server and {@code promtool}, and the repo's files. */
final class PrometheusTools {

  /** The repository's {@code monitoring/} folder, seen from the gateway module where tests run. */
  static final Path MONITORING = Path.of("..", "monitoring").toAbsolutePath().normalize();

  /** Why tests that need the binaries are skipped when they are absent. */
  static final String MISSING = "Prometheus checks skipped: no 'prometheus' and 'promtool' on the PATH or in"
      + " /usr/bin. Install Debian's package (apt-get install prometheus); .ci/run does.";

  private PrometheusTools() {
  }

  static boolean installed() {
    return binary("prometheus").isPresent() && binary("promtool").isPresent();
  }

  static Optional<Path> binary(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
    return Stream.of(path.split(":")).filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable).findFirst();
  }

  /** Runs promtool with {@code args} in {@code dir}, feeding {@code stdin} when not null. */
  static Result promtool(Path dir, Path stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary("promtool").orElseThrow().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(process.exitValue(), output);
  }

  /** What a promtool run printed, and its exit code. */
  record Result(int exitCode, String output) {
  }
}
