package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The open merge rules of #16 under races, on every database: a {@code @MergeWith} sum adds up
 * exactly when 8 threads hammer 4 hot keys; a {@code @Version} upsert lets exactly one writer win
 * each version, single-row and bulk. Each beside a control that does the same the naive way
 * (read, change in Java, write back) and loses updates, which shows the race is real.
 */
class MergeRulesConcurrencyTest {
  private static final int THREADS = 8;
  /** Upserts per thread in the counter race. */
  private static final int CALLS = 200;
  private static final List<String> HOT_KEYS = List.of("h0", "h1", "h2", "h3");
  /** Read-then-upsert attempts per thread in the version race. */
  private static final int ATTEMPTS = 60;
  private static final List<String> DOC_KEYS = List.of("d0", "d1");
  private static final int BULK_KEYS = 200;
  private static final int BULK_ROUNDS = 5;

  /** One thread's work, on the thread's own handle. */
  private interface Work {
    void run(Handle handle, int thread);
  }

  /**
   * Runs {@code work} on {@code threads} threads, each with its own handle, all released
   * together; returns every exception thrown (a thread stops at its first).
   */
  private static List<Throwable> race(Database db, int threads, Work work) throws InterruptedException {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = db.jdbi().open()) {
          start.await();
          work.run(handle, thread);
        } catch (RuntimeException | InterruptedException | BrokenBarrierException e) {
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

  /** Empty tables {@code mrr_counter} and {@code mrr_doc} on {@code db}. */
  private static void reset(Database db) {
    Kind kind = db.kind();
    String text = kind == Kind.POSTGRES ? "text" : kind == Kind.SQLITE ? "TEXT" : "VARCHAR(100)";
    String number = kind == Kind.SQLITE ? "INTEGER" : "BIGINT";
    db.jdbi().useHandle(h -> {
      h.execute("DROP TABLE IF EXISTS mrr_counter");
      h.execute("CREATE TABLE mrr_counter (id " + text + " NOT NULL PRIMARY KEY, hits " + number + " NOT NULL)");
      h.execute("DROP TABLE IF EXISTS mrr_doc");
      h.execute("CREATE TABLE mrr_doc (id " + text + " NOT NULL PRIMARY KEY, version " + number + " NOT NULL, payload "
          + text + ")");
    });
  }

  /** The hot key of call {@code call} of thread {@code thread}: each key gets the same number of calls. */
  private static String hotKey(int thread, int call) {
    return HOT_KEYS.get((thread + call) % HOT_KEYS.size());
  }

  private static Map<String, Long> counters(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT id, hits FROM mrr_counter")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
  }

  private static Map<String, Long> everyKey(long value) {
    Map<String, Long> expected = new TreeMap<>();
    HOT_KEYS.forEach(k -> expected.put(k, value));
    return expected;
  }

  // --- 1. @MergeWith("{stored} + {incoming}") ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aMergeWithSumLosesNothingWhenThreadsRaceOnHotKeys(Database db) throws InterruptedException {
    reset(db);
    Map<Outcome, Long> outcomes = Collections.synchronizedMap(new EnumMap<>(Outcome.class));
    List<Throwable> errors = race(db, THREADS, (h, thread) -> {
      for (int call = 0; call < CALLS; call++) {
        outcomes.merge(MrrCounterUpserts.upsert(h, new MrrCounter(hotKey(thread, call), 1)), 1L, Long::sum);
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    long perKey = (long) THREADS * CALLS / HOT_KEYS.size();
    assertThat(counters(db)).containsExactlyEntriesIn(everyKey(perKey));
    if (db == TestDatabases.withoutSystemColumns()) {
      // that dialect reads which keys existed from the statement's snapshot: under READ COMMITTED two
      // racing first writes of one key may both be labelled INSERTED (documented on PostgresDialect)
      assertThat(outcomes.keySet()).containsExactly(Outcome.INSERTED, Outcome.UPDATED);
      assertThat(outcomes.get(Outcome.INSERTED)).isAtLeast((long) HOT_KEYS.size());
      assertThat(outcomes.get(Outcome.INSERTED) + outcomes.get(Outcome.UPDATED)).isEqualTo((long) THREADS * CALLS);
      return;
    }
    assertThat(outcomes).containsExactly(
        Outcome.INSERTED, (long) HOT_KEYS.size(),
        Outcome.UPDATED, (long) THREADS * CALLS - HOT_KEYS.size());
  }

  /**
   * Control: the same workload read-add-write in Java (a SELECT, then an UPDATE, each in
   * autocommit) loses counts on every database, SQLite included: SQLite serializes statements,
   * not the pair, so another thread's pair fits between them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void controlReadAddWriteLosesCounts(Database db) throws InterruptedException {
    reset(db);
    db.jdbi().useHandle(h -> HOT_KEYS.forEach(k -> h.execute("INSERT INTO mrr_counter (id, hits) VALUES (?, 0)", k)));
    List<Throwable> errors = race(db, THREADS, (h, thread) -> {
      for (int call = 0; call < CALLS; call++) {
        String key = hotKey(thread, call);
        long hits = h.createQuery("SELECT hits FROM mrr_counter WHERE id = :id").bind("id", key).mapTo(Long.class).one();
        h.createUpdate("UPDATE mrr_counter SET hits = :hits WHERE id = :id").bind("hits", hits + 1).bind("id", key).execute();
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    long total = counters(db).values().stream().mapToLong(Long::longValue).sum();
    assertWithMessage("the sum of the naive counters (%s calls made)", THREADS * CALLS)
        .that(total).isLessThan((long) THREADS * CALLS);
  }

  // --- 2. @Version, one row at a time ---

  /** One read-then-upsert: who, on which key, the version read, what the upsert said, what it wrote. */
  private record Attempt(int thread, String key, long read, Outcome outcome, String payload) {}

  /** Every attempt of 8 threads × {@link #ATTEMPTS}, alternating over {@link #DOC_KEYS}; {@code write} says what it did. */
  private interface Write {
    Outcome run(Handle handle, MrrDoc read, String payload);
  }

  private static List<Attempt> versionRace(Database db, Write write) throws InterruptedException {
    reset(db);
    db.jdbi().useHandle(h -> DOC_KEYS.forEach(k ->
        assertThat(MrrDocUpserts.upsert(h, new MrrDoc(k, 0, "initial"))).isEqualTo(Outcome.INSERTED)));
    List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors = race(db, THREADS, (h, thread) -> {
      for (int a = 0; a < ATTEMPTS; a++) {
        String key = DOC_KEYS.get(a % DOC_KEYS.size());
        MrrDoc read = MrrDocUpserts.find(h, key).orElseThrow();
        String payload = "t" + thread + "-a" + a;
        attempts.add(new Attempt(thread, key, read.version(), write.run(h, read, payload), payload));
      }
    });
    assertWithMessage("exceptions").that(errors).isEmpty();
    assertThat(attempts).hasSize(THREADS * ATTEMPTS);
    return attempts;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void eachVersionHasExactlyOneWinnerAndEveryOtherAttemptIsStale(Database db) throws InterruptedException {
    List<Attempt> attempts = versionRace(db,
        (h, read, payload) -> MrrDocUpserts.upsert(h, new MrrDoc(read.id(), read.version(), payload)));
    long stale = 0;
    for (String key : DOC_KEYS) {
      List<Attempt> ofKey = attempts.stream().filter(a -> a.key().equals(key)).toList();
      assertThat(ofKey).hasSize(THREADS * ATTEMPTS / DOC_KEYS.size());
      Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
      ofKey.forEach(a -> outcomes.merge(a.outcome(), 1L, Long::sum));
      assertWithMessage("outcomes of %s: only UPDATED and STALE", key).that(
          outcomes.getOrDefault(Outcome.UPDATED, 0L) + outcomes.getOrDefault(Outcome.STALE, 0L)).isEqualTo((long) ofKey.size());
      stale += outcomes.getOrDefault(Outcome.STALE, 0L);

      List<Attempt> won = ofKey.stream().filter(a -> a.outcome() == Outcome.UPDATED)
          .sorted(Comparator.comparingLong(Attempt::read)).toList();
      MrrDoc stored = db.jdbi().withHandle(h -> MrrDocUpserts.find(h, key).orElseThrow());
      // versions 1 (the insert) .. stored - 1 were each won exactly once: no two writers won the same version
      List<Long> versions = LongStream.range(1, stored.version()).boxed().toList();
      assertWithMessage("the versions read by the UPDATED attempts on %s (stored version %s)", key, stored.version())
          .that(won.stream().map(Attempt::read).toList()).containsExactlyElementsIn(versions).inOrder();
      // and nobody was told STALE on the version that is still stored: it would have won
      assertWithMessage("versions read on %s", key).that(ofKey.stream().mapToLong(Attempt::read).max().orElseThrow())
          .isLessThan(stored.version());
      assertWithMessage("the stored row of %s is the last winner's write", key)
          .that(stored).isEqualTo(new MrrDoc(key, stored.version(), won.get(won.size() - 1).payload()));
    }
    assertWithMessage("STALE attempts (none: the threads never raced)").that(stale).isGreaterThan(0L);
  }

  /**
   * Control: the same read-then-write with a plain UPDATE by key that ignores the stored version
   * (writing the version read plus one): more writers succeed than the version went up, i.e.
   * several believed they won the same version, and each overwrote the others.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void controlAnUnguardedReadThenWriteLetsSeveralWinTheSameVersion(Database db) throws InterruptedException {
    List<Attempt> attempts = versionRace(db, (h, read, payload) ->
        h.createUpdate("UPDATE mrr_doc SET version = :version, payload = :payload WHERE id = :id")
            .bind("version", read.version() + 1).bind("payload", payload).bind("id", read.id()).execute() == 1
            ? Outcome.UPDATED : Outcome.SKIPPED);
    assertThat(attempts.stream().filter(a -> a.outcome() != Outcome.UPDATED).toList()).isEmpty();
    long lost = 0;
    long doubleWon = 0;
    for (String key : DOC_KEYS) {
      long writes = attempts.stream().filter(a -> a.key().equals(key)).count();
      long stored = db.jdbi().withHandle(h -> MrrDocUpserts.find(h, key).orElseThrow()).version();
      lost += writes - (stored - 1);
      doubleWon += attempts.stream().filter(a -> a.key().equals(key))
          .collect(Collectors.groupingBy(Attempt::read, Collectors.counting()))
          .values().stream().filter(n -> n > 1).count();
    }
    assertWithMessage("writes that did not raise the version (lost updates)").that(lost).isGreaterThan(0L);
    assertWithMessage("versions that more than one writer believed it won").that(doubleWon).isGreaterThan(0L);
  }

  // --- 3. @Version in bulk ---

  /**
   * Two threads read all 200 rows, then both {@code upsertAll} them with the versions they read
   * (in different shuffled orders), round after round: each key is won by exactly one of them,
   * the other's row counts in {@link BatchOutcome#stale()}, and the stored rows are the winners'.
   * (Each call writes its chunk in key order in one transaction, so on every database so far
   * whichever call takes the first key wins all 200 and the other waits, then gets 200 STALE; the
   * test asserts only the exact split, whatever it is.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void twoBulkWritersOfTheSameVersionsSplitEveryKeyExactly(Database db) throws InterruptedException {
    reset(db);
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < BULK_KEYS; k++) {
      keys.add(String.format("b%03d", k));
    }
    BatchOutcome first = db.jdbi().withHandle(h ->
        MrrDocUpserts.upsertAll(h, keys.stream().map(k -> new MrrDoc(k, 0, "initial")).toList()));
    assertThat(first).isEqualTo(new BatchOutcome(BULK_KEYS, 0, BULK_KEYS, 0, 0, 0, 0, true));
    for (int round = 0; round < BULK_ROUNDS; round++) {
      int r = round;
      BatchOutcome[] outcomes = new BatchOutcome[2];
      CyclicBarrier readBeforeWrite = new CyclicBarrier(2);
      List<Throwable> errors = race(db, 2, (h, thread) -> {
        Map<String, Long> read = new HashMap<>();
        for (String key : keys) {
          read.put(key, MrrDocUpserts.find(h, key).orElseThrow().version());
        }
        try {
          readBeforeWrite.await();
        } catch (InterruptedException | BrokenBarrierException e) {
          throw new IllegalStateException(e);
        }
        List<MrrDoc> rows = new ArrayList<>(keys.stream().map(k -> new MrrDoc(k, read.get(k), "t" + thread + "-r" + r)).toList());
        Collections.shuffle(rows, new Random(31L * r + thread));
        outcomes[thread] = MrrDocUpserts.upsertAll(h, rows);
      });
      assertWithMessage("exceptions in round %s", r).that(errors).isEmpty();
      for (int t = 0; t < 2; t++) {
        BatchOutcome o = outcomes[t];
        assertWithMessage("round %s, thread %s: %s", r, t, o).that(
            List.of(o.rows(), o.merged(), o.inserted(), o.skipped(), o.unchanged(), o.updated() + o.stale()))
            .containsExactly((long) BULK_KEYS, 0L, 0L, 0L, 0L, (long) BULK_KEYS).inOrder();
        assertWithMessage("round %s, thread %s: %s", r, t, o).that(o.exact()).isTrue();
      }
      assertWithMessage("round %s: %s", r, List.of(outcomes)).that(outcomes[0].updated() + outcomes[1].updated())
          .isEqualTo((long) BULK_KEYS);
      assertWithMessage("round %s: %s", r, List.of(outcomes)).that(outcomes[0].stale() + outcomes[1].stale())
          .isEqualTo((long) BULK_KEYS);
      Map<Long, Long> versions = new TreeMap<>();
      Map<String, Long> payloads = new TreeMap<>();
      db.jdbi().useHandle(h -> h.createQuery("SELECT version, payload FROM mrr_doc")
          .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
          .forEach(e -> {
            versions.merge(e.getKey(), 1L, Long::sum);
            payloads.merge(e.getValue(), 1L, Long::sum);
          }));
      assertWithMessage("versions stored after round %s", r).that(versions).containsExactly(r + 2L, (long) BULK_KEYS);
      Map<String, Long> expected = new TreeMap<>();
      for (int t = 0; t < 2; t++) {
        if (outcomes[t].updated() > 0) {
          expected.put("t" + t + "-r" + r, outcomes[t].updated());
        }
      }
      assertWithMessage("rows written by each thread in round %s", r).that(payloads).containsExactlyEntriesIn(expected);
    }
  }
}
