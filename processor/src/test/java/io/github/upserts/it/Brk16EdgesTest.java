package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Coalesce;
import io.github.upserts.Key;
import io.github.upserts.MergeWith;
import io.github.upserts.Outcome;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import io.github.upserts.Version;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** More of a new user's probes of issue #16's rules (tables b16_*): clocks, orders, keys, races. */
class Brk16EdgesTest {

  @Upsertable(table = "b16_stamped")
  record Stamped(@Key String id, @MergeWith("{stored} + {incoming}") Long n, String name, @UpdatedAt Instant updatedAt) {}

  @Upsertable(table = "b16_swap")
  record Swap(@Key String id, @MergeWith("{stored.b}") Long a, Long b, @MergeWith("{stored} + {stored.a}") Long c) {}

  @Upsertable(table = "b16_ci")
  record Ci(@Key String email, @MergeWith("{stored} + {incoming}") Long n) {}

  @Upsertable(table = "b16_coal")
  record Coal(@Key String id, @MergeWith("{stored} + {incoming.bonus}") Long score, @Coalesce Long bonus) {}

  @Upsertable(table = "b16_sum")
  record Sum(@Key String id, @MergeWith("{stored} + {incoming}") Long n) {}

  @Upsertable(table = "b16_race")
  record Race(@Key String id, @Version long version, String body) {}

  private static String text(Database db) {
    return db.kind() == Kind.MARIADB || db.kind() == Kind.H2 ? "VARCHAR(100)" : "TEXT";
  }

  private static Handle open(Database db, String table, String columns) {
    Handle h = db.jdbi().open();
    h.execute("DROP TABLE IF EXISTS " + table);
    h.execute("CREATE TABLE " + table + " (id " + text(db) + " NOT NULL PRIMARY KEY, " + columns.replace("$T", text(db)) + ")");
    return h;
  }

  private static String instant(Database db) {
    return switch (db.kind()) {
      case POSTGRES -> "timestamptz";
      case MARIADB -> "DATETIME(6)";
      case H2 -> "TIMESTAMP(9) WITH TIME ZONE";
      case SQLITE -> "TIMESTAMP";
    };
  }

  /** An expression that computes the stored value changes nothing: updated_at stays; one that changes moves it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void updatedAtMovesOnlyWhenTheExpressionChangesTheValue(Database db) throws InterruptedException {
    try (Handle h = open(db, "b16_stamped", "n BIGINT, name $T, updated_at " + instant(db) + " NOT NULL")) {
      Brk16EdgesTest_StampedUpserts.upsert(h, new Stamped("a", 1L, "x", null));
      Instant first = Brk16EdgesTest_StampedUpserts.find(h, "a").orElseThrow().updatedAt();
      Thread.sleep(30);
      Brk16EdgesTest_StampedUpserts.upsert(h, new Stamped("a", 0L, "x", null));
      Stamped same = Brk16EdgesTest_StampedUpserts.find(h, "a").orElseThrow();
      assertThat(same.n()).isEqualTo(1L);
      assertWithMessage("updated_at after an update that changed nothing").that(same.updatedAt()).isEqualTo(first);
      Brk16EdgesTest_StampedUpserts.upsertAll(h, List.of(new Stamped("a", 0L, "x", null), new Stamped("a", 0L, "x", null)));
      assertWithMessage("updated_at after a bulk update that changed nothing")
          .that(Brk16EdgesTest_StampedUpserts.find(h, "a").orElseThrow().updatedAt()).isEqualTo(first);
      Thread.sleep(30);
      Brk16EdgesTest_StampedUpserts.upsert(h, new Stamped("a", 2L, "x", null));
      Stamped moved = Brk16EdgesTest_StampedUpserts.find(h, "a").orElseThrow();
      assertThat(moved.n()).isEqualTo(3L);
      assertWithMessage("updated_at after a real change").that(moved.updatedAt()).isGreaterThan(first);
    }
  }

  /**
   * a = stored b, b = incoming, c = stored c + stored a: each expression reads the stored values,
   * as the rows written one after another (MariaDB/MySQL assign left to right).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void expressionsReadStoredValuesNotNewOnes(Database db) {
    try (Handle h = open(db, "b16_swap", "a BIGINT, b BIGINT, c BIGINT")) {
      Brk16EdgesTest_SwapUpserts.upsert(h, new Swap("x", 1L, 10L, 100L));
      Brk16EdgesTest_SwapUpserts.upsert(h, new Swap("x", 2L, 20L, 0L));
      assertThat(Brk16EdgesTest_SwapUpserts.find(h, "x")).hasValue(new Swap("x", 10L, 20L, 101L));
      Brk16EdgesTest_SwapUpserts.upsertAll(h, List.of(new Swap("x", 0L, 30L, 0L), new Swap("x", 0L, 40L, 0L)));
      // (10, 20, 101) -> (20, 30, 111) -> (30, 40, 131)
      assertThat(Brk16EdgesTest_SwapUpserts.find(h, "x")).hasValue(new Swap("x", 30L, 40L, 131L));
    }
  }

  /** Keys the database holds equal (case-insensitive) with an expression, bulk: summed as one key. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void caseInsensitiveKeysWithAnExpressionInBulk(Database db) {
    String email = switch (db.kind()) {
      case POSTGRES -> "citext";
      case SQLITE -> "TEXT COLLATE NOCASE";
      case MARIADB -> "VARCHAR(100) COLLATE utf8mb4_general_ci";
      case H2 -> "VARCHAR_IGNORECASE(100)";
    };
    try (Handle h = db.jdbi().open()) {
      if (db.kind() == Kind.POSTGRES) {
        h.execute("CREATE EXTENSION IF NOT EXISTS citext");
      }
      h.execute("DROP TABLE IF EXISTS b16_ci");
      h.execute("CREATE TABLE b16_ci (email " + email + " NOT NULL PRIMARY KEY, n BIGINT)"
          + (db.kind() == Kind.MARIADB ? " CHARACTER SET utf8mb4" : ""));
      BatchOutcome outcome = Brk16EdgesTest_CiUpserts.upsertAll(h, List.of(
          new Ci("A@x", 1L), new Ci("b@x", 5L), new Ci("a@X", 2L), new Ci("B@X", 1L), new Ci("a@x", 10L)));
      assertThat(h.createQuery("SELECT COUNT(*) FROM b16_ci").mapTo(Long.class).one()).isEqualTo(2L);
      assertThat(Brk16EdgesTest_CiUpserts.find(h, "a@x").orElseThrow().n()).isEqualTo(13L);
      assertThat(Brk16EdgesTest_CiUpserts.find(h, "B@x").orElseThrow().n()).isEqualTo(6L);
      assertThat(outcome.inserted()).isEqualTo(2);
      assertThat(outcome.updated()).isEqualTo(3);
    }
  }

  /**
   * {@code {incoming.bonus}} where bonus is {@code @Coalesce} and null, the column NOT NULL: the
   * incoming row's bonus is null, single-row and bulk, every database alike.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void incomingOfACoalesceNullOnANotNullColumn(Database db) {
    try (Handle h = open(db, "b16_coal", "score BIGINT, bonus BIGINT NOT NULL")) {
      Brk16EdgesTest_CoalUpserts.upsert(h, new Coal("a", 10L, 3L));
      Brk16EdgesTest_CoalUpserts.upsert(h, new Coal("a", 0L, null));
      Brk16EdgesTest_CoalUpserts.upsert(h, new Coal("b", 10L, 3L));
      Brk16EdgesTest_CoalUpserts.upsertAll(h, List.of(new Coal("b", 0L, null), new Coal("c", 1L, 1L)));
      Coal single = Brk16EdgesTest_CoalUpserts.find(h, "a").orElseThrow();
      Coal bulk = Brk16EdgesTest_CoalUpserts.find(h, "b").orElseThrow();
      assertWithMessage("bulk vs single").that(bulk.score()).isEqualTo(single.score());
      assertThat(single.bonus()).isEqualTo(3L);
      // as on a nullable column: stored + NULL
      assertWithMessage("single-row score").that(single.score()).isNull();
    }
  }

  // ---------------------------------------------------------------- races

  /** 8 threads x 250 upserts of +1 through {stored} + {incoming}: nothing lost. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void racingExpressionLosesNothing(Database db) throws Exception {
    assumeTrue(db.kind() != Kind.SQLITE, "SQLite serializes writers; covered single-threaded");
    try (Handle h = open(db, "b16_sum", "n BIGINT")) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          futures.add(pool.submit(() -> db.jdbi().useHandle(w -> {
            for (int i = 0; i < 250; i++) {
              Brk16EdgesTest_SumUpserts.upsert(w, new Sum("k", 1L));
            }
          })));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(Brk16EdgesTest_SumUpserts.find(h, "k")).hasValue(new Sum("k", 2000L));
    }
  }

  /**
   * 8 threads read the row and write it back with the version read: exactly one UPDATED per
   * version, every other a STALE; the final version is 1 + the UPDATED count.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void versionRaceOneWinnerPerVersion(Database db) throws Exception {
    assumeTrue(db.kind() != Kind.SQLITE, "SQLite serializes writers");
    try (Handle h = open(db, "b16_race", "version BIGINT, body $T")) {
      Brk16EdgesTest_RaceUpserts.upsert(h, new Race("k", 0, "start"));
      Set<Long> winners = ConcurrentHashMap.newKeySet();
      AtomicInteger updated = new AtomicInteger();
      AtomicInteger stale = new AtomicInteger();
      List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          futures.add(pool.submit(() -> db.jdbi().useHandle(w -> {
            for (int i = 0; i < 100; i++) {
              long read = Brk16EdgesTest_RaceUpserts.find(w, "k").orElseThrow().version();
              Outcome outcome = Brk16EdgesTest_RaceUpserts.upsert(w, new Race("k", read, thread + ":" + i));
              if (outcome == Outcome.UPDATED) {
                updated.incrementAndGet();
                if (!winners.add(read)) {
                  duplicates.add(read);
                }
              } else if (outcome == Outcome.STALE) {
                stale.incrementAndGet();
              } else {
                throw new AssertionError("outcome " + outcome);
              }
            }
          })));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(duplicates).isEmpty();
      assertThat(updated.get() + stale.get()).isEqualTo(800);
      assertThat(Brk16EdgesTest_RaceUpserts.find(h, "k").orElseThrow().version()).isEqualTo(1L + updated.get());
    }
  }
}
