package io.github.upserts.it;

import io.github.upserts.exec.Operation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.dialect.H2Dialect;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H2's {@code MERGE} is not atomic against concurrent inserts of the same absent key: the loser
 * gets a unique violation. The H2 dialect runs such a statement again; these tests show the
 * violation happening to the plain {@code MERGE} (the controls) and never reaching a caller of the
 * generated DAO, with exactly one row per key and exact outcomes and totals.
 */
class H2RetryTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final int THREADS = 8;
  /** Rounds of a race at most: each starts all threads together on keys no one has written yet. */
  private static final int MAX_ROUNDS = 3_000;
  private static final String UNIQUE_VIOLATION = "23505";

  /** A database of its own, so counting failed statements sees only this test's. */
  private final Jdbi jdbi = Jdbi.create("jdbc:h2:mem:h2_retry;DB_CLOSE_DELAY=-1");
  /** Every unique violation H2 raised, whether or not the caller saw it. */
  private final AtomicLong uniqueViolations = new AtomicLong();

  @BeforeEach
  void schema() {
    jdbi.setSqlLogger(new SqlLogger() {
      @Override
      public void logException(StatementContext context, SQLException ex) {
        if (UNIQUE_VIOLATION.equals(ex.getSQLState())) {
          uniqueViolations.incrementAndGet();
        }
      }
    });
    jdbi.useHandle(h -> ConformanceSchema.reset(new Database("H2 retry", Kind.H2, jdbi), h));
    jdbi.useHandle(h -> assertThat(h.getConfig(Upserts.class).dialectFor(h))
        .isEqualTo(H2Dialect.standard()));
  }

  @Test
  void aRivalInsertCommittedWhileTheMergeWaitsIsUpdatedNotReported() throws Exception {
    Outcome outcome = raceOneRival(h -> SettingUpserts.upsert(h, new Setting("theme", "light", T0)));
    assertThat(outcome).isEqualTo(Outcome.UPDATED);
    // the merge lost the insert race once, and was run again
    assertThat(uniqueViolations.get()).isEqualTo(1);
    try (Handle h = jdbi.open()) {
      assertThat(SettingUpserts.find(h, "theme")).hasValue(new Setting("theme", "light", T0));
    }
  }

  @Test
  void controlThePlainMergeFailsWhenARivalInsertCommitsWhileItWaits() throws Exception {
    String merge = H2Dialect.standard().render(SettingUpserts.table()).sql(Operation.INSERT_IF_ABSENT);
    Object result = raceOneRival(h -> {
      try {
        return h.createUpdate(merge)
            .bind("name", "theme").bind("value", "light").bind("createdAt", T0).execute();
      } catch (UnableToExecuteStatementException e) {
        return e;
      }
    });
    assertThat(result).isInstanceOf(UnableToExecuteStatementException.class);
    assertThat(((SQLException) ((Exception) result).getCause()).getSQLState()).isEqualTo(UNIQUE_VIOLATION);
  }

  /**
   * A rival transaction inserts the setting "theme" and holds its commit; meanwhile {@code write} runs on
   * another handle, finds no row, tries to insert and waits on the rival's row; the rival then
   * commits. Returns what {@code write} returned.
   */
  private <T> T raceOneRival(java.util.function.Function<Handle, T> write) throws Exception {
    try (Handle rival = jdbi.open(); Handle writer = jdbi.open()) {
      rival.begin();
      SettingUpserts.upsert(rival, new Setting("theme", "dark", T0));
      List<T> result = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch done = new CountDownLatch(1);
      Thread thread = new Thread(() -> {
        result.add(write.apply(writer));
        done.countDown();
      });
      thread.start();
      // the writer blocks on the rival's uncommitted row (up to H2's 2 s lock timeout)
      assertWithMessage("the writer should wait for the rival").that(done.await(300, TimeUnit.MILLISECONDS)).isFalse();
      rival.commit();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      return result.get(0);
    }
  }

  @Test
  void eightThreadsRacingToUpsertAbsentKeysCreateOneRowEachWithNoException() throws Exception {
    Map<Outcome, AtomicInteger> pageViews = new ConcurrentHashMap<>();
    Map<Outcome, AtomicInteger> settings = new ConcurrentHashMap<>();
    // H2 itself re-runs a statement that meets a rival's uncommitted row; a unique violation
    // needs the rival to commit between the MERGE's look-up and its insert, a narrow window: race
    // until it has been hit a few times
    Race race = race(MAX_ROUNDS, THREADS, () -> uniqueViolations.get() >= 3, (h, thread, round) -> {
      // one statement (OLD TABLE tells updated from inserted), each call its own transaction
      Outcome pageView = h.inTransaction(
          tx -> PageViewUpserts.upsert(tx, new PageView("/a", DAY.plusDays(round), 1, T0)));
      pageViews.computeIfAbsent(pageView, o -> new AtomicInteger()).incrementAndGet();
      // insert-if-absent, then the conditional update: every thread writes the same value
      Outcome setting = SettingUpserts.upsert(h, new Setting("s" + round, "same", T0));
      settings.computeIfAbsent(setting, o -> new AtomicInteger()).incrementAndGet();
    });
    int rounds = race.rounds();
    assertWithMessage("exceptions").that(race.errors()).isEmpty();
    // the race is real: H2 raised unique violations, and the dialect absorbed every one
    assertThat(uniqueViolations.get()).isAtLeast(3L);
    assertThat(count(pageViews, Outcome.INSERTED)).isEqualTo(rounds);
    assertThat(count(pageViews, Outcome.UPDATED)).isEqualTo(rounds * (THREADS - 1));
    assertThat(count(settings, Outcome.INSERTED)).isEqualTo(rounds);
    assertThat(count(settings, Outcome.UNCHANGED)).isEqualTo(rounds * (THREADS - 1));
    try (Handle h = jdbi.open()) {
      assertThat(h.createQuery("SELECT COUNT(*), MIN(views), MAX(views) FROM page_views")
              .map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one())
          .containsExactly((long) rounds, (long) THREADS, (long) THREADS).inOrder();
      assertThat(h.createQuery("SELECT COUNT(*) FROM settings").mapTo(Long.class).one())
          .isEqualTo((long) rounds);
    }
  }

  @Test
  void controlPlainMergesRacingOnAbsentKeysRaiseUniqueViolations() throws Exception {
    String pageView = H2Dialect.standard().render(PageViewUpserts.table()).sql(Operation.UPSERT);
    String setting = H2Dialect.standard().render(SettingUpserts.table()).sql(Operation.INSERT_IF_ABSENT);
    List<Throwable> caught = Collections.synchronizedList(new ArrayList<>());
    Race race = race(MAX_ROUNDS, THREADS, () -> caught.size() >= 3, (h, thread, round) -> {
      try {
        h.useTransaction(tx -> tx.createQuery(pageView)
            .bind("page", "/a").bind("day", DAY.plusDays(round)).bind("views", 1L)
            .bind("lastSeen", T0).mapTo(Long.class).one());
      } catch (UnableToExecuteStatementException e) {
        caught.add(e);
      }
      try {
        h.createUpdate(setting)
            .bind("name", "s" + round).bind("value", "same").bind("createdAt", T0).execute();
      } catch (UnableToExecuteStatementException e) {
        caught.add(e);
      }
    });
    assertThat(race.errors()).isEmpty();
    assertWithMessage("unique violations in " + race.rounds() + " rounds").that(caught).isNotEmpty();
    for (Throwable error : caught) {
      assertThat(((SQLException) error.getCause()).getSQLState()).isEqualTo(UNIQUE_VIOLATION);
    }
  }

  @Test
  void incrementsOfAbsentKeysFromEightThreadsAreExact() throws Exception {
    int rounds = 40;
    List<Throwable> errors = race(rounds, (h, thread, round) -> {
      for (int i = 0; i < 5; i++) {
        h.useTransaction(tx -> PageViewUpserts.incrementViews(tx, "/i", DAY.plusDays(round), 1));
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    try (Handle h = jdbi.open()) {
      for (int round = 0; round < rounds; round++) {
        assertThat(PageViewUpserts.find(h, "/i", DAY.plusDays(round)).orElseThrow().views())
            .isEqualTo(THREADS * 5L);
      }
    }
  }

  @Test
  void conditionalUpsertsRacingOnAbsentKeysInsertOnceAndReportTheRestExactly() throws Exception {
    int rounds = 40;
    Map<Outcome, AtomicInteger> settings = new ConcurrentHashMap<>();
    Map<Outcome, AtomicInteger> events = new ConcurrentHashMap<>();
    List<Throwable> errors = race(rounds, (h, thread, round) -> {
      Outcome setting = SettingUpserts.upsert(h, new Setting("s" + round, "same", T0));
      settings.computeIfAbsent(setting, o -> new AtomicInteger()).incrementAndGet();
      // every thread writes its own version; only the highest may win
      Outcome event = EventUpserts.upsert(h, new Event("e" + round, thread, "v" + thread, T0));
      events.computeIfAbsent(event, o -> new AtomicInteger()).incrementAndGet();
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(count(settings, Outcome.INSERTED)).isEqualTo(rounds);
    assertThat(count(settings, Outcome.UNCHANGED)).isEqualTo(rounds * (THREADS - 1));
    assertThat(count(events, Outcome.INSERTED)).isEqualTo(rounds);
    assertThat(count(events, Outcome.UPDATED) + count(events, Outcome.SKIPPED))
        .isEqualTo(rounds * (THREADS - 1));
    try (Handle h = jdbi.open()) {
      for (int round = 0; round < rounds; round++) {
        assertThat(EventUpserts.find(h, "e" + round).orElseThrow().version()).isEqualTo(THREADS - 1);
      }
    }
  }

  @Test
  void getOrInsertRacingOnAbsentKeysReturnsOneRowToEveryone() throws Exception {
    int rounds = 40;
    Map<Integer, Set<PageView>> seen = new ConcurrentHashMap<>();
    List<Throwable> errors = race(rounds, (h, thread, round) -> {
      PageView row = PageViewUpserts.getOrInsert(h, new PageView("/g", DAY.plusDays(round), thread, T0));
      seen.computeIfAbsent(round, r -> ConcurrentHashMap.newKeySet()).add(row);
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    try (Handle h = jdbi.open()) {
      for (int round = 0; round < rounds; round++) {
        PageView stored = PageViewUpserts.find(h, "/g", DAY.plusDays(round)).orElseThrow();
        assertThat(seen.get(round)).containsExactly(stored);
      }
    }
  }

  @Test
  void overlappingBulkIncrementsFromFourThreadsAreExact() throws Exception {
    int keys = 400;
    int calls = 10;
    List<Throwable> errors = race(calls, 4, () -> false, (h, thread, round) -> {
      List<PageView> rows = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        rows.add(new PageView("/p" + k, DAY, 1, null));
      }
      Collections.shuffle(rows, new Random(31L * round + thread));
      BatchOutcome outcome = PageViewUpserts.incrementAll(h, rows);
      assertThat(outcome.inserted() + outcome.updated()).isEqualTo(keys);
    }).errors();
    assertWithMessage("exceptions").that(errors).isEmpty();
    try (Handle h = jdbi.open()) {
      assertThat(h.createQuery("SELECT COUNT(*) FROM page_views WHERE views = :v")
          .bind("v", 4L * calls).mapTo(Long.class).one()).isEqualTo((long) keys);
    }
  }

  private static int count(Map<Outcome, AtomicInteger> outcomes, Outcome outcome) {
    AtomicInteger count = outcomes.get(outcome);
    return count == null ? 0 : count.get();
  }

  /** What one thread does in one round, on its own handle. */
  private interface Work {
    void run(Handle handle, int thread, int round) throws Exception;
  }

  /** How many rounds a race ran, and what its threads threw. */
  private record Race(int rounds, List<Throwable> errors) {}

  private List<Throwable> race(int rounds, Work work) throws Exception {
    return race(rounds, THREADS, () -> false, work).errors();
  }

  /**
   * Runs {@code work} on {@code threads} threads, round after round, all threads starting each
   * round together, until {@code maxRounds} rounds ran or {@code enough} says so before a round.
   */
  private Race race(int maxRounds, int threads, BooleanSupplier enough, Work work) throws Exception {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger rounds = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(threads, () -> {
      if (rounds.get() >= maxRounds || enough.getAsBoolean()) {
        stop.set(true);
      } else {
        rounds.incrementAndGet();
      }
    });
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = jdbi.open()) {
          while (true) {
            start.await();
            if (stop.get()) {
              break;
            }
            try {
              work.run(handle, thread, rounds.get() - 1);
            } catch (RuntimeException | AssertionError e) {
              errors.add(e);
            }
          }
        } catch (Exception e) {
          errors.add(e);
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return new Race(rounds.get(), errors);
  }
}
