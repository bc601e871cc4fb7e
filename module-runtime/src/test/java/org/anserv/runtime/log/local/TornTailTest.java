package org.anserv.runtime.log.local;

import static org.anserv.runtime.log.TestEvents.await;
import static org.anserv.runtime.log.TestEvents.entries;
import static org.anserv.runtime.log.TestEvents.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TornTailTest {

  @TempDir
  Path directory;

  Path firstSegment() {
    return directory.resolve("00000000000000000000.log");
  }

  void writeTenEvents() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);
    await(log.append(entries(0, 10)));
    await(log.close());
  }

  List<Long> offsetsAfterReopening() throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);
    try {
      return await(log.read(0, 100)).stream().map(LogRecord::offset).toList();
    } finally {
      await(log.close());
    }
  }

  @Test
  void cutsALastRecordWrittenOnlyInPart() throws IOException {
    writeTenEvents();
    long size = Files.size(firstSegment());
    try (RandomAccessFile file = new RandomAccessFile(firstSegment().toFile(), "rw")) {
      file.setLength(size - 7);
    }

    assertThat(offsetsAfterReopening()).containsExactlyElementsOf(LongStream.range(0, 9).boxed().toList());
    assertThat(Files.size(firstSegment())).isLessThan(size - 7);
  }

  @Test
  void cutsALastRecordWhoseBytesAreCorrupted() throws IOException {
    writeTenEvents();
    long size = Files.size(firstSegment());
    try (RandomAccessFile file = new RandomAccessFile(firstSegment().toFile(), "rw")) {
      file.seek(size - 3);
      file.write(new byte[] {'#', '#', '#'});
    }

    assertThat(offsetsAfterReopening()).hasSize(9);
  }

  @Test
  void cutsZeroesAndGarbageAfterTheLastRecord() throws IOException {
    writeTenEvents();
    long size = Files.size(firstSegment());
    try (RandomAccessFile file = new RandomAccessFile(firstSegment().toFile(), "rw")) {
      file.seek(size);
      file.write(new byte[4096]);
      file.write("garbage".getBytes());
    }

    assertThat(offsetsAfterReopening()).hasSize(10);
    assertThat(Files.size(firstSegment())).isEqualTo(size);
  }

  @Test
  void appendsAfterTheCutWithTheNextOffsetAndForgetsTheCutId() throws IOException {
    writeTenEvents();
    try (RandomAccessFile file = new RandomAccessFile(firstSegment().toFile(), "rw")) {
      file.setLength(file.length() - 1);
    }
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);

    List<AppendResult> results = await(log.append(entries(8, 3)));

    assertThat(results).containsExactly(AppendResult.duplicateOf(8), AppendResult.stored(9), AppendResult.stored(10));
    assertThat(await(log.read(9, 10))).extracting(LogRecord::id).containsExactly(id(9), id(10));
    await(log.close());
  }

  @Test
  void rewritesTheHeaderOfASegmentCreatedJustBeforeACrash() throws IOException {
    writeTenEvents();
    Files.write(directory.resolve("00000000000000000010.log"), new byte[5]);

    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);

    assertThat(await(log.append(entries(10, 1)))).containsExactly(AppendResult.stored(10));
    assertThat(await(log.read(0, 100))).hasSize(11);
    await(log.close());
  }

  @Test
  void refusesToOpenWhenASealedSegmentIsDamaged() throws IOException {
    LocalLogOptions small = LocalLogOptions.defaults(directory).withSegmentBytes(2 * 1024);
    LocalEventLog log = LocalEventLog.open(small, null, null);
    for (int i = 0; i < 20; i++) {
      await(log.append(entries(i * 10, 10)));
    }
    await(log.close());
    Files.delete(directory.resolve("00000000000000000000.idx"));
    try (RandomAccessFile file = new RandomAccessFile(firstSegment().toFile(), "rw")) {
      file.seek(100);
      file.write(0x55);
    }

    assertThatThrownBy(() -> LocalEventLog.open(small, null, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("00000000000000000000.log is damaged at byte");
  }
}
