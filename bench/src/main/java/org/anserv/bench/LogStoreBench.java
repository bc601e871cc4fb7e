package org.anserv.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.local.Durability;

/**
 * Compares stores for the event log on this machine's disk: durable events/s, CPU per event and append latency at
 * batch 1, 100 and 1000 with one batch in flight (dedup on where the store has it), appends whose half are
 * duplicates, group commit under concurrent appenders, and replay speed. Prints Markdown tables.
 *
 * <p>Run: {@code ./mvnw -o -q -pl bench -am package -DskipTests && java -cp "$(cat bench/target/classpath)"
 * org.anserv.bench.LogStoreBench [runs]}, or see BENCHMARKS.md.
 */
public final class LogStoreBench {

  private interface StoreFactory {
    BenchStore open(Path directory) throws Exception;
  }

  private record Contender(String name, StoreFactory factory) {
  }

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final BenchEvents events;
  private final int runs;
  private final Path root;

  private LogStoreBench(BenchEvents events, int runs, Path root) {
    this.events = events;
    this.runs = runs;
    this.root = root;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path root = Files.createTempDirectory("anserv-log-bench");
    LogStoreBench bench = new LogStoreBench(BenchEvents.load(), runs, root);
    System.out.printf("Events: %s, %.0f bytes on average. %d runs, min / median / max. %d cores, Java %s, dir %s%n%n",
        bench.events.source(), bench.events.averageBytes(), runs, Runtime.getRuntime().availableProcessors(),
        Runtime.version(), root);
    List<Contender> contenders = List.of(
        new Contender("raw file + force (no dedup, no checksum)", RawFileStore::new),
        new Contender("segment log, fsync", dir -> new SegmentLogStore(dir, Durability.FSYNC)),
        new Contender("SQLite tuned (FULL, WAL, BLOB UNIQUE)", SqliteStore::new),
        new Contender("segment log, process", dir -> new SegmentLogStore(dir, Durability.PROCESS)));
    bench.warmUp(contenders);
    bench.oneBatchInFlight(contenders);
    bench.halfDuplicates(contenders.subList(1, 3));
    bench.groupCommit();
    bench.replay(contenders.subList(1, 3));
    deleteTree(root);
  }

  private void warmUp(List<Contender> contenders) throws Exception {
    for (Contender contender : contenders) {
      sequential(contender, 100, 30_000, 0);
    }
  }

  private void oneBatchInFlight(List<Contender> contenders) throws Exception {
    System.out.println("| store | batch | durable events/s | CPU µs/event | append p50 ms | append p99 ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Contender contender : contenders) {
      for (int batch : new int[] {1, 100, 1000}) {
        int total = batch == 1 ? 3_000 : batch == 100 ? 100_000 : 300_000;
        List<Measurement> measured = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          measured.add(sequential(contender, batch, total, 0));
        }
        row(contender.name(), Integer.toString(batch), measured);
      }
    }
    System.out.println();
  }

  private void halfDuplicates(List<Contender> contenders) throws Exception {
    System.out.println("Batches of 1000 where half the ids were appended before (dedup must find them):");
    System.out.println();
    System.out.println("| store | batch | events/s (stored + refused) | CPU µs/event | append p50 ms | append p99 ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Contender contender : contenders) {
      List<Measurement> measured = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        measured.add(sequential(contender, 1000, 200_000, 0.5));
      }
      row(contender.name(), "1000", measured);
    }
    System.out.println();
  }

  private void groupCommit() throws Exception {
    System.out.println("Group commit: concurrent appenders, each waiting for its append before the next"
        + " (segment log, fsync):");
    System.out.println();
    System.out.println("| appenders × batch | durable events/s | CPU µs/event | append p50 ms | append p99 ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    int[][] shapes = {{16, 1}, {64, 1}, {256, 1}, {16, 100}, {64, 100}};
    for (int[] shape : shapes) {
      List<Measurement> measured = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        measured.add(concurrent(shape[0], shape[1], shape[1] == 1 ? 100_000 : 300_000));
      }
      System.out.printf("| %d × %d | %s | %s | %s | %s |%n", shape[0], shape[1],
          Measurement.spread(measured, Measurement::eventsPerSecond, "%.0f"),
          Measurement.median(measured, Measurement::cpuMicrosPerEvent, "%.1f"),
          Measurement.median(measured, Measurement::p50Millis, "%.2f"),
          Measurement.median(measured, Measurement::p99Millis, "%.2f"));
    }
    System.out.println();
  }

  private void replay(List<Contender> contenders) throws Exception {
    System.out.println("Replay: 500,000 events read from offset 0 in reads of 10,000 (page cache warm):");
    System.out.println();
    System.out.println("| store | events/s read | CPU µs/event |");
    System.out.println("|---|---:|---:|");
    for (Contender contender : contenders) {
      Path directory = Files.createTempDirectory(root, "replay");
      try (BenchStore store = contender.factory().open(directory)) {
        for (long n = 0; n < 500_000; n += 1000) {
          store.append(events.entries(n, 1000));
        }
        List<Measurement> measured = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          measured.add(readAll(store, 500_000));
        }
        System.out.printf("| %s | %s | %s |%n", contender.name(),
            Measurement.spread(measured, Measurement::eventsPerSecond, "%.0f"),
            Measurement.median(measured, Measurement::cpuMicrosPerEvent, "%.2f"));
      } finally {
        deleteTree(directory);
      }
    }
    System.out.println();
  }

  private Measurement sequential(Contender contender, int batch, int total, double duplicateShare)
      throws Exception {
    Path directory = Files.createTempDirectory(root, "run");
    try (BenchStore store = contender.factory().open(directory)) {
      List<List<LogEntry>> batches = new ArrayList<>();
      int known = (int) (batch * duplicateShare);
      for (long n = 0; n < total; n += batch) {
        List<LogEntry> entries = new ArrayList<>(events.entries(1_000_000 + n, batch - known));
        entries.addAll(events.entries(n, known));
        batches.add(entries);
      }
      if (known > 0) {
        for (long n = 0; n < total; n += 1000) {
          store.append(events.entries(n, 1000));
        }
      }
      long[] latencies = new long[batches.size()];
      long cpu = OS.getProcessCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < batches.size(); i++) {
        long sent = System.nanoTime();
        store.append(batches.get(i));
        latencies[i] = System.nanoTime() - sent;
      }
      return Measurement.of(total, System.nanoTime() - start, OS.getProcessCpuTime() - cpu, latencies);
    } finally {
      deleteTree(directory);
    }
  }

  private Measurement concurrent(int appenders, int batch, int total) throws Exception {
    Path directory = Files.createTempDirectory(root, "group");
    int perAppender = total / appenders / batch;
    try (SegmentLogStore store = new SegmentLogStore(directory, Durability.FSYNC);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<List<List<LogEntry>>> work = new ArrayList<>();
      for (int a = 0; a < appenders; a++) {
        List<List<LogEntry>> mine = new ArrayList<>();
        for (int i = 0; i < perAppender; i++) {
          mine.add(events.entries(((long) a * perAppender + i) * batch, batch));
        }
        work.add(mine);
      }
      long[] latencies = new long[appenders * perAppender];
      long cpu = OS.getProcessCpuTime();
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int a = 0; a < appenders; a++) {
        int appender = a;
        running.add(threads.submit(() -> {
          for (int i = 0; i < perAppender; i++) {
            long sent = System.nanoTime();
            store.append(work.get(appender).get(i));
            latencies[appender * perAppender + i] = System.nanoTime() - sent;
          }
          return null;
        }));
      }
      for (Future<?> appender : running) {
        appender.get();
      }
      long events = (long) appenders * perAppender * batch;
      return Measurement.of(events, System.nanoTime() - start, OS.getProcessCpuTime() - cpu, latencies);
    } finally {
      deleteTree(directory);
    }
  }

  private static Measurement readAll(BenchStore store, long total) throws Exception {
    long cpu = OS.getProcessCpuTime();
    long start = System.nanoTime();
    long read = 0;
    long checksum = 0;
    for (long from = 0; read < total; ) {
      List<LogRecord> records = store.read(from, 10_000);
      read += records.size();
      from = records.getLast().offset() + 1;
      checksum += records.getLast().payload().length();
    }
    if (checksum == 0) {
      throw new IllegalStateException("nothing read");
    }
    return Measurement.of(read, System.nanoTime() - start, OS.getProcessCpuTime() - cpu, new long[0]);
  }

  private static void row(String store, String batch, List<Measurement> measured) {
    System.out.printf("| %s | %s | %s | %s | %s | %s |%n", store, batch,
        Measurement.spread(measured, Measurement::eventsPerSecond, "%.0f"),
        Measurement.median(measured, Measurement::cpuMicrosPerEvent, "%.1f"),
        Measurement.median(measured, Measurement::p50Millis, "%.2f"),
        Measurement.median(measured, Measurement::p99Millis, "%.2f"));
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
