package io.github.upserts.it;

import io.github.upserts.exec.Operation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.it.TestDatabases.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outcomes and policies stay exact when threads race on the same keys; each test beside a
 * control that shows the same race breaks the naive way.
 */
class PolicyConcurrencyTest {
  private static final int THREADS = 8;
  private static final int VERSIONS = 100;
  private static final List<String> KEYS = List.of("k1", "k2", "k3", "k4", "k5");
  private static final int RACERS = 16;
  private static final int ROUNDS = 25;

  /** One thread's share of one round, on the thread's own handle. */
  private interface Work {
    void run(Handle handle, int thread, int round);
  }

  /**
   * Runs {@code work} on {@code threads} threads, each with its own handle, for {@code rounds}
   * rounds; all threads start each round together. Returns every exception thrown.
   */
  private static List<Throwable> race(Database db, int threads, int rounds, Work work)
      throws InterruptedException {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = db.jdbi().open()) {
          for (int round = 0; round < rounds; round++) {
            start.await();
            try {
              work.run(handle, thread, round);
            } catch (RuntimeException e) {
              errors.add(e);
            }
          }
        } catch (InterruptedException | BrokenBarrierException e) {
          errors.add(e);
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

  /** Every (key, version) pair, shuffled differently for each thread. */
  private static List<Map.Entry<String, Integer>> shuffledWrites(int seed) {
    List<Map.Entry<String, Integer>> writes = new ArrayList<>();
    for (String key : KEYS) {
      for (int v = 1; v <= VERSIONS; v++) {
        writes.add(Map.entry(key, v));
      }
    }
    Collections.shuffle(writes, new Random(seed));
    return writes;
  }

  private static Map<String, Long> storedVersions(Database db) {
    Map<String, Long> versions = new ConcurrentHashMap<>();
    db.jdbi().useHandle(h -> h.createQuery("SELECT id, version FROM events")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> versions.put(e.getKey(), e.getValue())));
    return versions;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void newerWinsKeepsTheHighestVersionWhateverTheOrder(Database db) throws InterruptedException {
    db.jdbi().useHandle(Schema::reset);
    Map<Outcome, Long> outcomes = Collections.synchronizedMap(new EnumMap<>(Outcome.class));
    List<Throwable> errors = race(db, THREADS, 1, (h, thread, round) -> {
      for (Map.Entry<String, Integer> write : shuffledWrites(thread)) {
        Outcome outcome = EventUpserts.upsert(
            h, new Event(write.getKey(), write.getValue(), "v" + write.getValue(), Instant.now()));
        outcomes.merge(outcome, 1L, Long::sum);
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    for (String key : KEYS) {
      assertThat(db.jdbi().withHandle(h -> EventUpserts.find(h, key)).orElseThrow().payload())
          .isEqualTo("v" + VERSIONS);
    }
    assertThat(storedVersions(db).values()).containsExactly(
        (long) VERSIONS, (long) VERSIONS, (long) VERSIONS, (long) VERSIONS, (long) VERSIONS);
    assertThat(outcomes.get(Outcome.INSERTED)).isEqualTo(KEYS.size());
    assertThat(outcomes.get(Outcome.UPDATED) + outcomes.get(Outcome.SKIPPED))
        .isEqualTo((long) THREADS * KEYS.size() * VERSIONS - KEYS.size());
    assertThat(outcomes).doesNotContainKey(Outcome.UNCHANGED);
  }

  /** Control: the same writes, last writer wins, end on a random version. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void controlLastWriterWinsLosesTheHighestVersion(Database db) throws InterruptedException {
    db.jdbi().useHandle(Schema::reset);
    List<Throwable> errors = race(db, THREADS, 1, (h, thread, round) -> {
      for (Map.Entry<String, Integer> write : shuffledWrites(thread)) {
        h.createUpdate("INSERT INTO events (id, version, payload) VALUES (:id, :v, :p)"
                + " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, payload = EXCLUDED.payload")
            .bind("id", write.getKey()).bind("v", (long) write.getValue()).bind("p", "v" + write.getValue())
            .execute();
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertWithMessage("keys not ending on version %s", VERSIONS)
        .that(storedVersions(db).values().stream().filter(v -> v != VERSIONS).count())
        .isGreaterThan(0L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void concurrentIdenticalUpsertsInsertOnceAndAreOtherwiseUnchanged(Database db)
      throws InterruptedException {
    db.jdbi().useHandle(Schema::reset);
    Map<Outcome, Long> outcomes = Collections.synchronizedMap(new EnumMap<>(Outcome.class));
    List<Throwable> errors = race(db, THREADS, 1, (h, thread, round) -> {
      for (int i = 0; i < VERSIONS; i++) {
        Outcome outcome = SettingUpserts.upsert(h, new Setting(KEYS.get(i % KEYS.size()), "same", Instant.now()));
        outcomes.merge(outcome, 1L, Long::sum);
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(outcomes).containsExactly(
        Outcome.INSERTED, (long) KEYS.size(),
        Outcome.UNCHANGED, (long) THREADS * VERSIONS - KEYS.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void getOrInsertRaceGivesEveryoneTheSameSingleRow(Database db) throws InterruptedException {
    db.jdbi().useHandle(Schema::reset);
    Map<Integer, List<Profile>> results = new ConcurrentHashMap<>();
    List<Throwable> errors = race(db, RACERS, ROUNDS, (h, thread, round) ->
        results.computeIfAbsent(round, r -> Collections.synchronizedList(new ArrayList<>()))
            .add(ProfileUpserts.getOrInsert(h, profile("race-" + round, thread))));
    assertWithMessage("exceptions").that(errors).isEmpty();
    for (int round = 0; round < ROUNDS; round++) {
      assertThat(results.get(round)).hasSize(RACERS);
      assertWithMessage("distinct results of round %s", round)
          .that(new HashSet<>(results.get(round))).hasSize(1);
    }
    long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM profiles")
        .mapTo(long.class).one());
    assertThat(rows).isEqualTo(ROUNDS);
  }

  /**
   * Control: the single {@code INSERT ... DO NOTHING} + {@code SELECT} statement alone returns no
   * row to a caller whose insert waited for a concurrent one: its snapshot predates that commit.
   * A transaction holding an uncommitted insert of the key makes every racer wait, so the race
   * happens every round, whatever the machine's load.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void controlTheStatementAloneReturnsNothingToSomeRacers(Database db) throws Exception {
    db.jdbi().useHandle(Schema::reset);
    String sql = db.jdbi().withHandle(h -> Upserts.dialect(h).render(ProfileUpserts.table()).sql(Operation.GET_OR_INSERT));
    List<Optional<Profile>> results = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    for (int round = 0; round < 3; round++) {
      String key = "control-" + round;
      try (Handle blocker = db.jdbi().open()) {
        blocker.begin();
        ProfileUpserts.insertIfAbsent(blocker, profile(key, -1));
        List<Thread> racers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Profile p = profile(key, t);
          Thread racer = new Thread(() -> {
            try (Handle h = db.jdbi().open()) {
              results.add(h.createQuery(sql)
                  .bind("id", p.id()).bind("email", p.email()).bind("highScore", p.highScore())
                  .bindByType("firstSeen", p.firstSeen(), LocalDate.class)
                  .bindByType("createdAt", p.createdAt(), Instant.class)
                  .bind("logins", p.logins()).bind("nickname", p.nickname())
                  .map(ProfileUpserts.rowMapper()).findOne());
            } catch (RuntimeException e) {
              errors.add(e);
            }
          });
          racer.start();
          racers.add(racer);
        }
        Thread.sleep(500); // the racers' statements start, then wait for the blocker
        blocker.commit();
        for (Thread racer : racers) {
          racer.join();
        }
      }
    }
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertWithMessage("racers that got no row from the statement alone")
        .that(results.stream().filter(Optional::isEmpty).count()).isGreaterThan(0L);
  }

  /** The same waiting race through the generated getOrInsert: every racer gets the row. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void getOrInsertReadsTheRowACommitItWaitedForMade(Database db) throws Exception {
    db.jdbi().useHandle(Schema::reset);
    Profile blockers = profile("waited", -1);
    List<Profile> results = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    try (Handle blocker = db.jdbi().open()) {
      blocker.begin();
      ProfileUpserts.insertIfAbsent(blocker, blockers);
      List<Thread> racers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Profile p = profile("waited", t);
        Thread racer = new Thread(() -> {
          try (Handle h = db.jdbi().open()) {
            results.add(ProfileUpserts.getOrInsert(h, p));
          } catch (RuntimeException e) {
            errors.add(e);
          }
        });
        racer.start();
        racers.add(racer);
      }
      Thread.sleep(500);
      blocker.commit();
      for (Thread racer : racers) {
        racer.join();
      }
    }
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(results).hasSize(4);
    Profile stored = db.jdbi().withHandle(h -> ProfileUpserts.find(h, "waited").orElseThrow());
    assertThat(new HashSet<>(results)).containsExactly(stored);
    assertThat(results.get(0).nickname()).isEqualTo("thread -1");
  }

  private static Profile profile(String key, int thread) {
    return new Profile(key, "t" + thread + "@x.org", thread, null, Instant.now(), 1, "thread " + thread);
  }
}
