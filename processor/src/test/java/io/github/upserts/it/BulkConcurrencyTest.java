package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.it.TestDatabases.Database;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 4 threads × 40 calls of {@code upsertAll}, each with 1,000 rows over 2,000 overlapping keys in
 * shuffled order: sorted batches never deadlock and the counters add up exactly. The control
 * writes the same batches unsorted and deadlocks.
 */
class BulkConcurrencyTest {
  private static final int THREADS = 4;
  private static final int CALLS = 40;
  private static final int CONTROL_CALLS = 10;
  private static final int ROWS = 1_000;
  private static final int KEYS = 2_000;
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  /** PostgreSQL's SQLSTATE for a detected deadlock. */
  private static final String DEADLOCK = "40P01";

  /** The pages of call {@code call} of thread {@code thread}: 1,000 distinct keys, shuffled. */
  private static List<String> batch(int thread, int call) {
    List<String> pages = new ArrayList<>(KEYS);
    for (int k = 0; k < KEYS; k++) {
      pages.add("/k" + k);
    }
    Collections.shuffle(pages, new Random(thread * 1_000L + call));
    return pages.subList(0, ROWS);
  }

  /** Runs {@code write} from 4 threads, {@code calls} batches each; returns the errors. */
  private static <B> List<Throwable> run(Database db, int calls, String sessionSetup,
      BiFunction<Integer, Integer, B> batches, BiConsumer<Handle, B> write) throws InterruptedException {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = db.jdbi().open()) {
          if (sessionSetup != null) {
            handle.execute(sessionSetup);
          }
          for (int call = 0; call < calls; call++) {
            try {
              write.accept(handle, batches.apply(thread, call));
            } catch (RuntimeException e) {
              errors.add(e);
            }
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return errors;
  }

  private static List<Throwable> run(
      Database db, int calls, String sessionSetup, BiConsumer<Handle, List<String>> write)
      throws InterruptedException {
    return run(db, calls, sessionSetup, BulkConcurrencyTest::batch, write);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void overlappingBatchesNeverDeadlockAndAddUpExactly(Database db) throws InterruptedException {
    db.jdbi().useHandle(Schema::reset);
    List<Throwable> errors = run(db, CALLS, null, (h, pages) ->
        PageViewUpserts.upsertAll(h, pages.stream().map(p -> new PageView(p, DAY, 1, null))));
    assertWithMessage("exceptions (deadlocks included)").that(errors).isEmpty();

    Map<String, Long> expected = new HashMap<>();
    for (int t = 0; t < THREADS; t++) {
      for (int c = 0; c < CALLS; c++) {
        batch(t, c).forEach(p -> expected.merge(p, 1L, Long::sum));
      }
    }
    Map<String, Long> stored = new HashMap<>();
    db.jdbi().useHandle(h -> h.createQuery("SELECT page, views FROM page_views")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> stored.put(e.getKey(), e.getValue())));
    assertThat(stored).containsExactlyEntriesIn(expected);
  }

  /** Control: the same batches in their shuffled order, as one hand-written statement each. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void controlUnsortedBatchesDeadlock(Database db) throws InterruptedException {
    db.jdbi().useHandle(Schema::reset);
    // detect deadlocks after 100 ms instead of 1 s: same outcome, faster test
    List<Throwable> errors = run(db, CONTROL_CALLS, "SET deadlock_timeout = '100ms'", (h, pages) -> h.useTransaction(tx ->
        tx.createUpdate("INSERT INTO page_views (page, day, views)"
                + " SELECT p, :day, 1 FROM unnest(:pages) WITH ORDINALITY AS u(p, n) ORDER BY n"
                + " ON CONFLICT (page, day) DO UPDATE SET views = page_views.views + 1")
            .bind("day", DAY)
            .bindArray("pages", String.class, pages)
            .execute()));
    long deadlocks = errors.stream().filter(BulkConcurrencyTest::isDeadlock).count();
    assertWithMessage("deadlocks among %s errors", errors.size()).that(deadlocks).isGreaterThan(0L);
  }

  /** Rows per call spanning three chunks, over this many keys. */
  private static final int LARGE_ROWS = 12_000;
  private static final int LARGE_KEYS = 15_000;
  private static final int LARGE_CALLS = 2;

  /** The rows of call {@code call} of thread {@code thread}: 12,000 distinct keys, shuffled. */
  private static List<PageView> largeBatch(int thread, int call) {
    List<PageView> rows = new ArrayList<>(LARGE_KEYS);
    for (int k = 0; k < LARGE_KEYS; k++) {
      rows.add(new PageView("/k" + k, DAY, 1, null));
    }
    Collections.shuffle(rows, new Random(thread * 1_000L + call));
    return List.copyOf(rows.subList(0, LARGE_ROWS));
  }

  /** Runs {@code write} on the large batches from 4 threads; returns the errors. */
  private static List<Throwable> runLarge(Database db, BiConsumer<Handle, List<PageView>> write)
      throws InterruptedException {
    return run(db, LARGE_CALLS, "SET deadlock_timeout = '100ms'", BulkConcurrencyTest::largeBatch, write);
  }

  /**
   * Collections of 12,000 shuffled rows (three chunks, locks held from the first chunk to the
   * commit) from 4 threads: written in key order as a whole, they never deadlock.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void collectionsSpanningChunksNeverDeadlock(Database db) throws InterruptedException {
    db.jdbi().useHandle(Schema::reset);
    List<Throwable> errors = runLarge(db, PageViewUpserts::upsertAll);
    assertWithMessage("exceptions (deadlocks included)").that(errors).isEmpty();
    long expected = (long) THREADS * LARGE_CALLS * LARGE_ROWS;
    long stored = db.jdbi().withHandle(h ->
        h.createQuery("SELECT sum(views) FROM page_views").mapTo(Long.class).one());
    assertThat(stored).isEqualTo(expected);
  }

  /**
   * Control: the same rows as streams, which are sorted only chunk by chunk (a stream is never
   * held whole): overlapping calls lock across chunks in different orders and deadlock.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void controlStreamsSpanningChunksDeadlock(Database db) throws InterruptedException {
    db.jdbi().useHandle(Schema::reset);
    List<Throwable> errors = runLarge(db, (h, rows) -> PageViewUpserts.upsertAll(h, rows.stream()));
    long deadlocks = errors.stream().filter(BulkConcurrencyTest::isDeadlock).count();
    assertWithMessage("deadlocks among %s errors", errors.size()).that(deadlocks).isGreaterThan(0L);
  }

  private static boolean isDeadlock(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
