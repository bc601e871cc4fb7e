package org.anserv.runtime.log.local;

import static org.anserv.runtime.log.TestEvents.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitTest {

  @TempDir
  Path directory;

  @Test
  void completesManyConcurrentAppendsWithFewerSyncsThanAppends() throws Exception {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), null, null);
    int threads = 16;
    int appendsEach = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(pool.submit(() -> {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < appendsEach; i++) {
          long n = (long) thread * appendsEach + i;
          offsets.add(await(log.append(List.of(TestEvents.entry(n)))).getFirst().offset());
        }
        return offsets;
      }));
    }
    List<Long> offsets = new ArrayList<>();
    for (Future<List<Long>> worker : workers) {
      offsets.addAll(worker.get());
    }
    pool.shutdown();

    int total = threads * appendsEach;
    Collections.sort(offsets);
    assertThat(offsets).containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
    assertThat(log.stats().commits()).isLessThan(total);
    List<LogRecord> records = await(log.read(0, total));
    assertThat(records).allSatisfy(record ->
        assertThat(record.payload()).isEqualTo(TestEvents.payload(TestEvents.numberOf(record.id()))));
    await(log.close());
  }

  @Test
  void completesAppendsOnTheCallersVertxContext(Vertx vertx, VertxTestContext test) throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory), vertx, null);
    Context caller = vertx.getOrCreateContext();
    caller.runOnContext(ignored -> log.append(TestEvents.entries(0, 3)).onComplete(test.succeeding(results ->
        test.verify(() -> {
          assertThat(Vertx.currentContext()).isSameAs(caller);
          assertThat(results).extracting(AppendResult::offset).containsExactly(0L, 1L, 2L);
          log.read(0, 10).onComplete(test.succeeding(records -> test.verify(() -> {
            assertThat(Vertx.currentContext()).isSameAs(caller);
            assertThat(records).hasSize(3);
            log.close().onComplete(test.succeedingThenComplete());
          })));
        }))));
  }
}
