package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PostgreSQL tables: uuid/jsonb/enum defaults, a partitioned table, a timestamp without time zone. */
class BrkPostgresTest {

  /** Ten new rows, all null: ten different generated uuids, the jsonb and enum defaults. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void bulkDefaultsAreEvaluatedPerRow(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS brk_doc");
      h.execute("DROP TYPE IF EXISTS brk_mood");
      h.execute("CREATE TYPE brk_mood AS ENUM ('calm', 'angry')");
      h.execute("CREATE TABLE brk_doc (id text PRIMARY KEY, token uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),"
          + " meta jsonb NOT NULL DEFAULT '{}', mood brk_mood NOT NULL DEFAULT 'calm')");
      UUID given = UUID.randomUUID();
      List<BrkDoc> rows = new ArrayList<>(IntStream.range(0, 10).mapToObj(i -> new BrkDoc("d" + i, null, null, null)).toList());
      rows.add(new BrkDoc("g", given, "{\"a\": 1}", BrkDoc.Mood.angry));
      rows.add(new BrkDoc("h", null, "{\"b\": 2}", null));
      BrkDocUpserts.upsertAll(h, rows);
      Set<UUID> tokens = new HashSet<>();
      for (int i = 0; i < 10; i++) {
        BrkDoc d = BrkDocUpserts.find(h, "d" + i).orElseThrow();
        tokens.add(d.token());
        assertThat(d.meta()).isEqualTo("{}");
        assertThat(d.mood()).isEqualTo(BrkDoc.Mood.calm);
      }
      assertThat(tokens).hasSize(10);
      assertThat(BrkDocUpserts.find(h, "g")).hasValue(new BrkDoc("g", given, "{\"a\": 1}", BrkDoc.Mood.angry));
      BrkDoc hRow = BrkDocUpserts.find(h, "h").orElseThrow();
      assertThat(hRow.mood()).isEqualTo(BrkDoc.Mood.calm);
      // existing rows keep their values on nulls
      BrkDocUpserts.upsertAll(h, List.of(new BrkDoc("g", null, null, null), new BrkDoc("h", null, null, BrkDoc.Mood.angry)));
      assertThat(BrkDocUpserts.find(h, "g")).hasValue(new BrkDoc("g", given, "{\"a\": 1}", BrkDoc.Mood.angry));
      assertThat(BrkDocUpserts.find(h, "h").orElseThrow().token()).isEqualTo(hRow.token());
      assertThat(BrkDocUpserts.upsertReturning(h, new BrkDoc("s", null, null, null)).token()).isNotNull();
    }
  }

  /** A partitioned table with a serial id: the id comes back and stays. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aPartitionedTableWithASerialId(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS brk_event");
      h.execute("CREATE TABLE brk_event (id bigserial, day date NOT NULL, code text NOT NULL, hits int NOT NULL DEFAULT 0,"
          + " PRIMARY KEY (day, code)) PARTITION BY RANGE (day)");
      h.execute("CREATE TABLE brk_event_2026 PARTITION OF brk_event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
      h.execute("CREATE TABLE brk_event_2027 PARTITION OF brk_event FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')");
      LocalDate day = LocalDate.of(2026, 5, 1);
      BrkEvent first = BrkEventUpserts.upsertReturning(h, new BrkEvent(null, day, "x", 1));
      assertThat(first.id()).isNotNull();
      var second = BrkEventUpserts.upsertReturningOutcome(h, new BrkEvent(null, day, "x", 2));
      assertThat(second.outcome()).isEqualTo(Outcome.UPDATED);
      assertThat(second.row()).isEqualTo(new BrkEvent(first.id(), day, "x", 3));
      List<BrkEvent> got = new ArrayList<>();
      BrkEventUpserts.upsertAllReturning(h, List.of(new BrkEvent(null, day, "x", 1),
          new BrkEvent(null, LocalDate.of(2027, 1, 1), "x", 5)), got::add);
      assertThat(got).hasSize(2);
      assertThat(got.get(0)).isEqualTo(new BrkEvent(first.id(), day, "x", 4));
      assertThat(BrkEventUpserts.getOrInsertOutcome(h, new BrkEvent(null, day, "x", 9)).row()).isEqualTo(got.get(0));
    }
  }

  /**
   * A timestamp without time zone, a session not in UTC: @CreatedAt must store the same kind of
   * value as an Instant the application writes, so both read back as about the same instant.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void createdAtOnATimestampColumnAgreesWithAWrittenInstant(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS brk_naive");
      h.execute("CREATE TABLE brk_naive (id text PRIMARY KEY, created_at timestamp NOT NULL, seen timestamp)");
      h.execute("SET TIME ZONE 'Asia/Tokyo'");
      Instant now = Instant.now();
      BrkNaive row = BrkNaiveUpserts.upsertReturning(h, new BrkNaive("a", null, now));
      assertThat(row.seen()).isEqualTo(BrkNaiveUpserts.find(h, "a").orElseThrow().seen());
      assertThat(Duration.between(row.seen(), row.createdAt()).abs()).isLessThan(Duration.ofMinutes(1));
      BrkNaive bulk = new ArrayList<BrkNaive>() {{
        BrkNaiveUpserts.upsertAllReturning(h, List.of(new BrkNaive("b", null, now)), this::add);
      }}.get(0);
      assertThat(Duration.between(bulk.seen(), bulk.createdAt()).abs()).isLessThan(Duration.ofMinutes(1));
    }
  }

  /** 8 threads racing getOrInsertOutcome / upsertReturningOutcome on a partitioned table: one INSERTED, one id. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void racingOutcomesOnAPartitionedTable(Database db) throws Exception {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS brk_event");
      h.execute("CREATE TABLE brk_event (id bigserial, day date NOT NULL, code text NOT NULL, hits int NOT NULL DEFAULT 0,"
          + " PRIMARY KEY (day, code)) PARTITION BY RANGE (day)");
      h.execute("CREATE TABLE brk_event_2026 PARTITION OF brk_event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
      LocalDate day = LocalDate.of(2026, 5, 1);
      for (int round = 0; round < 30; round++) {
        String code = "c" + round;
        boolean viaUpsert = round % 2 == 1;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<io.github.upserts.Upserted<BrkEvent>>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          futures.add(pool.submit(() -> {
            start.await();
            return db.jdbi().withHandle(x -> viaUpsert
                ? BrkEventUpserts.upsertReturningOutcome(x, new BrkEvent(null, day, code, 1))
                : BrkEventUpserts.getOrInsertOutcome(x, new BrkEvent(null, day, code, 1)));
          }));
        }
        start.countDown();
        Set<Long> ids = new HashSet<>();
        int inserted = 0;
        for (var f : futures) {
          var u = f.get();
          ids.add(u.row().id());
          inserted += u.outcome() == Outcome.INSERTED ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(inserted).isEqualTo(1);
        if (viaUpsert) {
          assertThat(BrkEventUpserts.find(h, day, code).orElseThrow().hits()).isEqualTo(8);
        }
      }
    }
  }
}
