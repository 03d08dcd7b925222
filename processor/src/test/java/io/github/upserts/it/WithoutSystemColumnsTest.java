package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.dialect.PostgresDialect;
import io.github.upserts.it.TestDatabases.Database;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The dialect CockroachDB and YugabyteDB get, run on the embedded PostgreSQL: it tells inserts from
 * updates by reading which keys existed in the statement's own snapshot. The stored data is
 * always right; the label of a write that raced a concurrent first insert is exact under
 * SERIALIZABLE (CockroachDB's default: the race becomes a retryable 40001) and, as documented,
 * can say INSERTED under READ COMMITTED. Each interleaving below is forced, not hoped for: the
 * second writer's statement is observed waiting on the first writer's lock before that commits.
 */
class WithoutSystemColumnsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final ExecutorService SECOND_WRITER = Executors.newSingleThreadExecutor();

  @AfterAll
  static void stop() {
    SECOND_WRITER.shutdownNow();
  }

  @Test
  void theTestDatabaseRunsTheDialectDetectionGivesCockroachDbAndYugabyteDb() throws SQLException {
    try (Handle h = TestDatabases.withoutSystemColumns().jdbi().open()) {
      assertThat(Upserts.dialect(h)).isEqualTo(PostgresDialect.withoutSystemColumns("YugabyteDB"));
    }
    try (Handle h = TestDatabases.embedded().jdbi().open()) {
      int major = h.getConnection().getMetaData().getDatabaseMajorVersion();
      assertThat(major).isAtLeast(17);
      assertThat(Upserts.dialect(h)).isEqualTo(PostgresDialect.forVersion(major));
    }
  }

  /**
   * Writer B inserts /race and holds its transaction open; writer A upserts /race at
   * {@code level} and is seen blocked on B's row; B commits; returns what A's upsert says.
   */
  private static Outcome raceAFirstInsert(Database db, TransactionIsolationLevel level) throws Exception {
    db.jdbi().useHandle(Schema::reset);
    try (Handle b = db.jdbi().open(); Handle a = db.jdbi().open()) {
      int aPid = a.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
      b.begin();
      assertThat(PageViewUpserts.upsert(b, new PageView("/race", DAY, 1, null))).isEqualTo(Outcome.INSERTED);
      Future<Outcome> second = SECOND_WRITER.submit(() ->
          a.inTransaction(level, tx -> PageViewUpserts.upsert(tx, new PageView("/race", DAY, 2, null))));
      awaitLockWait(b, aPid);
      b.commit();
      try {
        return second.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception cause) {
          throw cause;
        }
        throw e;
      }
    }
  }

  /** Waits until backend {@code pid} waits on a lock: its statement has taken its snapshot. */
  private static void awaitLockWait(Handle observer, int pid) throws InterruptedException {
    for (int i = 0; i < 1_000; i++) {
      boolean waiting = observer.createQuery(
              "SELECT count(*) > 0 FROM pg_stat_activity WHERE pid = :pid AND wait_event_type = 'Lock'")
          .bind("pid", pid).mapTo(Boolean.class).one();
      if (waiting) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the second writer never waited on the first writer's row lock");
  }

  private static long storedViews(Database db) {
    return db.jdbi().withHandle(h -> PageViewUpserts.find(h, "/race", DAY).orElseThrow().views());
  }

  @Test
  void underReadCommittedTheDataIsRightAndTheRacingUpdateMaySayInserted() throws Exception {
    Database db = TestDatabases.withoutSystemColumns();
    // documented behaviour: the statement's snapshot predates the concurrent insert it waited for
    assertThat(raceAFirstInsert(db, TransactionIsolationLevel.READ_COMMITTED)).isEqualTo(Outcome.INSERTED);
    assertThat(storedViews(db)).isEqualTo(3);
  }

  /**
   * The contrast: PostgreSQL's own dialect reads the row it wrote ({@code RETURNING old} from 18,
   * {@code xmax} before), whatever the snapshot.
   */
  @Test
  void postgresqlsOwnDialectLabelsTheSameRaceUpdated() throws Exception {
    Database db = TestDatabases.embedded();
    assertThat(raceAFirstInsert(db, TransactionIsolationLevel.READ_COMMITTED)).isEqualTo(Outcome.UPDATED);
    assertThat(storedViews(db)).isEqualTo(3);
  }

  @Test
  void underSerializableTheRaceIsARetryableErrorAndTheRetrySaysUpdated() throws Exception {
    Database db = TestDatabases.withoutSystemColumns();
    for (TransactionIsolationLevel level :
        List.of(TransactionIsolationLevel.SERIALIZABLE, TransactionIsolationLevel.REPEATABLE_READ)) {
      Exception e = assertThrows(Exception.class, () -> raceAFirstInsert(db, level));
      assertWithMessage("%s: %s", level, e).that(sqlState(e)).isEqualTo(SERIALIZATION_FAILURE);
      assertThat(storedViews(db)).isEqualTo(1);
      Outcome retried = db.jdbi().inTransaction(level,
          tx -> PageViewUpserts.upsert(tx, new PageView("/race", DAY, 2, null)));
      assertThat(retried).isEqualTo(Outcome.UPDATED);
      assertThat(storedViews(db)).isEqualTo(3);
    }
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /**
   * 8 threads × 300 upserts on 5 keys, each a SERIALIZABLE transaction retried on 40001, as
   * CockroachDB retries a single statement: every key is labelled INSERTED exactly once and the
   * stored sums are exact. The retries counted show that the load did race (the READ COMMITTED
   * interleaving above shows what such a race does to the label without SERIALIZABLE).
   */
  @Test
  void underSerializableWithRetriesEveryKeyIsInsertedExactlyOnce() throws InterruptedException {
    Database db = TestDatabases.withoutSystemColumns();
    db.jdbi().useHandle(Schema::reset);
    int threads = 8;
    int calls = 300;
    List<String> pages = List.of("/a", "/b", "/c", "/d", "/e");
    Map<Outcome, Long> outcomes = Collections.synchronizedMap(new EnumMap<>(Outcome.class));
    AtomicLong retries = new AtomicLong();
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = db.jdbi().open()) {
          start.await();
          for (int i = 0; i < calls; i++) {
            PageView row = new PageView(pages.get((thread + i) % pages.size()), DAY, 1, null);
            for (int attempt = 0; ; attempt++) {
              try {
                Outcome outcome = handle.inTransaction(TransactionIsolationLevel.SERIALIZABLE,
                    tx -> PageViewUpserts.upsert(tx, row));
                outcomes.merge(outcome, 1L, Long::sum);
                break;
              } catch (RuntimeException e) {
                if (!SERIALIZATION_FAILURE.equals(sqlState(e)) || attempt == 1_000) {
                  errors.add(e);
                  break;
                }
                retries.incrementAndGet();
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
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
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertWithMessage("serialization failures retried").that(retries.get()).isGreaterThan(0L);
    assertThat(outcomes).containsExactly(
        Outcome.INSERTED, (long) pages.size(), Outcome.UPDATED, (long) threads * calls - pages.size());
    db.jdbi().useHandle(h -> {
      for (String page : pages) {
        assertThat(PageViewUpserts.find(h, page, DAY).orElseThrow().views())
            .isEqualTo((long) threads * calls / pages.size());
      }
    });
  }
}
