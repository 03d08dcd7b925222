package io.github.upserts.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.UpsertsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real writes on an embedded H2 through a generated DAO, recorded in a {@link SimpleMeterRegistry}. */
class MicrometerUpsertsListenerTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Jdbi jdbi = Jdbi.create("jdbc:h2:mem:mtr_micrometer;DB_CLOSE_DELAY=-1");

  @BeforeEach
  void schema() {
    jdbi.useHandle(h -> {
      h.execute("DROP TABLE IF EXISTS mtr_visits");
      h.execute("CREATE TABLE mtr_visits (page varchar(100) PRIMARY KEY, views bigint NOT NULL DEFAULT 0)");
    });
    jdbi.getConfig(Upserts.class).setListener(new MicrometerUpsertsListener(registry));
  }

  @Test
  void singleWritesAreCountedByOutcomeAndTimed() {
    jdbi.useHandle(h -> {
      assertThat(MtrVisitUpserts.upsert(h, new MtrVisit("/a", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(MtrVisitUpserts.upsert(h, new MtrVisit("/a", 1))).isEqualTo(Outcome.UPDATED);
      assertThat(MtrVisitUpserts.upsert(h, new MtrVisit("/b", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(MtrVisitUpserts.insertIfAbsent(h, new MtrVisit("/b", 1))).isFalse();
      assertThat(MtrVisitUpserts.incrementViews(h, "/a", 3)).isEqualTo(5);
      assertThrows(IllegalArgumentException.class, () -> MtrVisitUpserts.upsert(h, new MtrVisit(null, 1)));
    });

    assertThat(counts(MicrometerUpsertsListener.WRITES, "operation", "outcome", "exception")).containsExactly(
        "upsert inserted none", 2.0,
        "upsert updated none", 1.0,
        "upsert failed IllegalArgumentException", 1.0,
        "insertIfAbsent unchanged none", 1.0,
        "increment written none", 1.0);
    Counter inserted = registry.get(MicrometerUpsertsListener.WRITES).tags("entity", "MtrVisit", "table", "mtr_visits",
        "operation", "upsert", "dialect", "H2", "outcome", "inserted", "exception", "none").counter();
    assertThat(inserted.count()).isEqualTo(2.0);
    assertThat(inserted.getId().getBaseUnit()).isEqualTo("calls");

    Timer upserts = registry.get(MicrometerUpsertsListener.WRITE_DURATION)
        .tags("entity", "MtrVisit", "table", "mtr_visits", "operation", "upsert", "dialect", "H2").timer();
    assertThat(upserts.count()).isEqualTo(4);
    assertThat(upserts.totalTime(TimeUnit.NANOSECONDS)).isGreaterThan(0.0);
    assertThat(registry.get(MicrometerUpsertsListener.WRITE_DURATION).tag("operation", "increment").timer().count())
        .isEqualTo(1);
    assertThat(registry.find(MicrometerUpsertsListener.RETRIES).counters()).isEmpty();
    assertThat(registry.find(MicrometerUpsertsListener.BULK_ROWS).counters()).isEmpty();
  }

  @Test
  void aBulkCallCountsItsChunksAsTheyAreWrittenAndItsRowsByOutcome() {
    List<MtrVisit> rows = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      rows.add(new MtrVisit(String.format("/p%04d", i), 1));
    }
    rows.add(new MtrVisit("/p0000", 1)); // merged into the first row of its key
    jdbi.useHandle(h -> {
      MtrVisitUpserts.upsert(h, new MtrVisit("/p0005", 1));
      // H2 writes 1,000 keys a chunk: three chunks
      MtrVisitUpserts.upsertAll(h, rows);
    });

    assertThat(counts(MicrometerUpsertsListener.BULK_ROWS, "operation", "outcome")).containsExactly(
        "upsertAll inserted", 2_499.0,
        "upsertAll updated", 1.0,
        "upsertAll skipped", 0.0,
        "upsertAll unchanged", 0.0,
        "upsertAll stale", 0.0,
        "upsertAll merged", 1.0);
    assertThat(counts(MicrometerUpsertsListener.BULK_CHUNKS, "operation")).containsExactly("upsertAll", 3.0);
    assertThat(counts(MicrometerUpsertsListener.BULK_ROWS_WRITTEN, "operation")).containsExactly("upsertAll", 2_501.0);
    assertThat(counts(MicrometerUpsertsListener.WRITES, "operation", "outcome")).containsExactly(
        "upsert inserted", 1.0, "upsertAll written", 1.0);
    assertThat(registry.get(MicrometerUpsertsListener.BULK_ROWS).tag("outcome", "inserted").counter().getId().getBaseUnit())
        .isEqualTo("rows");
  }

  @Test
  void retriesAreCountedPerDialectAndAnUnknownDialectIsTaggedSo() {
    MicrometerUpsertsListener listener = new MicrometerUpsertsListener(registry);
    listener.written(new UpsertsListener.Write("MtrVisit", "mtr_visits", "upsert", "H2", Outcome.UPDATED, null, 2,
        Duration.ofMillis(3), null));
    listener.written(new UpsertsListener.Write("MtrVisit", "mtr_visits", "upsert", null, null, null, 0,
        Duration.ofMillis(1), new IllegalStateException("no dialect")));

    assertThat(counts(MicrometerUpsertsListener.RETRIES, "dialect")).containsExactly("H2", 2.0);
    assertThat(counts(MicrometerUpsertsListener.WRITES, "dialect", "outcome", "exception")).containsExactly(
        "H2 updated none", 1.0, "unknown failed IllegalStateException", 1.0);
    assertThat(registry.get(MicrometerUpsertsListener.WRITE_DURATION).tag("dialect", "H2").timer()
        .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
  }

  /** Each counter named {@code name}: the values of {@code tags} joined by spaces, and its count. */
  private Map<String, Double> counts(String name, String... tags) {
    Map<String, Double> counts = new TreeMap<>();
    for (Counter counter : registry.find(name).counters()) {
      Meter.Id id = counter.getId();
      List<String> values = new ArrayList<>();
      for (String tag : tags) {
        values.add(id.getTag(tag));
      }
      counts.merge(String.join(" ", values), counter.count(), Double::sum);
    }
    return counts;
  }
}
