package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.BatchOutcome;
import io.github.upserts.it.TestDatabases.Database;
import java.time.LocalDate;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own JVM capped at {@code -Xmx64m} (see the processor's pom): a million rows
 * streamed through {@code upsertAll} fit because only one chunk is in memory at a time.
 */
class BulkLowMemoryTest {
  private static final int ROWS = 1_000_000;
  private static final long HEAP_CAP = 64L * 1024 * 1024;

  @Test
  void aMillionRowsStreamThroughA64MegabyteHeap() {
    assertWithMessage("max heap; this test must run with -Xmx64m")
        .that(Runtime.getRuntime().maxMemory()).isAtMost(HEAP_CAP);
    Database db = TestDatabases.embedded17();
    LocalDate day = LocalDate.of(2026, 11, 27);
    try (Handle h = db.jdbi().open()) {
      Schema.reset(h);
      BatchOutcome outcome = PageViewUpserts.upsertAll(h,
          IntStream.range(0, ROWS).mapToObj(i -> new PageView("/page/" + i, day, i % 7, null)));
      assertThat(outcome).isEqualTo(new BatchOutcome(ROWS, 0, ROWS, 0, 0, 0, true));
      assertThat(h.createQuery("SELECT count(*), sum(views) FROM page_views")
              .map((rs, ctx) -> rs.getLong(1) + "/" + rs.getLong(2)).one())
          .isEqualTo(ROWS + "/" + IntStream.range(0, ROWS).mapToLong(i -> i % 7).sum());
    }
  }
}
