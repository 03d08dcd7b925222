package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 8 threads × 500 calls on 5 keys, each call its own transaction: the generated statements
 * stay exact with zero errors, while the naive read-modify-write under the same load (the
 * control) loses updates — which shows the load is enough to expose a race.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CALLS = 500;
  private static final List<String> PAGES = List.of("/a", "/b", "/c", "/d", "/e");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final long PER_PAGE = (long) THREADS * CALLS / PAGES.size();

  /** One call of the workload, on the thread's own handle. */
  private interface Call {
    void run(Handle handle, String page);
  }

  /** Runs the workload; returns every exception a call threw. */
  private static List<Throwable> load(Database db, Call call) throws InterruptedException {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = db.jdbi().open()) {
          start.await();
          for (int i = 0; i < CALLS; i++) {
            String page = PAGES.get((thread + i) % PAGES.size());
            try {
              handle.useTransaction(h -> call.run(h, page));
            } catch (RuntimeException e) {
              errors.add(e);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          errors.add(e);
        }
      });
      worker.start();
      threads.add(worker);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return errors;
  }

  private static Map<String, Long> storedViews(Database db) {
    Map<String, Long> views = new ConcurrentHashMap<>();
    db.jdbi().useHandle(h -> h.createQuery("SELECT page, views FROM page_views")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> views.put(e.getKey(), e.getValue())));
    return views;
  }

  private static void reset(Database db) {
    db.jdbi().useHandle(Schema::reset);
  }

  private static Map<String, Long> expected() {
    Map<String, Long> expected = new ConcurrentHashMap<>();
    PAGES.forEach(p -> expected.put(p, PER_PAGE));
    return expected;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void concurrentIncrementsAreExact(Database db) throws InterruptedException {
    reset(db);
    List<Throwable> errors = load(db, (h, page) -> PageViewUpserts.incrementViews(h, page, DAY, 1));
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(storedViews(db)).containsExactlyEntriesIn(expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void concurrentUpsertsCreateExactlyOneRowPerKey(Database db) throws InterruptedException {
    reset(db);
    AtomicLong inserted = new AtomicLong();
    AtomicLong updated = new AtomicLong();
    List<Throwable> errors = load(db, (h, page) -> {
      Outcome outcome = PageViewUpserts.upsert(h, new PageView(page, DAY, 1, Instant.now()));
      (outcome == Outcome.INSERTED ? inserted : updated).incrementAndGet();
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(storedViews(db)).containsExactlyEntriesIn(expected());
    assertWithMessage("INSERTED outcomes").that(inserted.get()).isEqualTo(PAGES.size());
    assertWithMessage("UPDATED outcomes").that(updated.get())
        .isEqualTo((long) THREADS * CALLS - PAGES.size());
  }

  /** The control: the hand-rolled read-then-write that the generated DAO replaces. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void controlNaiveReadModifyWriteLosesUpdates(Database db) throws InterruptedException {
    reset(db);
    List<Throwable> errors = load(db, (h, page) -> {
      Long views = h.createQuery("SELECT views FROM page_views WHERE page = :page AND day = :day")
          .bind("page", page).bind("day", DAY)
          .mapTo(Long.class).findOne().orElse(null);
      if (views == null) {
        h.createUpdate("INSERT INTO page_views (page, day, views) VALUES (:page, :day, 1)")
            .bind("page", page).bind("day", DAY).execute();
      } else {
        h.createUpdate("UPDATE page_views SET views = :views WHERE page = :page AND day = :day")
            .bind("views", views + 1).bind("page", page).bind("day", DAY).execute();
      }
    });
    long stored = storedViews(db).values().stream().mapToLong(Long::longValue).sum();
    long lost = (long) THREADS * CALLS - stored - errors.size();
    assertWithMessage("updates lost by the naive read-modify-write (errors: %s)", errors.size())
        .that(lost).isGreaterThan(0L);
  }
}
