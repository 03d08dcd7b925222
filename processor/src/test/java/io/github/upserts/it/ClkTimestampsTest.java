package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @CreatedAt} and {@code @UpdatedAt} hold the database's clock: set at insert, the one
 * never changed, the other moved only by an update that changes another column; the statement's
 * start (H2: the transaction's), one time for every row of a statement; on every database,
 * single-row and bulk.
 */
class ClkTimestampsTest {

  private static List<String> ddl(Database db) {
    String key = db.kind() == Kind.MARIADB || db.kind() == Kind.H2 ? "VARCHAR(40)" : "TEXT";
    String text = db.kind() == Kind.MARIADB || db.kind() == Kind.H2 ? "VARCHAR(100)" : "TEXT";
    String instant = switch (db.kind()) {
      case POSTGRES -> "timestamptz";
      case MARIADB -> "DATETIME(6)";
      case H2 -> "TIMESTAMP(9) WITH TIME ZONE";
      case SQLITE -> "TIMESTAMP";
    };
    String local = switch (db.kind()) {
      case POSTGRES -> "timestamp";
      case MARIADB -> "DATETIME(6)";
      case H2 -> "TIMESTAMP(9)";
      case SQLITE -> "TIMESTAMP";
    };
    return List.of(
        "CREATE TABLE clk_stamps (id " + key + " PRIMARY KEY, name " + text + ", hits BIGINT,"
            + " created_at " + instant + " NOT NULL, updated_at " + instant + " NOT NULL)",
        "CREATE TABLE clk_versioned (id " + key + " PRIMARY KEY, version BIGINT, name " + text + ","
            + " created " + instant + " NOT NULL, updated " + instant + " NOT NULL)",
        "CREATE TABLE clk_quiet (id " + key + " PRIMARY KEY, name " + text + ", changed " + local + " NOT NULL,"
            + " born " + local + " NOT NULL)",
        "CREATE TABLE clk_naive (id " + key + " PRIMARY KEY, name " + text + ", hits BIGINT, updated_micros BIGINT)");
  }

  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    for (String table : List.of("clk_stamps", "clk_versioned", "clk_quiet", "clk_naive")) {
      h.execute("DROP TABLE IF EXISTS " + table);
    }
    ddl(db).forEach(h::execute);
    return h;
  }

  /** The database's current time, read as {@code @CreatedAt Instant} columns get it. */
  static Instant now(Handle h, Kind kind) {
    return switch (kind) {
      case POSTGRES -> h.createQuery("SELECT statement_timestamp()").mapTo(OffsetDateTime.class).one().toInstant();
      case MARIADB -> h.createQuery("SELECT CAST(UTC_TIMESTAMP(6) AS CHAR)").mapTo(String.class)
          .map(t -> LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC)).one();
      case H2 -> h.createQuery("SELECT CURRENT_TIMESTAMP").mapTo(OffsetDateTime.class).one().toInstant();
      case SQLITE -> Instant.ofEpochMilli(h.createQuery(
          "SELECT CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)").mapTo(Long.class).one());
    };
  }

  /** The database's current local time, as {@code LocalDateTime} clock columns get it. */
  static LocalDateTime localNow(Handle h, Kind kind) {
    String sql = switch (kind) {
      case POSTGRES -> "SELECT CAST(CAST(statement_timestamp() AS timestamp) AS text)";
      case MARIADB -> "SELECT CAST(CURRENT_TIMESTAMP(6) AS CHAR)";
      case H2 -> "SELECT CAST(LOCALTIMESTAMP AS VARCHAR)";
      case SQLITE -> "SELECT strftime('%Y-%m-%dT%H:%M:%f', 'now', 'localtime')";
    };
    return LocalDateTime.parse(h.createQuery(sql).mapTo(String.class).one().replace(' ', 'T'));
  }

  /** The stored text of a column, for the types the row mapper cannot read on every database. */
  static String text(Handle h, Kind kind, String table, String column, String id) {
    String cast = switch (kind) {
      case POSTGRES -> "CAST(" + column + " AS text)";
      case MARIADB -> "CAST(" + column + " AS CHAR)";
      case H2 -> "CAST(" + column + " AS VARCHAR)";
      case SQLITE -> "CAST(" + column + " AS TEXT)";
    };
    return h.createQuery("SELECT " + cast + " FROM " + table + " WHERE id = :id").bind("id", id).mapTo(String.class).one();
  }

  /** Long enough for every database's clock (SQLite's counts milliseconds) to move on. */
  private static void pause() {
    try {
      Thread.sleep(15);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertBetween(Instant at, Instant before, Instant after) {
    assertThat(at).isAtLeast(before);
    assertThat(at).isAtMost(after);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void anInsertStampsBothAndAnUpdateMovesOnlyUpdatedAtWhenSomethingChanges(Database db) {
    try (Handle h = open(db)) {
      Instant before = now(h, db.kind());
      ClkStamp first = ClkStampUpserts.upsertReturning(h, new ClkStamp("a", "Ann", 0L, Instant.EPOCH, Instant.EPOCH));
      Instant after = now(h, db.kind());
      assertBetween(first.createdAt(), before, after);
      assertThat(first.updatedAt()).isEqualTo(first.createdAt());
      assertThat(ClkStampUpserts.find(h, "a")).hasValue(first);
      pause();

      Instant before2 = now(h, db.kind());
      assertThat(ClkStampUpserts.upsert(h, ClkStamp.of("a", "Ann B"))).isEqualTo(Outcome.UPDATED);
      Instant after2 = now(h, db.kind());
      ClkStamp changed = ClkStampUpserts.find(h, "a").orElseThrow();
      assertThat(changed.createdAt()).isEqualTo(first.createdAt());
      assertBetween(changed.updatedAt(), before2, after2);
      assertThat(changed.updatedAt()).isGreaterThan(first.updatedAt());
      pause();

      // changes nothing: the same name, no hits
      ClkStamp same = ClkStampUpserts.upsertReturning(h, ClkStamp.of("a", "Ann B"));
      assertThat(same).isEqualTo(changed);
      assertThat(ClkStampUpserts.upsertReturningOutcome(h, ClkStamp.of("a", "Ann B")).row()).isEqualTo(changed);
      assertThat(ClkStampUpserts.getOrInsert(h, ClkStamp.of("a", "other"))).isEqualTo(changed);
      assertThat(ClkStampUpserts.insertIfAbsent(h, ClkStamp.of("a", "other"))).isFalse();

      Instant before3 = now(h, db.kind());
      ClkStamp got = ClkStampUpserts.getOrInsert(h, ClkStamp.of("g", "Gil"));
      Instant after3 = now(h, db.kind());
      assertBetween(got.createdAt(), before3, after3);
      assertThat(got.updatedAt()).isEqualTo(got.createdAt());
      assertThat(ClkStampUpserts.getOrInsertOutcome(h, ClkStamp.of("g", "x")).row()).isEqualTo(got);
      pause();
      ClkStamp returned = ClkStampUpserts.upsertReturning(h, ClkStamp.of("g", "Gil B"));
      assertThat(returned.createdAt()).isEqualTo(got.createdAt());
      assertThat(returned.updatedAt()).isGreaterThan(got.updatedAt());
      assertThat(ClkStampUpserts.find(h, "g")).hasValue(returned);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void incrementsStampTheInsertAndMoveUpdatedAt(Database db) {
    try (Handle h = open(db)) {
      Instant before = now(h, db.kind());
      assertThat(ClkStampUpserts.incrementHits(h, "i", 2L)).isEqualTo(2L);
      Instant after = now(h, db.kind());
      ClkStamp inserted = ClkStampUpserts.find(h, "i").orElseThrow();
      assertBetween(inserted.createdAt(), before, after);
      assertThat(inserted.updatedAt()).isEqualTo(inserted.createdAt());
      pause();
      assertThat(ClkStampUpserts.incrementHits(h, "i", 0L)).isEqualTo(2L);
      assertThat(ClkStampUpserts.find(h, "i")).hasValue(inserted);
      assertThat(ClkStampUpserts.incrementHits(h, "i", 3L)).isEqualTo(5L);
      ClkStamp added = ClkStampUpserts.find(h, "i").orElseThrow();
      assertThat(added.createdAt()).isEqualTo(inserted.createdAt());
      assertThat(added.updatedAt()).isGreaterThan(inserted.updatedAt());
      pause();

      Instant before2 = now(h, db.kind());
      ClkStampUpserts.incrementAll(h, List.of(new ClkStamp("i", null, 1L, null, null), new ClkStamp("j", null, 4L, null, null)));
      Instant after2 = now(h, db.kind());
      ClkStamp i = ClkStampUpserts.find(h, "i").orElseThrow();
      ClkStamp j = ClkStampUpserts.find(h, "j").orElseThrow();
      assertThat(i.hits()).isEqualTo(6L);
      assertThat(i.createdAt()).isEqualTo(inserted.createdAt());
      assertBetween(i.updatedAt(), before2, after2);
      assertThat(j.hits()).isEqualTo(4L);
      assertBetween(j.createdAt(), before2, after2);
      assertThat(j.updatedAt()).isEqualTo(j.createdAt());
      if (db.kind() != Kind.SQLITE) {
        // one statement, one time (SQLite writes a chunk's existing rows and its new rows in two statements)
        assertThat(i.updatedAt()).isEqualTo(j.createdAt());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void bulkStampsNewRowsAndMovesChangedOnesAtOneTime(Database db) {
    try (Handle h = open(db)) {
      ClkStampUpserts.upsertAll(h, List.of(ClkStamp.of("b1", "one"), ClkStamp.of("b2", "two")));
      ClkStamp b1 = ClkStampUpserts.find(h, "b1").orElseThrow();
      ClkStamp b2 = ClkStampUpserts.find(h, "b2").orElseThrow();
      assertThat(b1.updatedAt()).isEqualTo(b1.createdAt());
      assertThat(b2.createdAt()).isEqualTo(b1.createdAt());
      pause();

      Instant before = now(h, db.kind());
      List<ClkStamp> back = new ArrayList<>();
      // b1 changed, b2 unchanged, b3 and b4 new
      BatchOutcome outcome = ClkStampUpserts.upsertAllReturning(h, List.of(ClkStamp.of("b1", "one!"), ClkStamp.of("b2", "two"),
          ClkStamp.of("b3", "three"), ClkStamp.of("b4", "four")), back::add);
      Instant after = now(h, db.kind());
      assertThat(outcome.rows()).isEqualTo(4);
      assertThat(outcome.inserted()).isEqualTo(2);
      Map<String, ClkStamp> stored = new java.util.HashMap<>();
      back.forEach(s -> stored.put(s.id(), s));
      assertThat(stored.keySet()).containsExactly("b1", "b2", "b3", "b4");
      for (ClkStamp s : back) {
        assertThat(ClkStampUpserts.find(h, s.id())).hasValue(s);
      }
      assertThat(stored.get("b1").createdAt()).isEqualTo(b1.createdAt());
      assertBetween(stored.get("b1").updatedAt(), before, after);
      assertThat(stored.get("b2")).isEqualTo(b2);
      assertBetween(stored.get("b3").createdAt(), before, after);
      if (db.kind() != Kind.SQLITE) {
        // one statement: one time for every row it wrote (SQLite: one for the existing rows, one for the new)
        assertThat(stored.get("b3").createdAt()).isEqualTo(stored.get("b1").updatedAt());
      }
      assertThat(stored.get("b4").createdAt()).isEqualTo(stored.get("b3").createdAt());
      assertThat(stored.get("b4").updatedAt()).isEqualTo(stored.get("b4").createdAt());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aSkippedOlderVersionLeavesUpdatedAsItWas(Database db) {
    try (Handle h = open(db)) {
      Kind kind = db.kind();
      assertThat(ClkVersionedUpserts.upsert(h, new ClkVersioned("v", 2L, "two", null, null))).isEqualTo(Outcome.INSERTED);
      String created = text(h, kind, "clk_versioned", "created", "v");
      String updated = text(h, kind, "clk_versioned", "updated", "v");
      assertThat(updated).isEqualTo(created);
      pause();
      assertThat(ClkVersionedUpserts.upsert(h, new ClkVersioned("v", 1L, "one", null, null))).isEqualTo(Outcome.SKIPPED);
      ClkVersionedUpserts.upsertAll(h, List.of(new ClkVersioned("v", 1L, "one", null, null)));
      assertThat(text(h, kind, "clk_versioned", "updated", "v")).isEqualTo(updated);
      assertThat(ClkVersionedUpserts.upsert(h, new ClkVersioned("v", 3L, "three", null, null))).isEqualTo(Outcome.UPDATED);
      String moved = text(h, kind, "clk_versioned", "updated", "v");
      assertThat(moved).isNotEqualTo(updated);
      assertThat(text(h, kind, "clk_versioned", "created", "v")).isEqualTo(created);
      pause();
      ClkVersionedUpserts.upsertAll(h, List.of(new ClkVersioned("v", 4L, "four", null, null), new ClkVersioned("w", 1L, "w", null, null)));
      assertThat(text(h, kind, "clk_versioned", "updated", "v")).isNotEqualTo(moved);
      if (kind != Kind.SQLITE) {
        assertThat(text(h, kind, "clk_versioned", "updated", "v")).isEqualTo(text(h, kind, "clk_versioned", "created", "w"));
      }
      if (kind != Kind.SQLITE) {
        // SQLite's driver cannot read an OffsetDateTime
        Instant before = now(h, kind);
        ClkVersioned x = ClkVersionedUpserts.upsertReturning(h, new ClkVersioned("x", 1L, "x", null, null));
        Instant after = now(h, kind);
        assertBetween(x.created().toInstant(), before, after);
        assertThat(x.updated()).isEqualTo(x.created());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void skipUnchangedLeavesChangedAsItWasAndLocalTimesAreTheDatabasesLocalTime(Database db) {
    try (Handle h = open(db)) {
      LocalDateTime before = localNow(h, db.kind());
      ClkQuiet first = ClkQuietUpserts.upsertReturning(h, new ClkQuiet("q", "one", null, null));
      LocalDateTime after = localNow(h, db.kind());
      assertThat(first.born()).isAtLeast(before);
      assertThat(first.born()).isAtMost(after);
      assertThat(first.changed()).isEqualTo(first.born());
      pause();
      assertThat(ClkQuietUpserts.upsert(h, new ClkQuiet("q", "one", null, null))).isEqualTo(Outcome.UNCHANGED);
      assertThat(ClkQuietUpserts.upsertReturning(h, new ClkQuiet("q", "one", null, null))).isEqualTo(first);
      assertThat(ClkQuietUpserts.upsertAll(h, List.of(new ClkQuiet("q", "one", null, null))).unchanged()).isEqualTo(1);
      assertThat(ClkQuietUpserts.find(h, "q")).hasValue(first);
      ClkQuiet moved = ClkQuietUpserts.upsertReturning(h, new ClkQuiet("q", "two", null, null));
      assertThat(moved.born()).isEqualTo(first.born());
      assertThat(moved.changed()).isGreaterThan(first.changed());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void theClockIsTheStatementsStartButH2sIsTheTransactions(Database db) {
    try (Handle h = open(db)) {
      h.useTransaction(t -> {
        ClkStampUpserts.upsert(t, ClkStamp.of("t1", "one"));
        pause();
        ClkStampUpserts.upsert(t, ClkStamp.of("t2", "two"));
      });
      Instant t1 = ClkStampUpserts.find(h, "t1").orElseThrow().createdAt();
      Instant t2 = ClkStampUpserts.find(h, "t2").orElseThrow().createdAt();
      if (db.kind() == Kind.H2) {
        assertThat(t2).isEqualTo(t1);
      } else {
        assertThat(t2).isGreaterThan(t1);
      }
    }
  }

  /** Each thread's rows as returned, in the order the row's writes committed (by its hits). */
  private static <T> List<T> race(Jdbi jdbi, Function<Handle, T> write, Comparator<T> commitOrder) throws Exception {
    int threads = 8;
    int writes = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<T>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          List<T> seen = new ArrayList<>();
          try (Handle h = jdbi.open()) {
            for (int i = 0; i < writes; i++) {
              seen.add(write.apply(h));
            }
          }
          return seen;
        }));
      }
      start.countDown();
      List<T> all = new ArrayList<>();
      for (Future<List<T>> f : futures) {
        all.addAll(f.get());
      }
      all.sort(commitOrder);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long micros(Instant at) {
    return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  private static void sleepUpTo2Millis() {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether some row's time is before the one committed just before it. */
  private static <T> boolean goesBackwards(List<T> inCommitOrder, Function<T, Instant> time) {
    return IntStream.range(1, inCommitOrder.size())
        .anyMatch(i -> time.apply(inCommitOrder.get(i)).isBefore(time.apply(inCommitOrder.get(i - 1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void racingUpsertsNeverChangeCreatedAtNorMoveUpdatedAtBackwards(Database db) throws Exception {
    try (Handle h = open(db)) {
      ClkStamp first = ClkStampUpserts.upsertReturning(h, new ClkStamp("r", "start", 0L, null, null));
      java.util.concurrent.atomic.AtomicLong names = new java.util.concurrent.atomic.AtomicLong();
      List<ClkStamp> rows = race(db.jdbi(),
          t -> ClkStampUpserts.upsertReturning(t, new ClkStamp("r", "n" + names.incrementAndGet(), 1L, null, null)),
          Comparator.comparing(ClkStamp::hits));
      assertThat(rows.stream().map(ClkStamp::hits).distinct().count()).isEqualTo(rows.size());
      assertThat(rows.stream().map(ClkStamp::createdAt).distinct().toList()).containsExactly(first.createdAt());
      assertThat(goesBackwards(rows, ClkStamp::updatedAt)).isFalse();

      // the control: the client's clock, read when a request starts and written after some work
      // (here a pause of up to 2 ms), goes backwards in commit order
      ClkNaiveUpserts.upsert(h, new ClkNaive("r", "start", 0L, micros(Instant.now())));
      List<ClkNaive> naive = race(db.jdbi(), t -> {
        Instant stamp = Instant.now();
        sleepUpTo2Millis();
        return ClkNaiveUpserts.upsertReturning(t, new ClkNaive("r", "n" + names.incrementAndGet(), 1L, micros(stamp)));
      }, Comparator.comparing(ClkNaive::hits));
      assertThat(goesBackwards(naive, n -> Instant.EPOCH.plus(n.updatedMicros(), java.time.temporal.ChronoUnit.MICROS))).isTrue();
    }
  }
}
