package org.anserv.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples this JVM's used heap and the process's resident set size every 100 ms on a daemon thread, keeping the
 * peaks since the last {@link #reset()}: a scenario's memory is what it reached, not what was left after it.
 */
final class MemoryWatch implements AutoCloseable {

  private static final Path STATUS = Path.of("/proc/self/status");

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread sampler;
  private volatile long peakHeap;
  private volatile long peakRss;

  MemoryWatch() {
    sampler = Thread.ofPlatform().daemon().name("bench-memory-watch").start(this::sample);
  }

  private void sample() {
    while (!Thread.currentThread().isInterrupted()) {
      peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
      peakRss = Math.max(peakRss, rssBytes());
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Starts new peaks from the current figures. */
  void reset() {
    peakHeap = memory.getHeapMemoryUsage().getUsed();
    peakRss = rssBytes();
  }

  /** The highest used heap since the last reset, MiB. */
  long peakHeapMiB() {
    return Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed()) >> 20;
  }

  /** The highest resident set size since the last reset, MiB (0 where /proc is absent). */
  long peakRssMiB() {
    return Math.max(peakRss, rssBytes()) >> 20;
  }

  /** The heap still used after a full collection, MiB: what the scenario keeps, not what it churned. */
  long liveHeapMiB() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed() >> 20;
  }

  private static long rssBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  @Override
  public void close() {
    sampler.interrupt();
  }
}
