package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.Upserts;
import io.github.upserts.dialect.MySqlDialect;
import io.github.upserts.exec.Operation;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.it.TestDatabases.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the MariaDB/MySQL dialect does beyond the conformance suite, on MariaDB through MariaDB
 * Connector/J (affected rows counted with {@code CLIENT_FOUND_ROWS}, its default) and through
 * MySQL Connector/J with {@code useAffectedRows=true}: outcomes that do not depend on that flag,
 * reads-back that stay exact under concurrency, exact bulk counts, the unique-index checks and
 * the time-zone settings the dialect documents. Each concurrency test has a control that shows
 * the naive way breaks under the same load.
 */
class MariaDbTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final int THREADS = 8;

  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    ConformanceSchema.reset(db, handle);
    return handle;
  }

  private static boolean countsChangedRowsOnly(Database db) {
    return db.name().contains("Connector/J");
  }

  /** Runs {@code work(thread)} on {@code threads} threads started together; returns their errors. */
  private static List<Throwable> onThreads(int threads, ThreadWork work) throws InterruptedException {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try {
          start.await();
          work.run(thread);
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    return errors;
  }

  private static long deadlocks(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")
        .map((rs, ctx) -> rs.getLong(2)).one());
  }

  private interface ThreadWork {
    void run(int thread) throws Exception;
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void theDialectIsDetectedFromEitherDriver(Database db) {
    try (Handle h = db.jdbi().open()) {
      assertThat(Upserts.dialect(h)).isInstanceOf(MySqlDialect.class);
      assertThat(((MySqlDialect) Upserts.dialect(h)).isMariaDb()).isTrue();
      assertThat(Upserts.dialect(h).name()).startsWith("MariaDB 1");
      // MySQL Connector/J reports MariaDB as "MySQL": detection goes by the version string
      String product = h.getConnection().getMetaData().getDatabaseProductName();
      assertThat(product).isEqualTo(countsChangedRowsOnly(db) ? "MySQL" : "MariaDB");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The control shows why the dialect does not trust the affected-row count: with
   * {@code CLIENT_FOUND_ROWS} (the drivers' default) an existing row left as it was counts 1,
   * like an inserted one; without it, 0. The dialect's outcomes are the same on both.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void outcomesDoNotDependOnHowTheDriverCountsAffectedRows(Database db) {
    try (Handle h = open(db)) {
      String plain = "INSERT INTO settings (name, value) VALUES ('raw', 'x')"
          + " ON DUPLICATE KEY UPDATE value = VALUES(value)";
      assertThat(h.execute(plain)).isEqualTo(1);
      assertWithMessage("affected rows of an existing row left as it was")
          .that(h.execute(plain)).isEqualTo(countsChangedRowsOnly(db) ? 0 : 1);

      assertThat(SettingUpserts.upsert(h, new Setting("theme", "dark", T0))).isEqualTo(Outcome.INSERTED);
      assertThat(SettingUpserts.upsert(h, new Setting("theme", "dark", T0))).isEqualTo(Outcome.UNCHANGED);
      assertThat(SettingUpserts.upsert(h, new Setting("theme", "light", T0))).isEqualTo(Outcome.UPDATED);
      assertThat(SettingUpserts.upsert(h, new Setting("theme", "light", T0))).isEqualTo(Outcome.UNCHANGED);
      // without skipUnchanged an existing row is UPDATED, as on PostgreSQL, even if nothing changed
      PageView same = new PageView("/p", DAY, 0, T0);
      assertThat(PageViewUpserts.upsert(h, same)).isEqualTo(Outcome.INSERTED);
      assertThat(PageViewUpserts.upsert(h, same)).isEqualTo(Outcome.UPDATED);
      assertThat(EventUpserts.upsert(h, new Event("e", 1, "one", T0))).isEqualTo(Outcome.INSERTED);
      assertThat(EventUpserts.upsert(h, new Event("e", 1, "one", T0))).isEqualTo(Outcome.SKIPPED);
      assertThat(EventUpserts.upsert(h, new Event("e", 0, "zero", T0))).isEqualTo(Outcome.SKIPPED);
      assertThat(EventUpserts.upsert(h, new Event("e", 2, "two", T0))).isEqualTo(Outcome.UPDATED);
      assertThat(TagUpserts.insertIfAbsent(h, new Tag("t"))).isTrue();
      assertThat(TagUpserts.insertIfAbsent(h, new Tag("t"))).isFalse();
      assertThat(PageViewUpserts.insertIfAbsent(h, same)).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void concurrentUpsertsInsertEachKeyExactlyOnce(Database db) throws InterruptedException {
    db.jdbi().useHandle(h -> ConformanceSchema.reset(db, h));
    int calls = 120;
    List<String> pages = List.of("/a", "/b", "/c", "/d", "/e");
    AtomicLong inserted = new AtomicLong();
    AtomicLong updated = new AtomicLong();
    List<Throwable> errors = onThreads(THREADS, thread -> {
      try (Handle h = db.jdbi().open()) {
        for (int i = 0; i < calls; i++) {
          PageView row = new PageView(pages.get((thread + i) % pages.size()), DAY, 1, T0);
          // half the calls in a transaction of the caller, half on their own
          Outcome outcome = i % 2 == 0
              ? PageViewUpserts.upsert(h, row)
              : h.inTransaction(tx -> PageViewUpserts.upsert(tx, row));
          (outcome == Outcome.INSERTED ? inserted : updated).incrementAndGet();
        }
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(inserted.get()).isEqualTo(pages.size());
    assertThat(updated.get()).isEqualTo((long) THREADS * calls - pages.size());
    try (Handle h = db.jdbi().open()) {
      for (String page : pages) {
        assertThat(PageViewUpserts.find(h, page, DAY).orElseThrow().views())
            .isEqualTo((long) THREADS * calls / pages.size());
      }
    }
  }

  /**
   * A unique secondary index as the key, beside an {@code AUTO_INCREMENT} primary key (InnoDB
   * then locks gaps of the secondary index): threads racing to create the same new keys.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void concurrentUpsertsOnASecondaryUniqueKey(Database db) throws InterruptedException {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE page_views");
      h.execute("CREATE TABLE page_views (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
          + " page VARCHAR(255) NOT NULL, day DATE NOT NULL, views BIGINT NOT NULL DEFAULT 0,"
          + " last_seen DATETIME(6), UNIQUE (page, day))");
    }
    int keys = 150;
    AtomicLong inserted = new AtomicLong();
    List<Throwable> errors = onThreads(THREADS, thread -> {
      try (Handle h = db.jdbi().open()) {
        for (int i = 0; i < keys; i++) {
          PageView row = new PageView("/k" + i, DAY, 1, T0);
          Outcome outcome = thread % 2 == 0
              ? PageViewUpserts.upsert(h, row)
              : h.inTransaction(tx -> PageViewUpserts.upsert(tx, row));
          if (outcome == Outcome.INSERTED) {
            inserted.incrementAndGet();
          }
        }
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(inserted.get()).isEqualTo(keys);
    try (Handle h = db.jdbi().open()) {
      assertThat(h.createQuery("SELECT SUM(views) FROM page_views").mapTo(Long.class).one())
          .isEqualTo((long) THREADS * keys);
    }
  }

  /**
   * A deadlock provoked on purpose: transaction A holds the key's row and then scans the table
   * for update, reaching the row a single upsert B (auto-commit, waiting for A) had already
   * inserted into the primary key. InnoDB rolls back the lighter transaction, B; outside a
   * transaction the dialect starts B over, and it completes once A commits.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void aDeadlockVictimOutsideATransactionStartsOver(Database db) throws Exception {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE page_views");
      h.execute("CREATE TABLE page_views (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
          + " page VARCHAR(255) NOT NULL, day DATE NOT NULL, views BIGINT NOT NULL DEFAULT 0,"
          + " last_seen DATETIME(6), UNIQUE (page, day))");
      h.execute("DROP TABLE IF EXISTS ballast");
      h.execute("CREATE TABLE ballast (id INT PRIMARY KEY, n INT)");
      h.execute("INSERT INTO ballast SELECT seq, 0 FROM seq_1_to_500");
      PageViewUpserts.upsert(h, new PageView("/x", DAY, 1, T0));
    }
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors;
    long deadlocksBefore = deadlocks(db);
    try (Handle a = db.jdbi().open()) {
      a.begin();
      a.execute("UPDATE ballast SET n = n + 1"); // A is the heavier transaction: not the victim
      a.createQuery("SELECT id FROM page_views WHERE page = '/x' FOR UPDATE").mapTo(Long.class).one();
      Thread b = new Thread(() -> {
        try (Handle h = db.jdbi().open()) {
          outcomes.add(PageViewUpserts.upsert(h, new PageView("/x", DAY, 1, T0)));
        } catch (RuntimeException e) {
          outcomes.add(null);
          throw e;
        }
      });
      errors = Collections.synchronizedList(new ArrayList<>());
      b.setUncaughtExceptionHandler((t, e) -> errors.add(e));
      b.start();
      try (Handle monitor = db.jdbi().open()) {
        // B's INSERT runs (waiting for A's lock) for a while: then it has inserted its row
        // into the primary key and waits on the unique index
        long deadline = System.nanoTime() + 10_000_000_000L;
        int seenWaiting = 0;
        while (seenWaiting < 10) {
          boolean waiting = monitor.createQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
              + " WHERE INFO LIKE 'INSERT INTO `page_views`%' AND STATE = 'Update'").mapTo(Integer.class).one() > 0;
          seenWaiting = waiting ? seenWaiting + 1 : 0;
          assertWithMessage("B waits for A's lock (B's errors: %s)", errors)
              .that(System.nanoTime()).isLessThan(deadline);
          Thread.sleep(30);
        }
      }
      // scans the primary key, where B's new row waits for B: B waits for A, A for B
      a.createQuery("SELECT SUM(views) FROM page_views FORCE INDEX (PRIMARY) FOR UPDATE").mapTo(Long.class).one();
      a.commit();
      b.join();
    }
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertWithMessage("deadlocks InnoDB resolved").that(deadlocks(db)).isEqualTo(deadlocksBefore + 1);
    assertThat(outcomes).containsExactly(Outcome.UPDATED);
    try (Handle h = db.jdbi().open()) {
      assertThat(PageViewUpserts.find(h, "/x", DAY).orElseThrow().views()).isEqualTo(2);
      h.execute("DROP TABLE ballast");
    }
  }

  /**
   * Increments read their total back with a locking read in the write's transaction: every
   * returned total is distinct, and together they are exactly 1..n. The control reads the total
   * with a plain select after the write committed, and returns some totals twice.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void concurrentIncrementsReturnDistinctConsecutiveTotals(Database db) throws InterruptedException {
    db.jdbi().useHandle(h -> ConformanceSchema.reset(db, h));
    int calls = 120;
    List<Long> totals = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors = onThreads(THREADS, thread -> {
      try (Handle h = db.jdbi().open()) {
        for (int i = 0; i < calls; i++) {
          // outside a transaction the dialect opens one; inside, it uses the caller's
          totals.add(i % 2 == 0
              ? PageViewUpserts.incrementViews(h, "/hot", DAY, 1)
              : h.inTransaction(tx -> PageViewUpserts.incrementViews(tx, "/hot", DAY, 1)));
        }
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    long n = (long) THREADS * calls;
    assertThat(new TreeSet<>(totals)).containsExactlyElementsIn(LongStream.rangeClosed(1, n).boxed().toList());
    assertThat(totals).hasSize((int) n);

    // the control: the same write, then a plain select in its own autocommit statement
    db.jdbi().useHandle(h -> ConformanceSchema.reset(db, h));
    TableStatements sql;
    try (Handle h = db.jdbi().open()) {
      sql = Upserts.dialect(h).render(PageViewUpserts.table());
    }
    String write = sql.incrementSql(PageViewUpserts.table().column(2));
    List<Long> naive = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> naiveErrors = onThreads(THREADS, thread -> {
      try (Handle h = db.jdbi().open()) {
        for (int i = 0; i < calls; i++) {
          h.createUpdate(write).bind("page", "/hot").bind("day", DAY).bind("views", 1L).execute();
          naive.add(h.createQuery("SELECT views FROM page_views WHERE page = '/hot'").mapTo(Long.class).one());
        }
      }
    });
    assertWithMessage("exceptions").that(naiveErrors).isEmpty();
    assertWithMessage("distinct totals the naive read returned out of %s", n)
        .that((long) new TreeSet<>(naive).size()).isLessThan(n);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void getOrInsertRacersAllGetTheOneStoredRow(Database db) throws InterruptedException {
    db.jdbi().useHandle(h -> ConformanceSchema.reset(db, h));
    int racers = 16;
    for (int round = 0; round < 10; round++) {
      String id = "race-" + round;
      List<Event> got = Collections.synchronizedList(new ArrayList<>());
      List<Throwable> errors = onThreads(racers, thread -> {
        try (Handle h = db.jdbi().open()) {
          got.add(EventUpserts.getOrInsert(h, new Event(id, thread, "by " + thread, T0)));
        }
      });
      assertWithMessage("exceptions").that(errors).isEmpty();
      assertThat(got).hasSize(racers);
      assertThat(Set.copyOf(got)).hasSize(1);
      try (Handle h = db.jdbi().open()) {
        assertThat(EventUpserts.find(h, id)).hasValue(got.get(0));
      }
    }
  }

  /** 12,000 rows per call: three chunks of 5,000, each counted exactly. */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void bulkOutcomesAreExactInEveryChunk(Database db) {
    try (Handle h = open(db)) {
      BatchOutcome first = EventUpserts.upsertAll(h,
          IntStream.range(0, 8_000).mapToObj(i -> new Event("e" + i, 5, "v5", T0)));
      assertThat(first).isEqualTo(new BatchOutcome(8_000, 0, 8_000, 0, 0, 0, true));
      // 4,000 newer, 4,000 not newer (equal or older), 4,000 new keys
      BatchOutcome second = EventUpserts.upsertAll(h, IntStream.range(0, 12_000)
          .mapToObj(i -> new Event("e" + i, i < 4_000 ? 6 : i < 6_000 ? 5 : 4, "next", T0)));
      assertThat(second).isEqualTo(new BatchOutcome(12_000, 0, 4_000, 4_000, 4_000, 0, true));
      assertThat(EventUpserts.find(h, "e1")).hasValue(new Event("e1", 6, "next", T0));
      assertThat(EventUpserts.find(h, "e5000")).hasValue(new Event("e5000", 5, "v5", T0));

      SettingUpserts.upsertAll(h, IntStream.range(0, 6_000).mapToObj(i -> new Setting("s" + i, "a", T0)));
      BatchOutcome settings = SettingUpserts.upsertAll(h, IntStream.range(0, 9_000)
          .mapToObj(i -> new Setting("s" + i, i < 1_000 ? "b" : "a", T0)));
      assertThat(settings).isEqualTo(new BatchOutcome(9_000, 0, 3_000, 1_000, 0, 5_000, true));
    }
  }

  /**
   * With an {@code AUTO_INCREMENT} surrogate key beside the unique natural key: verifySchema
   * accepts it (generated ids never collide), single upserts stay exact, and a bulk chunk that
   * inserted reports itself inexact (the server reports the generated id, not the count).
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void autoIncrementSurrogateKeys(Database db) {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE page_views");
      h.execute("CREATE TABLE page_views (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
          + " page VARCHAR(255) NOT NULL, day DATE NOT NULL, views BIGINT NOT NULL DEFAULT 0,"
          + " last_seen DATETIME(6), UNIQUE (page, day))");
      PageViewUpserts.verifySchema(h);
      assertThat(PageViewUpserts.upsert(h, new PageView("/a", DAY, 1, T0))).isEqualTo(Outcome.INSERTED);
      assertThat(PageViewUpserts.upsert(h, new PageView("/b", DAY, 1, T0))).isEqualTo(Outcome.INSERTED);
      assertThat(PageViewUpserts.upsert(h, new PageView("/a", DAY, 1, T0))).isEqualTo(Outcome.UPDATED);
      assertThat(PageViewUpserts.insertIfAbsent(h, new PageView("/a", DAY, 1, T0))).isFalse();
      assertThat(PageViewUpserts.insertIfAbsent(h, new PageView("/c", DAY, 1, T0))).isTrue();

      BatchOutcome mixed = PageViewUpserts.upsertAll(h,
          List.of(new PageView("/a", DAY, 1, T0), new PageView("/d", DAY, 1, T0)));
      // counted in a user variable too, which the auto-increment id taken does not replace
      assertThat(mixed).isEqualTo(new BatchOutcome(2, 0, 1, 1, 0, 0, true));
      BatchOutcome existing = PageViewUpserts.upsertAll(h,
          List.of(new PageView("/a", DAY, 1, T0), new PageView("/d", DAY, 1, T0)));
      assertThat(existing).isEqualTo(new BatchOutcome(2, 0, 0, 2, 0, 0, true));
      assertThat(PageViewUpserts.find(h, "/a", DAY).orElseThrow().views()).isEqualTo(4);
    }
  }

  /**
   * ON DUPLICATE KEY UPDATE fires on every unique index: a new key colliding on another one
   * fails like a unique violation and leaves the other key's row untouched (more in
   * UniqCollisionTest), so verifySchema accepts other unique indexes.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void otherUniqueIndexesFailACollidingRowAndAreNoMismatch(Database db) {
    try (Handle h = open(db)) {
      h.execute("CREATE UNIQUE INDEX one_per_second ON page_views (last_seen)");
      PageViewUpserts.upsert(h, new PageView("/a", DAY, 1, T0));
      org.jdbi.v3.core.statement.UnableToExecuteStatementException e = assertThrows(
          org.jdbi.v3.core.statement.UnableToExecuteStatementException.class,
          () -> PageViewUpserts.upsert(h, new PageView("/b", DAY, 5, T0)));
      assertThat(e.getCause()).hasMessageThat().contains("page = /b, day = " + DAY);
      assertThat(PageViewUpserts.find(h, "/b", DAY)).isEmpty();
      assertThat(PageViewUpserts.find(h, "/a", DAY).orElseThrow().views()).isEqualTo(1);
      PageViewUpserts.verifySchema(h);
    }
  }

  /** Without a unique index on the key MariaDB would insert duplicates: refused before writing. */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void aKeyWithoutAUniqueIndexIsRefusedBeforeAnyWrite(Database db) {
    try (Handle h = open(db)) {
      // a fresh dialect: the detected one remembers the tables it already checked
      h.getConfig(Upserts.class).setDialect(MySqlDialect.forMariaDb());
      h.execute("DROP TABLE tags");
      h.execute("CREATE TABLE tags (name VARCHAR(100))");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
          () -> TagUpserts.upsert(h, new Tag("java")));
      assertThat(e).hasMessageThat().contains("ALTER TABLE `tags` ADD UNIQUE (`name`)");
      assertThrows(SchemaMismatchException.class, () -> TagUpserts.upsertAll(h, List.of(new Tag("a"))));
      assertThrows(SchemaMismatchException.class, () -> TagUpserts.getOrInsert(h, new Tag("a")));
      assertThat(h.createQuery("SELECT COUNT(*) FROM tags").mapTo(Integer.class).one()).isEqualTo(0);
      h.execute("ALTER TABLE `tags` ADD UNIQUE (`name`)");
      assertThat(TagUpserts.upsert(h, new Tag("java"))).isEqualTo(Outcome.INSERTED);
      assertThat(TagUpserts.upsert(h, new Tag("java"))).isEqualTo(Outcome.UNCHANGED);
    }
  }

  /**
   * An instant in the hour a daylight-saving change repeats, written from a JVM in New York:
   * with the connection options the dialect documents it is stored as UTC and reads back
   * exactly; with the drivers' defaults (the control) it comes back an hour off.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void instantsRoundTripExactlyWithTheDocumentedTimeZoneOptions(Database db) {
    String url = TestDatabases.serverUrl(TestDatabases.MARIADB_URL_VARIABLE);
    if (countsChangedRowsOnly(db)) {
      url = TestDatabases.mySqlDriverUrl(url);
    }
    String plain = url.replaceAll("[&?](connectionTimeZone|preserveInstants|forceConnectionTimeZoneToSession)=[^&]*", "");
    if (!plain.contains("?")) {
      plain = plain.replaceFirst("&", "?");
    }
    String documented = plain + (plain.contains("?") ? "&" : "?") + "connectionTimeZone=UTC"
        + (countsChangedRowsOnly(db) ? "" : "&preserveInstants=true");
    // 01:30 in New York, the first of the two that night (EDT, before the clocks go back)
    Instant repeatedHour = Instant.parse("2026-11-01T05:30:00Z");
    TimeZone zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    try {
      try (Handle h = Jdbi.create(documented).open()) {
        ConformanceSchema.reset(db, h);
        PageViewUpserts.upsert(h, new PageView("/dst", DAY, 1, repeatedHour));
        assertThat(PageViewUpserts.find(h, "/dst", DAY).orElseThrow().lastSeen()).isEqualTo(repeatedHour);
        assertThat(h.createQuery("SELECT CAST(last_seen AS CHAR) FROM page_views").mapTo(String.class).one())
            .isEqualTo("2026-11-01 05:30:00.000000");
      }
      try (Handle h = Jdbi.create(plain).open()) {
        ConformanceSchema.reset(db, h);
        PageViewUpserts.upsert(h, new PageView("/dst", DAY, 1, repeatedHour));
        // stored as the local 01:30, read back as the second 01:30 of that night
        assertThat(PageViewUpserts.find(h, "/dst", DAY).orElseThrow().lastSeen())
            .isEqualTo(repeatedHour.plusSeconds(3_600));
      }
    } finally {
      TimeZone.setDefault(zone);
    }
  }
}
