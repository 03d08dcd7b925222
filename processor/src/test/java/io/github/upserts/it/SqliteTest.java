package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.Upserts;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.exec.Operation;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.dialect.SqliteDialect;
import io.github.upserts.dialect.Table;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteConfig;

/**
 * What the SQLite dialect does differently, proved on a real SQLite: outcomes told by two
 * statements in one transaction stay exact under concurrency, the version-dependent forms
 * (no {@code RETURNING} before 3.35, 999 bind parameters before 3.32) work, and the
 * configuration its Javadoc asks for (busy timeout, {@code BEGIN IMMEDIATE} for read-then-write
 * transactions) is what makes concurrent writers error-free; each beside a control without it.
 */
class SqliteTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final int THREADS = 8;
  private static final List<String> PAGES = List.of("/a", "/b", "/c", "/d", "/e");

  /** The dialect of the bundled library, and the forms for older versions, run on it. */
  static Stream<SqliteDialect> dialects() {
    return Stream.of(
        current(), // RETURNING, 32,766 bind parameters
        SqliteDialect.forVersion(3, 34), // no RETURNING: written rows are read back
        SqliteDialect.forVersion(3, 31)); // and 999 bind parameters: small chunks
  }

  private static SqliteDialect current;

  /** The dialect detected on the bundled library. */
  private static synchronized SqliteDialect current() {
    if (current == null) {
      current = (SqliteDialect) SqliteTestDatabase.jdbi("version", config -> {}).withHandle(Upserts::dialect);
    }
    return current;
  }

  /** A fresh database with the conformance tables, using {@code dialect}. */
  private static Database database(String name, SqliteDialect dialect, Consumer<SQLiteConfig> config) {
    Jdbi jdbi = SqliteTestDatabase.jdbi(name, config);
    jdbi.getConfig(Upserts.class).setDialect(dialect);
    Database db = new Database(name + " on " + dialect, Kind.SQLITE, jdbi);
    jdbi.useHandle(h -> ConformanceSchema.reset(db, h));
    return db;
  }

  /** One call of a workload, on the thread's own handle. */
  private interface Call {
    void run(Handle handle, int thread, int call);
  }

  /** {@link #THREADS} threads, each with its own handle, make {@code calls} calls; returns the errors. */
  private static List<Throwable> load(Jdbi jdbi, int calls, Call call) throws InterruptedException {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = jdbi.open()) {
          start.await();
          for (int i = 0; i < calls; i++) {
            try {
              call.run(handle, thread, i);
            } catch (RuntimeException e) {
              errors.add(e);
            }
          }
        } catch (InterruptedException e) {
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

  private static long views(Jdbi jdbi, String page) {
    return jdbi.withHandle(h -> PageViewUpserts.find(h, page, DAY).orElseThrow().views());
  }

  @Test
  void theDialectIsDetectedFromTheLibrarysVersion() throws Exception {
    Jdbi jdbi = SqliteTestDatabase.jdbi("detect", config -> {});
    int minor = jdbi.withHandle(h -> h.getConnection().getMetaData().getDatabaseMinorVersion());
    assertThat(jdbi.withHandle(Upserts::dialect)).isEqualTo(SqliteDialect.forVersion(3, minor));
    assertThat(minor).isAtLeast(35);
  }

  /**
   * The control: the upsert statement alone reports one changed row whether it inserted or
   * updated, so it cannot tell which; the dialect's first statement (insert or nothing) can.
   */
  @Test
  void controlTheUpsertStatementAloneCannotTellAnInsertFromAnUpdate() {
    Database db = database("alone", current(), config -> {});
    try (Handle h = db.jdbi().open()) {
      TableStatements sql = current().render(new Table("PageView", "", "page_views", List.of(
          Column.key("page", "page", "page", String.class),
          Column.key("day", "day", "day", LocalDate.class),
          Column.value("views", "views", "views", MergePolicy.INCREMENT, long.class),
          Column.value("last_seen", "lastSeen", "lastSeen", MergePolicy.OVERWRITE, Instant.class))));
      int[] counts = new int[2];
      for (int i = 0; i < 2; i++) {
        counts[i] = h.createUpdate(sql.sql(Operation.UPSERT)).bind("page", "/p").bind("day", DAY)
            .bind("views", 1L).bind("lastSeen", T0).execute();
      }
      assertThat(counts).asList().containsExactly(1, 1); // inserted, then updated: the same count
      assertThat(h.createUpdate(sql.sql(Operation.INSERT_IF_ABSENT)).bind("page", "/p").bind("day", DAY)
          .bind("views", 1L).bind("lastSeen", T0).execute()).isEqualTo(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void concurrentUpsertsTellInsertedFromUpdatedExactly(SqliteDialect dialect) throws InterruptedException {
    Database db = database("outcomes", dialect, config -> {});
    int calls = 500;
    Map<Outcome, Long> outcomes = new ConcurrentHashMap<>();
    List<Throwable> errors = load(db.jdbi(), calls, (h, thread, i) -> {
      PageView row = new PageView(PAGES.get((thread + i) % PAGES.size()), DAY, 1, T0);
      // half the calls in a transaction of the caller's, half in the dialect's own
      Outcome outcome = i % 2 == 0
          ? PageViewUpserts.upsert(h, row)
          : h.inTransaction(tx -> PageViewUpserts.upsert(tx, row));
      outcomes.merge(outcome, 1L, Long::sum);
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(outcomes).containsExactly(
        Outcome.INSERTED, (long) PAGES.size(), Outcome.UPDATED, (long) THREADS * calls - PAGES.size());
    for (String page : PAGES) {
      assertThat(views(db.jdbi(), page)).isEqualTo((long) THREADS * calls / PAGES.size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void concurrentSkippedAndUnchangedOutcomesAreExact(SqliteDialect dialect) throws InterruptedException {
    Database db = database("guards", dialect, config -> {});
    int versions = 100;
    Map<Outcome, Long> settings = new ConcurrentHashMap<>();
    Map<Outcome, Long> events = new ConcurrentHashMap<>();
    // each thread writes every version of every key, in an order of its own
    List<List<Map.Entry<String, Integer>>> writes = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<Map.Entry<String, Integer>> all = new ArrayList<>();
      PAGES.forEach(key -> IntStream.rangeClosed(1, versions).forEach(v -> all.add(Map.entry(key, v))));
      Collections.shuffle(all, new Random(t));
      writes.add(all);
    }
    List<Throwable> errors = load(db.jdbi(), PAGES.size() * versions, (h, thread, i) -> {
      Map.Entry<String, Integer> write = writes.get(thread).get(i);
      settings.merge(SettingUpserts.upsert(h, new Setting(write.getKey(), "same", T0)), 1L, Long::sum);
      int version = write.getValue();
      events.merge(EventUpserts.upsert(h, new Event(write.getKey(), version, "v" + version, T0)),
          1L, Long::sum);
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    long calls = (long) THREADS * PAGES.size() * versions;
    assertThat(settings).containsExactly(
        Outcome.INSERTED, (long) PAGES.size(), Outcome.UNCHANGED, calls - PAGES.size());
    assertThat(events.get(Outcome.INSERTED)).isEqualTo(PAGES.size());
    assertThat(events).doesNotContainKey(Outcome.UNCHANGED);
    assertThat(events.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(calls);
    try (Handle h = db.jdbi().open()) {
      // the newest version won everywhere, whatever order the writes came in
      List<Long> stored = h.createQuery("SELECT version FROM events").mapTo(Long.class).list();
      assertThat(stored).hasSize(PAGES.size());
      assertThat(new HashSet<>(stored)).containsExactly((long) versions);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void returnedRowsAndIncrementsAreExactUnderConcurrency(SqliteDialect dialect) throws InterruptedException {
    Database db = database("returning", dialect, config -> {});
    int calls = 200;
    Set<Long> totals = ConcurrentHashMap.newKeySet();
    Map<String, Set<PageView>> gotten = new ConcurrentHashMap<>();
    List<Throwable> errors = load(db.jdbi(), calls, (h, thread, i) -> {
      // every total is returned exactly once: no two increments saw the same row
      totals.add(PageViewUpserts.incrementViews(h, "/hot", DAY, 1));
      PageView stored = PageViewUpserts.upsertReturning(h, new PageView("/r", DAY, 1, T0));
      assertThat(stored.views()).isAtLeast(1L);
      String key = "/g" + i;
      gotten.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
          .add(PageViewUpserts.getOrInsert(h, new PageView(key, DAY, thread, T0)));
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(totals).hasSize(THREADS * calls);
    assertThat(views(db.jdbi(), "/hot")).isEqualTo((long) THREADS * calls);
    assertThat(views(db.jdbi(), "/r")).isEqualTo((long) THREADS * calls);
    gotten.forEach((key, rows) -> assertWithMessage(key).that(rows).hasSize(1));
    try (Handle h = db.jdbi().open()) {
      assertThat(EventUpserts.upsertReturning(h, new Event("e", 2, "two", T0)))
          .isEqualTo(new Event("e", 2, "two", T0));
      assertThat(EventUpserts.upsertReturning(h, new Event("e", 1, "late", null)))
          .isEqualTo(new Event("e", 2, "two", T0));
      assertThat(OrderUpserts.incrementCount(h, "ann", 1, (short) 3)).isEqualTo((short) 3);
      assertThat(OrderUpserts.incrementCount(h, "ann", 1, (short) 4)).isEqualTo((short) 7);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void bulkCountsAreExactAcrossChunks(SqliteDialect dialect) {
    Database db = database("bulk", dialect, config -> {});
    try (Handle h = db.jdbi().open()) {
      assertThat(PageViewUpserts.upsertAll(h, pageViews(0, 600, 1)).inserted()).isEqualTo(600);
      BatchOutcome second = PageViewUpserts.upsertAll(h, pageViews(300, 1_300, 2));
      assertThat(second).isEqualTo(new BatchOutcome(1_000, 0, 700, 300, 0, 0, true));
      assertThat(PageViewUpserts.find(h, "/299", DAY).orElseThrow().views()).isEqualTo(1);
      assertThat(PageViewUpserts.find(h, "/300", DAY).orElseThrow().views()).isEqualTo(3);
      assertThat(PageViewUpserts.find(h, "/1299", DAY).orElseThrow().views()).isEqualTo(2);
      assertThat(PageViewUpserts.incrementAll(h, pageViews(1_000, 1_500, 5)))
          .isEqualTo(new BatchOutcome(500, 0, 200, 300, 0, 0, true));
      assertThat(PageViewUpserts.find(h, "/1299", DAY).orElseThrow().views()).isEqualTo(7);

      EventUpserts.upsertAll(h, IntStream.range(0, 10).mapToObj(i -> new Event("e" + i, 5, "five", T0)).toList());
      List<Event> events = new ArrayList<>();
      IntStream.range(0, 5).forEach(i -> events.add(new Event("e" + i, 3, "late", T0)));
      IntStream.range(5, 10).forEach(i -> events.add(new Event("e" + i, 7, "newer", T0)));
      IntStream.range(10, 15).forEach(i -> events.add(new Event("e" + i, 1, "new", T0)));
      assertThat(EventUpserts.upsertAll(h, events)).isEqualTo(new BatchOutcome(15, 0, 5, 5, 5, 0, true));

      SettingUpserts.upsertAll(h, IntStream.range(0, 10).mapToObj(i -> new Setting("s" + i, "a", T0)).toList());
      List<Setting> settings = new ArrayList<>();
      IntStream.range(0, 5).forEach(i -> settings.add(new Setting("s" + i, "a", T0)));
      IntStream.range(5, 11).forEach(i -> settings.add(new Setting("s" + i, "b", T0)));
      assertThat(SettingUpserts.upsertAll(h, settings)).isEqualTo(new BatchOutcome(11, 0, 1, 5, 0, 5, true));

      TagUpserts.upsertAll(h, List.of(new Tag("java")));
      assertThat(TagUpserts.upsertAll(h, List.of(new Tag("java"), new Tag("sql"), new Tag("java"))))
          .isEqualTo(new BatchOutcome(3, 1, 1, 0, 0, 1, true));
    }
  }

  private static List<PageView> pageViews(int from, int to, long views) {
    return IntStream.range(from, to).mapToObj(i -> new PageView("/" + i, DAY, views, T0)).toList();
  }

  @Test
  void concurrentBulkUpsertsAreExact() throws InterruptedException {
    Database db = database("bulk-concurrency", current(), config -> {});
    int calls = 3;
    List<PageView> rows = pageViews(0, 6_000, 1); // two chunks each
    Map<String, Long> counts = new ConcurrentHashMap<>();
    List<Throwable> errors = load(db.jdbi(), calls, (h, thread, i) -> {
      List<PageView> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, new Random(thread * 100L + i));
      BatchOutcome outcome = PageViewUpserts.upsertAll(h, shuffled);
      counts.merge("inserted", outcome.inserted(), Long::sum);
      counts.merge("updated", outcome.updated(), Long::sum);
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    long total = (long) THREADS * calls;
    assertThat(counts).containsExactly("inserted", 6_000L, "updated", 6_000L * (total - 1));
    long exact = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM page_views WHERE views = :n")
        .bind("n", total).mapTo(Long.class).one());
    assertThat(exact).isEqualTo(6_000L);
  }

  @Test
  void verifySchemaReadsThePragmasAndItsFixesApply() {
    SqliteDialect dialect = current();
    Database db = database("schema", dialect, config -> {});
    Table counters = new Table("Counter", "main", "Counters", List.of(
        Column.key("ID", "id", "id", long.class),
        Column.key("Kind", "kind", "kind", String.class),
        Column.value("hits", "hits", "hits", MergePolicy.INCREMENT, long.class),
        Column.value("seen", "seen", "seen", MergePolicy.MAX, Instant.class)));
    try (Handle h = db.jdbi().open()) {
      SchemaMismatchException missing =
          assertThrows(SchemaMismatchException.class, () -> dialect.verifySchema(h, counters));
      assertThat(missing.fixes()).containsExactly("CREATE TABLE \"main\".\"Counters\" (\"ID\" INTEGER"
          + " NOT NULL, \"Kind\" TEXT NOT NULL, \"hits\" INTEGER, \"seen\" TIMESTAMP,"
          + " PRIMARY KEY (\"ID\", \"Kind\"))");

      // SQLite matches names case-insensitively; a partial or expression index is no key
      h.execute("CREATE TABLE counters (id INTEGER, kind TEXT, HITS INTEGER)");
      h.execute("CREATE UNIQUE INDEX partial_key ON counters (id, kind) WHERE id > 0");
      h.execute("CREATE UNIQUE INDEX expression_key ON counters (id, lower(kind))");
      SchemaMismatchException mismatch =
          assertThrows(SchemaMismatchException.class, () -> dialect.verifySchema(h, counters));
      // the partial index reads exactly the key: named, with conflictIndex to set, and no DDL that changes the table
      assertThat(mismatch.mismatches().get(1)).contains("those on them are expression_key on [id, lower(kind)] (on expressions),"
          + " partial_key on [id, kind] WHERE id > 0 (partial: unique on some rows only)");
      assertThat(mismatch.mismatches().get(1)).contains("set @Upsertable(conflictIndex = \"expression_key\") (or another of them)");
      assertThat(mismatch.fixes()).containsExactly(
          "ALTER TABLE \"main\".\"Counters\" ADD COLUMN \"seen\" TIMESTAMP");
      mismatch.fixes().forEach(h::execute);
      h.execute("DROP INDEX partial_key");
      h.execute("DROP INDEX expression_key");
      mismatch = assertThrows(SchemaMismatchException.class, () -> dialect.verifySchema(h, counters));
      assertThat(mismatch.fixes()).containsExactly(
          "CREATE UNIQUE INDEX \"main\".\"Counters_ID_Kind_key\" ON \"Counters\" (\"ID\", \"Kind\")");
      mismatch.fixes().forEach(h::execute);
      dialect.verifySchema(h, counters);

      // an INTEGER PRIMARY KEY is the rowid: no index of its own, still the key
      h.execute("CREATE TABLE rowid_keyed (id INTEGER PRIMARY KEY, name TEXT)");
      dialect.verifySchema(h, new Table("Keyed", "", "rowid_keyed", List.of(
          Column.key("id", "id", "id", long.class),
          Column.value("name", "name", "name", MergePolicy.OVERWRITE, String.class))));
    }
  }

  @Test
  void aMissingKeyConstraintGetsAMessageWithTheFix() {
    Database db = database("no-key", current(), config -> {});
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE tags");
      h.execute("CREATE TABLE tags (name TEXT)");
      SchemaMismatchException e =
          assertThrows(SchemaMismatchException.class, () -> TagUpserts.upsert(h, new Tag("x")));
      assertThat(e).hasMessageThat().contains("so SQLite cannot tell when a row already exists."
          + " Fix: CREATE UNIQUE INDEX \"tags_name_key\" ON \"tags\" (\"name\")");
      assertThrows(SchemaMismatchException.class,
          () -> TagUpserts.upsertAll(h, List.of(new Tag("x"), new Tag("y"))));
    }
  }

  /**
   * The control for the busy timeout the dialect asks for: without one, SQLite fails a writer
   * that meets another's write lock at once with SQLITE_BUSY (the same load with the timeout of
   * {@link SqliteTestDatabase} is error-free in every test here and in the conformance suite).
   */
  @Test
  void controlWithoutABusyTimeoutConcurrentWritersFail() throws InterruptedException {
    Database db = database("no-timeout", current(), config -> config.setBusyTimeout(0));
    List<Throwable> errors = load(db.jdbi(), 500, (h, thread, i) ->
        h.useTransaction(tx -> PageViewUpserts.incrementViews(tx, PAGES.get(i % PAGES.size()), DAY, 1)));
    assertWithMessage("SQLITE_BUSY errors without a busy timeout").that(errors).isNotEmpty();
    assertThat(errors.get(0)).isInstanceOf(UnableToExecuteStatementException.class);
    assertThat(errors.get(0)).hasMessageThat().contains("SQLITE_BUSY");
  }

  /**
   * A transaction that reads before it writes: begun DEFERRED (the JDBC default), its read
   * snapshot goes stale when another connection commits, and its write then fails with
   * SQLITE_BUSY_SNAPSHOT whatever the timeout (the control); begun IMMEDIATE, as the dialect's
   * Javadoc asks, it holds the write lock from the start, never fails, and its read is current.
   */
  @Test
  void readThenWriteTransactionsNeedBeginImmediate() throws InterruptedException {
    Call readThenUpsert = (h, thread, i) -> h.useTransaction(tx -> {
      String page = PAGES.get((thread + i) % PAGES.size());
      long seen = PageViewUpserts.find(tx, page, DAY).map(PageView::views).orElse(0L);
      long after = PageViewUpserts.upsertReturning(tx, new PageView(page, DAY, 1, T0)).views();
      if (after != seen + 1) {
        throw new IllegalStateException("read " + seen + " but the upsert made " + after);
      }
    });
    Database deferred = database("deferred", current(), config -> {});
    List<Throwable> controlErrors = load(deferred.jdbi(), 150, readThenUpsert);
    assertWithMessage("errors of deferred read-then-write transactions").that(controlErrors).isNotEmpty();
    assertThat(controlErrors.stream().map(Throwable::getMessage).filter(m -> m.contains("SQLITE_BUSY")).count())
        .isGreaterThan(0L);

    Database immediate = database("immediate", current(),
        config -> config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE));
    List<Throwable> errors = load(immediate.jdbi(), 150, readThenUpsert);
    assertWithMessage("exceptions").that(errors).isEmpty();
    for (String page : PAGES) {
      assertThat(views(immediate.jdbi(), page)).isEqualTo((long) THREADS * 150 / PAGES.size());
    }
  }
}
