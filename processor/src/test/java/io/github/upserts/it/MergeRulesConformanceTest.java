package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserted;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The open merge rules of issue #16 on every database: {@code @MergeWith}, {@code @FillIfNull},
 * {@code @Upsertable(updateWhen)} (alone and with {@code skipUnchanged}), {@code @Version}, and the
 * upsert that names the columns it updates; single-row and bulk, where rows of one call with the
 * same key that Java cannot merge are written in rounds of distinct keys, as if one after another.
 * Each bulk expectation is also computed by writing the same rows one by one under other keys.
 */
class MergeRulesConformanceTest {

  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    MergeRulesSchema.reset(db, handle);
    return handle;
  }

  private static BatchOutcome counts(long rows, long merged, long inserted, long updated, long skipped,
      long unchanged, long stale) {
    return new BatchOutcome(rows, merged, inserted, updated, skipped, unchanged, stale, true);
  }

  /** Every message of {@code e} and its causes, for asserting a database's error. */
  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  /** {@code rows}, each rekeyed, upserted one by one: what a bulk call of {@code rows} must equal. */
  private static <T> List<Outcome> oneByOne(List<T> rows, UnaryOperator<T> rekeyed, Function<T, Outcome> upsert) {
    List<Outcome> outcomes = new ArrayList<>();
    rows.forEach(r -> outcomes.add(upsert.apply(rekeyed.apply(r))));
    return outcomes;
  }

  // ---------------------------------------------------------------- @MergeWith

  /**
   * {@code {stored} || ',' || {incoming}}: concatenation on PostgreSQL, SQLite and H2. On
   * MariaDB/MySQL {@code ||} is a logical OR, and strict mode refuses the text as a number: the
   * statement fails with the database's error and writes nothing, single-row and bulk, as
   * {@code @MergeWith} documents; with {@code PIPES_AS_CONCAT} in the session's {@code sql_mode} it
   * concatenates there too.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void mergeWithConcatenatesTextWithPipes(Database db) {
    try (Handle h = open(db)) {
      assertThat(MrcNoteUpserts.upsert(h, new MrcNote("n", "x"))).isEqualTo(Outcome.INSERTED);
      if (db.kind() == Kind.MARIADB) {
        Exception single = assertThrows(Exception.class, () -> MrcNoteUpserts.upsert(h, new MrcNote("n", "y")));
        assertThat(messages(single)).contains("Truncated incorrect");
        assertThat(MrcNoteUpserts.find(h, "n")).hasValue(new MrcNote("n", "x"));
        Exception bulk = assertThrows(Exception.class,
            () -> MrcNoteUpserts.upsertAll(h, List.of(new MrcNote("m", "1"), new MrcNote("n", "w"), new MrcNote("m", "2"))));
        assertThat(messages(bulk)).contains("Truncated incorrect");
        assertThat(MrcNoteUpserts.find(h, "m")).isEmpty();
        assertThat(MrcNoteUpserts.find(h, "n")).hasValue(new MrcNote("n", "x"));
        h.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',PIPES_AS_CONCAT')");
      }
      assertThat(MrcNoteUpserts.upsert(h, new MrcNote("n", "y"))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcNoteUpserts.find(h, "n")).hasValue(new MrcNote("n", "x,y"));
      assertThat(MrcNoteUpserts.upsertReturning(h, new MrcNote("n", "z"))).isEqualTo(new MrcNote("n", "x,y,z"));
      BatchOutcome outcome = MrcNoteUpserts.upsertAll(h,
          List.of(new MrcNote("m", "1"), new MrcNote("n", "w"), new MrcNote("m", "2"), new MrcNote("m", "3")));
      // rounds {m, n}, {m}, {m}: m inserted, then updated twice; n updated
      assertThat(outcome).isEqualTo(counts(4, 0, 1, 3, 0, 0, 0));
      assertThat(MrcNoteUpserts.find(h, "m")).hasValue(new MrcNote("m", "1,2,3"));
      assertThat(MrcNoteUpserts.find(h, "n")).hasValue(new MrcNote("n", "x,y,z,w"));
    }
  }

  /**
   * Text by {@code CONCAT}, a number by {@code {stored} + 2 * {incoming}}, and a column from the
   * stored and incoming values of another ({@code {stored.score} * 100 + {incoming.score}}, which
   * must read the score before this very update changes it). Plain overwriting would store
   * ("y", 3, 0) and a left-to-right read of the new score 703.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void mergeWithComputesEachColumnFromTheStoredAndIncomingRows(Database db) {
    try (Handle h = open(db)) {
      assertThat(MrcTallyUpserts.upsert(h, new MrcTally("a", "x", 1, 0))).isEqualTo(Outcome.INSERTED);
      assertThat(MrcTallyUpserts.find(h, "a")).hasValue(new MrcTally("a", "x", 1, 0));
      assertThat(MrcTallyUpserts.upsert(h, new MrcTally("a", "y", 3, 0))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcTallyUpserts.find(h, "a")).hasValue(new MrcTally("a", "x,y", 7, 103));
      // a new key is inserted with the incoming values, whatever the expression
      assertThat(MrcTallyUpserts.upsertReturning(h, new MrcTally("b", "q", 5, 42)))
          .isEqualTo(new MrcTally("b", "q", 5, 42));
      assertThat(MrcTallyUpserts.upsertReturning(h, new MrcTally("a", "z", 10, 999)))
          .isEqualTo(new MrcTally("a", "x,y,z", 27, 710));
      assertThat(MrcTallyUpserts.upsertReturningOutcome(h, new MrcTally("a", "w", 0, 0)))
          .isEqualTo(new Upserted<>(new MrcTally("a", "x,y,z,w", 27, 2700), Outcome.UPDATED));
    }
  }

  /**
   * Two expressions reading each other's stored value swap the columns where every assignment
   * reads the stored row; MariaDB/MySQL assign left to right, so no order serves both, and the
   * runtime refuses the entity there at first use, saying why, before writing anything.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void mergeWithExpressionsReadingEachOthersStoredValue(Database db) {
    try (Handle h = open(db)) {
      if (db.kind() == Kind.MARIADB) {
        Exception e = assertThrows(Exception.class, () -> MrcSwapUpserts.upsert(h, new MrcSwap("s", "A", "B")));
        assertThat(messages(e)).contains("The @MergeWith expressions of MrcSwap's fields [ping, pong] (table mrc_swap)"
            + " read each other's stored values");
        assertThat(h.createQuery("SELECT COUNT(*) FROM mrc_swap").mapTo(Long.class).one()).isEqualTo(0L);
        return;
      }
      assertThat(MrcSwapUpserts.upsert(h, new MrcSwap("s", "A", "B"))).isEqualTo(Outcome.INSERTED);
      assertThat(MrcSwapUpserts.upsertReturning(h, new MrcSwap("s", "x", "y"))).isEqualTo(new MrcSwap("s", "B", "A"));
      assertThat(MrcSwapUpserts.upsertAll(h, List.of(new MrcSwap("s", "x", "y"), new MrcSwap("s", "x", "y"),
          new MrcSwap("t", "C", "D"), new MrcSwap("t", "x", "y")))).isEqualTo(counts(4, 0, 1, 3, 0, 0, 0));
      assertThat(MrcSwapUpserts.find(h, "s")).hasValue(new MrcSwap("s", "B", "A"));
      assertThat(MrcSwapUpserts.find(h, "t")).hasValue(new MrcSwap("t", "D", "C"));
    }
  }

  /**
   * Three rows of key a (stored already), two of b and one of c, interleaved, in one call: the
   * same stored rows as writing them one after another, counted per round of distinct keys.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void mergeWithBulkDuplicatesAreWrittenInRoundsAsIfOneByOne(Database db) {
    try (Handle h = open(db)) {
      List<MrcTally> rows = List.of(new MrcTally("a", "p", 2, 0), new MrcTally("b", "q", 5, 0),
          new MrcTally("a", "r", 3, 0), new MrcTally("c", "u", 1, 0), new MrcTally("b", "v", 4, 0),
          new MrcTally("a", "w", 10, 0));
      MrcTallyUpserts.upsert(h, new MrcTally("a", "s", 1, 0));
      MrcTallyUpserts.upsert(h, new MrcTally("1:a", "s", 1, 0));

      List<Outcome> single = oneByOne(rows, r -> new MrcTally("1:" + r.id(), r.tags(), r.score(), r.trace()),
          r -> MrcTallyUpserts.upsert(h, r));
      assertThat(single).containsExactly(Outcome.UPDATED, Outcome.INSERTED, Outcome.UPDATED, Outcome.INSERTED,
          Outcome.UPDATED, Outcome.UPDATED).inOrder();

      BatchOutcome outcome = MrcTallyUpserts.upsertAll(h, rows);
      // rounds {a, b, c}: a updated, b and c inserted; {a, b}: both updated; {a}: updated
      assertThat(outcome).isEqualTo(counts(6, 0, 2, 4, 0, 0, 0));
      assertThat(MrcTallyUpserts.find(h, "a")).hasValue(new MrcTally("a", "s,p,r,w", 31, 1110));
      assertThat(MrcTallyUpserts.find(h, "b")).hasValue(new MrcTally("b", "q,v", 13, 504));
      assertThat(MrcTallyUpserts.find(h, "c")).hasValue(new MrcTally("c", "u", 1, 0));
      for (String key : List.of("a", "b", "c")) {
        MrcTally oneByOne = MrcTallyUpserts.find(h, "1:" + key).orElseThrow();
        assertWithMessage("key %s", key).that(MrcTallyUpserts.find(h, key))
            .hasValue(new MrcTally(key, oneByOne.tags(), oneByOne.score(), oneByOne.trace()));
      }
      // a stream goes the same way
      BatchOutcome streamed = MrcTallyUpserts.upsertAll(h, rows.stream().map(r -> new MrcTally("2:" + r.id(), r.tags(),
          r.score(), r.trace())));
      assertThat(streamed).isEqualTo(counts(6, 0, 3, 3, 0, 0, 0));
      assertThat(MrcTallyUpserts.find(h, "2:a")).hasValue(new MrcTally("2:a", "p,r,w", 28, 810));
    }
  }

  /** upsertAllReturning hands back each key's final row once per chunk, after all its rounds. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void mergeWithBulkReturningHandsBackEachKeysFinalRowOnce(Database db) {
    try (Handle h = open(db)) {
      MrcTallyUpserts.upsert(h, new MrcTally("a", "s", 1, 0));
      List<MrcTally> got = new ArrayList<>();
      BatchOutcome outcome = MrcTallyUpserts.upsertAllReturning(h, List.of(new MrcTally("a", "p", 2, 0),
          new MrcTally("b", "q", 5, 0), new MrcTally("a", "r", 3, 0), new MrcTally("c", "u", 1, 0),
          new MrcTally("b", "v", 4, 0), new MrcTally("a", "w", 10, 0)), got::add);
      assertThat(outcome).isEqualTo(counts(6, 0, 2, 4, 0, 0, 0));
      assertThat(got).containsExactly(new MrcTally("a", "s,p,r,w", 31, 1110), new MrcTally("b", "q,v", 13, 504),
          new MrcTally("c", "u", 1, 0));

      List<MrcDoc> docs = new ArrayList<>();
      MrcDocUpserts.upsertAllReturning(h, List.of(new MrcDoc("d", "d1", 0), new MrcDoc("d", "d2", 1),
          new MrcDoc("d", "stale", 1), new MrcDoc("e", "e1", 0)), docs::add);
      assertThat(docs).containsExactly(new MrcDoc("d", "d2", 2), new MrcDoc("e", "e1", 1));

      List<MrcGate> gates = new ArrayList<>();
      MrcGateUpserts.upsertAllReturning(h, List.of(new MrcGate("g", "locked", "g1", 1), new MrcGate("g", "open", "g2", 1)),
          gates::add);
      assertThat(gates).containsExactly(new MrcGate("g", "locked", "g1", 1));

      List<MrcFill> fills = new ArrayList<>();
      MrcFillUpserts.upsertAllReturning(h, List.of(new MrcFill("f", null, 1, "n1"), new MrcFill("f", "e", 2, "n2")),
          fills::add);
      assertThat(fills).containsExactly(new MrcFill("f", "e", 1, "n2"));
    }
  }

  /**
   * Many chunks: 3,000 keys of four rows each, interleaved, as a collection (put in key order as a
   * whole, each chunk in rounds; MariaDB's keep their given order) and as a stream (chunks of rows
   * as given): every key ends as four upserts one after another leave it, and upsertAllReturning
   * hands back each key once per chunk it is in, the last time as stored.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void mergeWithRoundsAcrossManyChunks(Database db) {
    try (Handle h = open(db)) {
      int keys = 3_000;
      String[] tags = {"a", "b", "c", "d"};
      for (String prefix : List.of("c:", "s:")) {
        List<MrcTally> rows = new ArrayList<>();
        for (int i = 0; i < 4 * keys; i++) {
          rows.add(new MrcTally(String.format("%s%05d", prefix, i % keys), tags[i / keys], i / keys + 1, 0));
        }
        java.util.Map<String, MrcTally> got = new java.util.HashMap<>();
        List<MrcTally> handedBack = new ArrayList<>();
        BatchOutcome outcome = prefix.equals("c:")
            ? MrcTallyUpserts.upsertAllReturning(h, rows, handedBack::add)
            : MrcTallyUpserts.upsertAllReturning(h, rows.stream(), handedBack::add);
        assertThat(outcome).isEqualTo(counts(4L * keys, 0, keys, 3L * keys, 0, 0, 0));
        handedBack.forEach(r -> got.put(r.id(), r));
        assertWithMessage("%s keys handed back", prefix).that(got).hasSize(keys);
        java.util.Map<String, Long> times = handedBack.stream()
            .collect(java.util.stream.Collectors.groupingBy(MrcTally::id, java.util.stream.Collectors.counting()));
        if (prefix.equals("c:") && db.kind() != Kind.MARIADB) {
          // in key order, a key's four rows are next to each other: in one chunk (chunks of at
          // least 1,000 rows), unless its end cuts them
          assertThat(handedBack.size()).isAtMost(keys + 4 * keys / 1_000);
        } else {
          // given order (a stream; a MariaDB collection, whose collation's key equality is no
          // fold of text): chunks of rows as given, each key once per chunk it is in
          assertThat(java.util.Collections.max(times.values())).isAtMost(4L);
          long chunks = 4L * keys / (db.kind() == Kind.H2 ? 1_000 : 5_000) + 1;
          assertThat(java.util.Collections.max(times.values())).isAtMost(chunks);
        }
        List<MrcTally> stored = h.createQuery("SELECT id, tags, score, trace FROM mrc_tally WHERE id LIKE :p ORDER BY id")
            .bind("p", prefix + "%").map(MrcTallyUpserts.rowMapper()).list();
        assertThat(stored).hasSize(keys);
        for (MrcTally row : stored) {
          assertWithMessage("%s", row.id()).that(row).isEqualTo(new MrcTally(row.id(), "a,b,c,d", 19, 1104));
          assertWithMessage("%s handed back", row.id()).that(got.get(row.id())).isEqualTo(row);
        }
      }
    }
  }

  // ---------------------------------------------------------------- @FillIfNull

  /** A stored null is filled, a stored value kept; the plain column beside them is overwritten. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void fillIfNullFillsOnlyAStoredNull(Database db) {
    try (Handle h = open(db)) {
      assertThat(MrcFillUpserts.upsert(h, new MrcFill("p", null, 5, "n1"))).isEqualTo(Outcome.INSERTED);
      assertThat(MrcFillUpserts.find(h, "p")).hasValue(new MrcFill("p", null, 5, "n1"));
      assertThat(MrcFillUpserts.upsert(h, new MrcFill("p", "a@x", 9, "n2"))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcFillUpserts.find(h, "p")).hasValue(new MrcFill("p", "a@x", 5, "n2"));
      assertThat(MrcFillUpserts.upsertReturning(h, new MrcFill("p", "b@x", null, "n3")))
          .isEqualTo(new MrcFill("p", "a@x", 5, "n3"));
      assertThat(MrcFillUpserts.upsertReturning(h, new MrcFill("p", null, null, null)))
          .isEqualTo(new MrcFill("p", "a@x", 5, null));
    }
  }

  /** Rows with one key in one call merge first non-null wins, as written one by one. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void fillIfNullBulkDuplicatesMergeAsIfOneByOne(Database db) {
    try (Handle h = open(db)) {
      MrcFillUpserts.upsert(h, new MrcFill("p", "a@x", null, "n0"));
      MrcFillUpserts.upsert(h, new MrcFill("1:p", "a@x", null, "n0"));
      List<MrcFill> rows = List.of(new MrcFill("q", null, null, "1"), new MrcFill("p", "z@x", null, "x"),
          new MrcFill("q", "e1", null, "2"), new MrcFill("p", null, 4, "y"), new MrcFill("q", "e2", 7, "3"));
      oneByOne(rows, r -> new MrcFill("1:" + r.id(), r.email(), r.lvl(), r.name()), r -> MrcFillUpserts.upsert(h, r));

      BatchOutcome outcome = MrcFillUpserts.upsertAll(h, rows);
      assertThat(outcome).isEqualTo(counts(5, 3, 1, 1, 0, 0, 0));
      assertThat(MrcFillUpserts.find(h, "q")).hasValue(new MrcFill("q", "e1", 7, "3"));
      assertThat(MrcFillUpserts.find(h, "p")).hasValue(new MrcFill("p", "a@x", 4, "y"));
      for (String key : List.of("p", "q")) {
        MrcFill oneByOne = MrcFillUpserts.find(h, "1:" + key).orElseThrow();
        assertWithMessage("key %s", key).that(MrcFillUpserts.find(h, key))
            .hasValue(new MrcFill(key, oneByOne.email(), oneByOne.lvl(), oneByOne.name()));
      }
    }
  }

  // ---------------------------------------------------------------- updateWhen

  /**
   * A locked row is SKIPPED and keeps every column (its counter too); an unlocked one is
   * UPDATED, and an upsert may lock it, after which it is skipped. A stored NULL status makes the
   * condition NULL, not true: skipped.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void updateWhenSkipsALockedRowAndUpdatesAnOpenOne(Database db) {
    try (Handle h = open(db)) {
      assertThat(MrcGateUpserts.upsert(h, new MrcGate("L", "locked", "b0", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(MrcGateUpserts.upsert(h, new MrcGate("U", "open", "b0", 1))).isEqualTo(Outcome.INSERTED);

      assertThat(MrcGateUpserts.upsert(h, new MrcGate("L", "open", "b1", 5))).isEqualTo(Outcome.SKIPPED);
      assertThat(MrcGateUpserts.find(h, "L")).hasValue(new MrcGate("L", "locked", "b0", 1));
      assertThat(MrcGateUpserts.upsertReturning(h, new MrcGate("L", "open", "b1", 5)))
          .isEqualTo(new MrcGate("L", "locked", "b0", 1));
      assertThat(MrcGateUpserts.upsertReturningOutcome(h, new MrcGate("L", "open", "b1", 5)))
          .isEqualTo(new Upserted<>(new MrcGate("L", "locked", "b0", 1), Outcome.SKIPPED));

      assertThat(MrcGateUpserts.upsert(h, new MrcGate("U", "open", "b1", 5))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcGateUpserts.find(h, "U")).hasValue(new MrcGate("U", "open", "b1", 6));
      assertThat(MrcGateUpserts.upsert(h, new MrcGate("U", "locked", "b2", 1))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcGateUpserts.upsert(h, new MrcGate("U", "open", "b3", 1))).isEqualTo(Outcome.SKIPPED);
      assertThat(MrcGateUpserts.find(h, "U")).hasValue(new MrcGate("U", "locked", "b2", 7));

      assertThat(MrcGateUpserts.upsert(h, new MrcGate("N", null, "b0", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(MrcGateUpserts.upsert(h, new MrcGate("N", "open", "b1", 1))).isEqualTo(Outcome.SKIPPED);
      assertThat(MrcGateUpserts.find(h, "N")).hasValue(new MrcGate("N", null, "b0", 1));
    }
  }

  /** In one call: a locked key skipped, a key locked by its first row and skipped on its second. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void updateWhenBulkCountsSkippedRowsAndWritesDuplicatesInOrder(Database db) {
    try (Handle h = open(db)) {
      for (String prefix : List.of("", "1:")) {
        MrcGateUpserts.upsert(h, new MrcGate(prefix + "L", "locked", "b0", 1));
        MrcGateUpserts.upsert(h, new MrcGate(prefix + "U", "open", "b0", 1));
      }
      List<MrcGate> rows = List.of(new MrcGate("U", "locked", "x", 1), new MrcGate("L", "open", "y", 1),
          new MrcGate("N", "open", "z", 1), new MrcGate("U", "open", "w", 1), new MrcGate("N", "open", "z2", 1));
      List<Outcome> single = oneByOne(rows, r -> new MrcGate("1:" + r.id(), r.status(), r.body(), r.hits()),
          r -> MrcGateUpserts.upsert(h, r));
      assertThat(single).containsExactly(Outcome.UPDATED, Outcome.SKIPPED, Outcome.INSERTED, Outcome.SKIPPED,
          Outcome.UPDATED).inOrder();

      BatchOutcome outcome = MrcGateUpserts.upsertAll(h, rows);
      // rounds {L, N, U}: L skipped, N inserted, U updated (and locked); {N, U}: N updated, U skipped
      assertThat(outcome).isEqualTo(counts(5, 0, 1, 2, 2, 0, 0));
      assertThat(MrcGateUpserts.find(h, "L")).hasValue(new MrcGate("L", "locked", "b0", 1));
      assertThat(MrcGateUpserts.find(h, "U")).hasValue(new MrcGate("U", "locked", "x", 2));
      assertThat(MrcGateUpserts.find(h, "N")).hasValue(new MrcGate("N", "open", "z2", 2));
      for (String key : List.of("L", "U", "N")) {
        MrcGate oneByOne = MrcGateUpserts.find(h, "1:" + key).orElseThrow();
        assertWithMessage("key %s", key).that(MrcGateUpserts.find(h, key))
            .hasValue(new MrcGate(key, oneByOne.status(), oneByOne.body(), oneByOne.hits()));
      }
    }
  }

  /**
   * With skipUnchanged: an unchanged open row is UNCHANGED, a locked row SKIPPED whether or not
   * the upsert would change it, a changed open row UPDATED; in bulk alike, each counted so.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void updateWhenWithSkipUnchangedTellsSkippedFromUnchanged(Database db) {
    try (Handle h = open(db)) {
      MrcGateQuietUpserts.upsert(h, new MrcGateQuiet("L", "locked", "b"));
      MrcGateQuietUpserts.upsert(h, new MrcGateQuiet("U", "open", "b"));
      assertThat(MrcGateQuietUpserts.upsert(h, new MrcGateQuiet("U", "open", "b"))).isEqualTo(Outcome.UNCHANGED);
      assertThat(MrcGateQuietUpserts.upsert(h, new MrcGateQuiet("L", "locked", "b"))).isEqualTo(Outcome.SKIPPED);
      assertThat(MrcGateQuietUpserts.upsert(h, new MrcGateQuiet("L", "open", "c"))).isEqualTo(Outcome.SKIPPED);
      assertThat(MrcGateQuietUpserts.upsertReturningOutcome(h, new MrcGateQuiet("L", "open", "c")))
          .isEqualTo(new Upserted<>(new MrcGateQuiet("L", "locked", "b"), Outcome.SKIPPED));
      assertThat(MrcGateQuietUpserts.upsertReturningOutcome(h, new MrcGateQuiet("U", "open", "b")))
          .isEqualTo(new Upserted<>(new MrcGateQuiet("U", "open", "b"), Outcome.UNCHANGED));
      assertThat(MrcGateQuietUpserts.upsert(h, new MrcGateQuiet("U", "open", "c"))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcGateQuietUpserts.find(h, "L")).hasValue(new MrcGateQuiet("L", "locked", "b"));
      assertThat(MrcGateQuietUpserts.find(h, "U")).hasValue(new MrcGateQuiet("U", "open", "c"));

      BatchOutcome outcome = MrcGateQuietUpserts.upsertAll(h, List.of(new MrcGateQuiet("U", "open", "c"),
          new MrcGateQuiet("L", "locked", "b"), new MrcGateQuiet("V", "open", "v"), new MrcGateQuiet("U", "open", "d"),
          new MrcGateQuiet("L", "open", "e")));
      // rounds {L, U, V}: L skipped, U unchanged, V inserted; {L, U}: L skipped, U updated
      assertThat(outcome).isEqualTo(counts(5, 0, 1, 1, 2, 1, 0));
      assertThat(MrcGateQuietUpserts.find(h, "L")).hasValue(new MrcGateQuiet("L", "locked", "b"));
      assertThat(MrcGateQuietUpserts.find(h, "U")).hasValue(new MrcGateQuiet("U", "open", "d"));
      assertThat(MrcGateQuietUpserts.find(h, "V")).hasValue(new MrcGateQuiet("V", "open", "v"));
    }
  }

  // ---------------------------------------------------------------- @Version

  /**
   * A new key with version 0 is stored with 1; the version read updates and bumps it; the same
   * version again is STALE and leaves the row as it was; a new key with a version keeps it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void versionUpdatesOnlyTheVersionReadAndBumpsIt(Database db) {
    try (Handle h = open(db)) {
      assertThat(MrcDocUpserts.upsert(h, new MrcDoc("d", "b0", 0))).isEqualTo(Outcome.INSERTED);
      assertThat(MrcDocUpserts.find(h, "d")).hasValue(new MrcDoc("d", "b0", 1));
      assertThat(MrcDocUpserts.upsert(h, new MrcDoc("d", "b1", 1))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcDocUpserts.find(h, "d")).hasValue(new MrcDoc("d", "b1", 2));
      assertThat(MrcDocUpserts.upsert(h, new MrcDoc("d", "stale", 1))).isEqualTo(Outcome.STALE);
      assertThat(MrcDocUpserts.find(h, "d")).hasValue(new MrcDoc("d", "b1", 2));
      assertThat(MrcDocUpserts.upsert(h, new MrcDoc("d", "ahead", 3))).isEqualTo(Outcome.STALE);
      assertThat(MrcDocUpserts.upsert(h, new MrcDoc("d", "zero", 0))).isEqualTo(Outcome.STALE);
      assertThat(MrcDocUpserts.find(h, "d")).hasValue(new MrcDoc("d", "b1", 2));
      assertThat(MrcDocUpserts.upsertReturningOutcome(h, new MrcDoc("d", "stale", 1)))
          .isEqualTo(new Upserted<>(new MrcDoc("d", "b1", 2), Outcome.STALE));
      assertThat(MrcDocUpserts.upsertReturningOutcome(h, new MrcDoc("d", "b2", 2)))
          .isEqualTo(new Upserted<>(new MrcDoc("d", "b2", 3), Outcome.UPDATED));
      assertThat(MrcDocUpserts.upsertReturning(h, new MrcDoc("d", "stale", 2))).isEqualTo(new MrcDoc("d", "b2", 3));

      assertThat(MrcDocUpserts.upsert(h, new MrcDoc("e", "e5", 5))).isEqualTo(Outcome.INSERTED);
      assertThat(MrcDocUpserts.find(h, "e")).hasValue(new MrcDoc("e", "e5", 5));
      assertThat(MrcDocUpserts.upsertReturning(h, new MrcDoc("f", "f0", 0))).isEqualTo(new MrcDoc("f", "f0", 1));
    }
  }

  /** A null version, given or stored, counts as 0: a new key given null is stored with 1. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void versionNullCountsAsZero(Database db) {
    try (Handle h = open(db)) {
      assertThat(MrcRevUpserts.upsert(h, new MrcRev("r", "b0", null))).isEqualTo(Outcome.INSERTED);
      assertThat(MrcRevUpserts.find(h, "r")).hasValue(new MrcRev("r", "b0", 1L));
      assertThat(MrcRevUpserts.upsert(h, new MrcRev("r", "stale", null))).isEqualTo(Outcome.STALE);
      h.execute("UPDATE mrc_rev SET version = NULL");
      assertThat(MrcRevUpserts.upsert(h, new MrcRev("r", "stale", 1L))).isEqualTo(Outcome.STALE);
      assertThat(MrcRevUpserts.find(h, "r")).hasValue(new MrcRev("r", "b0", null));
      assertThat(MrcRevUpserts.upsert(h, new MrcRev("r", "b1", null))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcRevUpserts.find(h, "r")).hasValue(new MrcRev("r", "b1", 1L));
      h.execute("UPDATE mrc_rev SET version = NULL");
      assertThat(MrcRevUpserts.upsertAll(h, List.of(new MrcRev("r", "b2", 0L), new MrcRev("r", "b3", 1L),
          new MrcRev("s", "s1", null), new MrcRev("r", "stale", 1L)))).isEqualTo(counts(4, 0, 1, 2, 0, 0, 1));
      assertThat(MrcRevUpserts.find(h, "r")).hasValue(new MrcRev("r", "b3", 2L));
      assertThat(MrcRevUpserts.find(h, "s")).hasValue(new MrcRev("s", "s1", 1L));
    }
  }

  /** Current and stale versions in one call, counted exactly; a key's rows in order, each checked. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void versionBulkCountsStaleRowsAndAppliesAKeysRowsInOrder(Database db) {
    try (Handle h = open(db)) {
      MrcDocUpserts.upsert(h, new MrcDoc("d", "d1", 0));
      MrcDocUpserts.upsert(h, new MrcDoc("d", "d2", 1));
      MrcDocUpserts.upsert(h, new MrcDoc("e", "e5", 5));

      BatchOutcome mixed = MrcDocUpserts.upsertAll(h, List.of(new MrcDoc("d", "d3", 2), new MrcDoc("e", "late", 4),
          new MrcDoc("f", "f1", 0), new MrcDoc("e", "later", 1)));
      assertThat(mixed).isEqualTo(counts(4, 0, 1, 1, 0, 0, 2));
      assertThat(MrcDocUpserts.find(h, "d")).hasValue(new MrcDoc("d", "d3", 3));
      assertThat(MrcDocUpserts.find(h, "e")).hasValue(new MrcDoc("e", "e5", 5));
      assertThat(MrcDocUpserts.find(h, "f")).hasValue(new MrcDoc("f", "f1", 1));

      // v0 inserts g with 1, then g at 1 is current; d at 3 then 4: both applied, in order
      BatchOutcome chained = MrcDocUpserts.upsertAll(h, List.of(new MrcDoc("g", "g1", 0), new MrcDoc("d", "d4", 3),
          new MrcDoc("g", "g2", 1), new MrcDoc("d", "d5", 4), new MrcDoc("d", "d-stale", 4)));
      assertThat(chained).isEqualTo(counts(5, 0, 1, 3, 0, 0, 1));
      assertThat(MrcDocUpserts.find(h, "g")).hasValue(new MrcDoc("g", "g2", 2));
      assertThat(MrcDocUpserts.find(h, "d")).hasValue(new MrcDoc("d", "d5", 5));

      // a new key given version 1 is inserted with 1; its next row, carrying 0, is stale then
      BatchOutcome reversed = MrcDocUpserts.upsertAll(h, List.of(new MrcDoc("h", "h1", 1), new MrcDoc("h", "h0", 0)));
      assertThat(reversed).isEqualTo(counts(2, 0, 1, 0, 0, 0, 1));
      assertThat(MrcDocUpserts.find(h, "h")).hasValue(new MrcDoc("h", "h1", 1));
    }
  }

  // ---------------------------------------------------------------- upsert naming its columns

  /**
   * Only the named columns of an existing row change; a new row gets every column; a named
   * {@code @Increment} column adds; a named {@code @MergeWith} column merges by its rule while the
   * others keep their stored values; the version still guards.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void upsertNamingColumnsUpdatesOnlyThose(Database db) {
    try (Handle h = open(db)) {
      assertThat(MrcCardUpserts.upsert(h, new MrcCard("c", "Ann", "a@x", 1), MrcCardUpserts.Columns.NAME))
          .isEqualTo(Outcome.INSERTED);
      assertThat(MrcCardUpserts.find(h, "c")).hasValue(new MrcCard("c", "Ann", "a@x", 1));
      assertThat(MrcCardUpserts.upsert(h, new MrcCard("c", "Annie", "other@x", 5), MrcCardUpserts.Columns.NAME))
          .isEqualTo(Outcome.UPDATED);
      assertThat(MrcCardUpserts.find(h, "c")).hasValue(new MrcCard("c", "Annie", "a@x", 1));
      assertThat(MrcCardUpserts.upsert(h, new MrcCard("c", "zzz", "b@x", 2), MrcCardUpserts.Columns.EMAIL,
          MrcCardUpserts.Columns.VISITS)).isEqualTo(Outcome.UPDATED);
      assertThat(MrcCardUpserts.find(h, "c")).hasValue(new MrcCard("c", "Annie", "b@x", 3));
      assertThat(MrcCardUpserts.upsert(h, new MrcCard("c", "zzz", "zzz", 4), MrcCardUpserts.Columns.VISITS))
          .isEqualTo(Outcome.UPDATED);
      assertThat(MrcCardUpserts.find(h, "c")).hasValue(new MrcCard("c", "Annie", "b@x", 7));
      // control: the upsert that names no columns updates them all
      assertThat(MrcCardUpserts.upsert(h, new MrcCard("c", "Bo", "bo@x", 1))).isEqualTo(Outcome.UPDATED);
      assertThat(MrcCardUpserts.find(h, "c")).hasValue(new MrcCard("c", "Bo", "bo@x", 8));
      assertThat(MrcCardUpserts.Columns.values()).asList().containsExactly(MrcCardUpserts.Columns.NAME,
          MrcCardUpserts.Columns.EMAIL, MrcCardUpserts.Columns.VISITS).inOrder();

      MrcTallyUpserts.upsert(h, new MrcTally("a", "x", 1, 0));
      assertThat(MrcTallyUpserts.upsert(h, new MrcTally("a", "y", 5, 77), MrcTallyUpserts.Columns.SCORE))
          .isEqualTo(Outcome.UPDATED);
      assertThat(MrcTallyUpserts.find(h, "a")).hasValue(new MrcTally("a", "x", 11, 0));
      assertThat(MrcTallyUpserts.upsert(h, new MrcTally("a", "y", 5, 77), MrcTallyUpserts.Columns.TRACE))
          .isEqualTo(Outcome.UPDATED);
      assertThat(MrcTallyUpserts.find(h, "a")).hasValue(new MrcTally("a", "x", 11, 1105));

      MrcDocUpserts.upsert(h, new MrcDoc("d", "b0", 0));
      assertThat(MrcDocUpserts.upsert(h, new MrcDoc("d", "stale", 0), MrcDocUpserts.Columns.BODY)).isEqualTo(Outcome.STALE);
      assertThat(MrcDocUpserts.upsert(h, new MrcDoc("d", "b1", 1), MrcDocUpserts.Columns.BODY)).isEqualTo(Outcome.UPDATED);
      assertThat(MrcDocUpserts.find(h, "d")).hasValue(new MrcDoc("d", "b1", 2));

      MrcGateUpserts.upsert(h, new MrcGate("L", "locked", "b0", 1));
      assertThat(MrcGateUpserts.upsert(h, new MrcGate("L", "open", "b1", 1), MrcGateUpserts.Columns.BODY))
          .isEqualTo(Outcome.SKIPPED);
      assertThat(MrcGateUpserts.find(h, "L")).hasValue(new MrcGate("L", "locked", "b0", 1));
    }
  }

  /** Naming no column is refused before any SQL: here the table does not even exist. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void upsertNamingNoColumnIsRefusedBeforeAnySql(Database db) {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE mrc_card");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MrcCardUpserts.upsert(h, new MrcCard("c", "Ann", "a@x", 1), new MrcCardUpserts.Columns[0]));
      assertThat(e).hasMessageThat().contains("names no column");
      assertThrows(IllegalArgumentException.class,
          () -> MrcCardUpserts.upsert(h, new MrcCard("c", "Ann", "a@x", 1), (MrcCardUpserts.Columns[]) null));
      assertThrows(IllegalArgumentException.class,
          () -> MrcCardUpserts.upsert(h, new MrcCard("c", "Ann", "a@x", 1), MrcCardUpserts.Columns.NAME, null));
    }
  }
}
