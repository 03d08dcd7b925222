package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.Outcome;
import io.github.upserts.Upserted;
import io.github.upserts.it.TestDatabases.Database;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 8 threads race {@code getOrInsert} on one new email, each on its own connection, released
 * together, over and over with a new email each round: every racer gets the same generated id,
 * the one stored, with no error, and {@code getOrInsertOutcome} says INSERTED to exactly one.
 * The control, a hand-written find-then-insert raced the same way, gets errors (or different
 * ids), which shows the race is real.
 */
class Gen2RaceTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 60;
  /** Races of {@link #ROUNDS} rounds the control may run before it must have failed. */
  private static final int CONTROL_RACES = 5;

  /** One racer's call on {@code email}: the id it got. */
  private interface Call {
    long run(Handle handle, String email);
  }

  /** What a race of {@link #ROUNDS} rounds gave: the ids by round and thread (null after an error), and every error. */
  private record Race(List<Long[]> ids, List<Throwable> errors) {}

  private static Race race(Database db, String prefix, Call call) throws InterruptedException {
    List<Long[]> ids = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      ids.add(new Long[THREADS]);
    }
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier barrier = new CyclicBarrier(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = db.jdbi().open()) {
          for (int r = 0; r < ROUNDS; r++) {
            barrier.await();
            try {
              ids.get(r)[thread] = call.run(handle, prefix + r + "@x");
            } catch (RuntimeException e) {
              errors.add(e);
            }
          }
        } catch (InterruptedException | BrokenBarrierException e) {
          errors.add(e);
        }
      });
      worker.start();
      threads.add(worker);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Race(ids, errors);
  }

  private static Handle fresh(Database db) {
    Handle h = db.jdbi().open();
    Gen2DetectionTest.ddl("gen2_race", db).forEach(h::execute);
    return h;
  }

  private static void assertOneIdPerEmail(Handle h, String prefix, Race race) {
    assertWithMessage("exceptions").that(race.errors()).isEmpty();
    Set<Long> all = new HashSet<>();
    for (int r = 0; r < ROUNDS; r++) {
      long stored = h.createQuery("SELECT id FROM gen2_race WHERE email = :email")
          .bind("email", prefix + r + "@x").mapTo(Long.class).one();
      assertWithMessage("ids of round %s", r).that(race.ids().get(r)).asList().containsExactlyElementsIn(
          Collections.nCopies(THREADS, stored));
      all.add(stored);
    }
    assertThat(all).hasSize(ROUNDS);
    assertThat(h.createQuery("SELECT COUNT(*) FROM gen2_race").mapTo(Long.class).one()).isEqualTo((long) ROUNDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void racingGetOrInsertCallsAllGetTheOneStoredId(Database db) throws InterruptedException {
    try (Handle h = fresh(db)) {
      Race race = race(db, "g", (handle, email) -> Gen2RaceUpserts.getOrInsert(handle, new Gen2Race(null, email, "n")).id());
      assertOneIdPerEmail(h, "g", race);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void racingGetOrInsertOutcomeCallsSayInsertedExactlyOnce(Database db) throws InterruptedException {
    try (Handle h = fresh(db)) {
      AtomicIntegerArray inserted = new AtomicIntegerArray(ROUNDS);
      Race race = race(db, "o", (handle, email) -> {
        Upserted<Gen2Race> got = Gen2RaceUpserts.getOrInsertOutcome(handle, new Gen2Race(null, email, "n"));
        if (got.outcome() == Outcome.INSERTED) {
          inserted.incrementAndGet(Integer.parseInt(email.substring(1, email.indexOf('@'))));
        } else if (got.outcome() != Outcome.UNCHANGED) {
          throw new IllegalStateException("outcome " + got.outcome());
        }
        return got.row().id();
      });
      assertOneIdPerEmail(h, "o", race);
      for (int r = 0; r < ROUNDS; r++) {
        assertWithMessage("INSERTED outcomes of round %s", r).that(inserted.get(r)).isEqualTo(1);
      }
    }
  }

  /**
   * The control: the find-then-insert that getOrInsert replaces, raced the same way. A race of
   * {@link #ROUNDS} rounds may pass by luck on a database that runs one writer at a time
   * (SQLite): up to {@link #CONTROL_RACES} races of fresh keys run, the first that fails ends it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void controlNaiveFindThenInsertFailsTheRace(Database db) throws InterruptedException {
    try (Handle h = fresh(db)) {
      long errors = 0;
      long split = 0;
      for (int attempt = 0; attempt < CONTROL_RACES && errors + split == 0; attempt++) {
        Race race = race(db, "c" + attempt + "_", (handle, email) -> handle.inTransaction(t -> {
          Long id = t.createQuery("SELECT id FROM gen2_race WHERE email = :email").bind("email", email)
              .mapTo(Long.class).findOne().orElse(null);
          if (id == null) {
            t.createUpdate("INSERT INTO gen2_race (email, name) VALUES (:email, 'n')").bind("email", email).execute();
            id = t.createQuery("SELECT id FROM gen2_race WHERE email = :email").bind("email", email).mapTo(Long.class).one();
          }
          return id;
        }));
        errors = race.errors().size();
        split = race.ids().stream().filter(ids -> java.util.Arrays.stream(ids).distinct().count() > 1).count();
      }
      assertWithMessage("rounds the naive find-then-insert failed (errors: %s, rounds with null or different ids: %s)",
          errors, split).that(errors + split).isGreaterThan(0L);
    }
  }
}
