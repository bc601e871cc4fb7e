package org.anserv.gateway.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} run headless, once per page: the DOM after the page's scripts ran, or a screenshot.
 * Virtual time lets scripts and fetches finish without the test sleeping. Run with {@code -Dchromium.debug} to print
 * the browser's log, console messages included.
 */
final class HeadlessChromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final int VIRTUAL_TIME_MS = 5_000;

  private final Path profiles;
  private int runs;

  /** Chromium keeping its throw-away profiles under {@code profiles}. */
  HeadlessChromium(Path profiles) {
    this.profiles = profiles;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** The serialised DOM of {@code url} once its scripts ran. */
  String dumpDom(String url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url));
  }

  /** Writes a PNG of {@code url} as a {@code width} × {@code height} window shows it. */
  void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    run(List.of("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(),
        url));
  }

  private String run(List<String> arguments) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(profiles.resolve("profile-" + runs++));
    Path log = profiles.resolve("chromium-" + runs + ".log");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile,
        "--virtual-time-budget=" + VIRTUAL_TIME_MS));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 60 s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("chromium exited with " + process.exitValue() + ": " + Files.readString(log));
    }
    if (System.getProperty("chromium.debug") != null) {
      System.out.println(Files.readString(log));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
