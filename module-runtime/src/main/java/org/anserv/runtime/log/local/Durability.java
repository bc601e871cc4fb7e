package org.anserv.runtime.log.local;

/** What a successful append survives. */
public enum Durability {
  /**
   * Every group commit ends with {@code FileChannel.force}: an acknowledged event survives a process crash and a
   * power loss (as far as the disk honours flushes). The default.
   */
  FSYNC,
  /**
   * No sync: an acknowledged event is in the operating system's page cache, so it survives a crash or
   * {@code kill -9} of the process, but not a power loss or kernel crash, which can lose the last seconds.
   */
  PROCESS
}
