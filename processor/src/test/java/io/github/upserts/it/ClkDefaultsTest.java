package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A null in a {@code @DefaultIfNull} column inserts the column's default and keeps an existing
 * row's value; a null in a {@code @Coalesce} column that is {@code NOT NULL} keeps an existing
 * row's value (and takes the default of a new row, or fails as the database does without one); on
 * every database, single-row and bulk.
 */
class ClkDefaultsTest {
  private static final Instant T = Instant.parse("2020-05-01T10:00:00Z");

  private static List<String> ddl(Kind kind) {
    String key = kind == Kind.MARIADB || kind == Kind.H2 ? "VARCHAR(40)" : "TEXT";
    String text = kind == Kind.MARIADB || kind == Kind.H2 ? "VARCHAR(100)" : "TEXT";
    String created = switch (kind) {
      case POSTGRES -> "timestamptz NOT NULL DEFAULT now()";
      case MARIADB -> "DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)";
      case H2 -> "TIMESTAMP(9) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP";
      case SQLITE -> "TIMESTAMP NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))";
    };
    return List.of(
        "CREATE TABLE clk_defaulted (id " + key + " PRIMARY KEY, status " + text + " NOT NULL DEFAULT 'active',"
            + " created " + created + ", note " + text + ")",
        "CREATE TABLE clk_partial (id " + key + " PRIMARY KEY, name " + text + " NOT NULL,"
            + " score INTEGER NOT NULL DEFAULT 0, note " + text + ")");
  }

  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    h.execute("DROP TABLE IF EXISTS clk_defaulted");
    h.execute("DROP TABLE IF EXISTS clk_partial");
    ddl(db.kind()).forEach(h::execute);
    return h;
  }

  private static ClkDefaulted stored(Handle h, String id) {
    return ClkDefaultedUpserts.find(h, id).orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aNullInsertsTheDefaultAndKeepsAStoredValue(Database db) {
    try (Handle h = open(db)) {
      Instant before = ClkTimestampsTest.now(h, db.kind());
      assertThat(ClkDefaultedUpserts.upsert(h, new ClkDefaulted("a", null, null, "n1"))).isEqualTo(Outcome.INSERTED);
      Instant after = ClkTimestampsTest.now(h, db.kind());
      ClkDefaulted a = stored(h, "a");
      assertThat(a.status()).isEqualTo("active");
      assertThat(a.created()).isAtLeast(before.minusSeconds(1));
      assertThat(a.created()).isAtMost(after.plusSeconds(1));

      assertThat(ClkDefaultedUpserts.upsert(h, new ClkDefaulted("a", null, null, "n2"))).isEqualTo(Outcome.UPDATED);
      assertThat(stored(h, "a")).isEqualTo(new ClkDefaulted("a", "active", a.created(), "n2"));
      assertThat(ClkDefaultedUpserts.upsertReturning(h, new ClkDefaulted("a", "closed", T, "n3")))
          .isEqualTo(new ClkDefaulted("a", "closed", T, "n3"));
      assertThat(ClkDefaultedUpserts.upsertReturning(h, new ClkDefaulted("a", null, null, "n4")))
          .isEqualTo(new ClkDefaulted("a", "closed", T, "n4"));
      assertThat(ClkDefaultedUpserts.upsertReturningOutcome(h, new ClkDefaulted("a", "open", null, "n4")).row())
          .isEqualTo(new ClkDefaulted("a", "open", T, "n4"));

      ClkDefaulted b = ClkDefaultedUpserts.upsertReturning(h, new ClkDefaulted("b", null, T, null));
      assertThat(b).isEqualTo(new ClkDefaulted("b", "active", T, null));
      ClkDefaulted c = ClkDefaultedUpserts.getOrInsert(h, new ClkDefaulted("c", "new", null, null));
      assertThat(c.status()).isEqualTo("new");
      assertThat(c.created()).isNotNull();
      assertThat(ClkDefaultedUpserts.getOrInsert(h, new ClkDefaulted("c", null, null, "x"))).isEqualTo(c);
      assertThat(ClkDefaultedUpserts.insertIfAbsent(h, new ClkDefaulted("d", null, null, null))).isTrue();
      assertThat(stored(h, "d").status()).isEqualTo("active");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aBulkChunkMixingNullsForNewAndExistingRows(Database db) {
    try (Handle h = open(db)) {
      ClkDefaultedUpserts.upsert(h, new ClkDefaulted("e1", "closed", T, "old"));
      ClkDefaultedUpserts.upsert(h, new ClkDefaulted("e2", "closed", T, "old"));
      ClkDefaultedUpserts.upsert(h, new ClkDefaulted("e3", "closed", T, "same"));
      List<ClkDefaulted> back = new ArrayList<>();
      BatchOutcome outcome = ClkDefaultedUpserts.upsertAllReturning(h, List.of(
          new ClkDefaulted("n2", "paused", null, "new"),
          new ClkDefaulted("e1", null, null, "new"),
          new ClkDefaulted("n1", null, null, "new"),
          new ClkDefaulted("e2", "open", null, "new"),
          new ClkDefaulted("n3", null, T, "new"),
          new ClkDefaulted("e3", null, null, "same"),
          new ClkDefaulted("n1", null, null, "newer")), back::add);
      assertThat(outcome.rows()).isEqualTo(7);
      assertThat(outcome.merged()).isEqualTo(1);
      assertThat(outcome.inserted()).isEqualTo(3);
      assertThat(outcome.updated() + outcome.unchanged()).isEqualTo(3);
      Map<String, ClkDefaulted> rows = new TreeMap<>();
      back.forEach(r -> rows.put(r.id(), r));
      assertThat(rows.keySet()).containsExactly("e1", "e2", "e3", "n1", "n2", "n3");
      rows.values().forEach(r -> assertThat(stored(h, r.id())).isEqualTo(r));
      assertThat(rows.get("e1")).isEqualTo(new ClkDefaulted("e1", "closed", T, "new"));
      assertThat(rows.get("e2")).isEqualTo(new ClkDefaulted("e2", "open", T, "new"));
      assertThat(rows.get("e3")).isEqualTo(new ClkDefaulted("e3", "closed", T, "same"));
      assertThat(rows.get("n1").status()).isEqualTo("active");
      assertThat(rows.get("n1").note()).isEqualTo("newer");
      assertThat(rows.get("n1").created()).isNotNull();
      assertThat(rows.get("n2").status()).isEqualTo("paused");
      assertThat(rows.get("n2").created()).isNotNull();
      assertThat(rows.get("n3")).isEqualTo(new ClkDefaulted("n3", "active", T, "new"));

      // a streamed chunk, and a row of one key given first with a value and then with a null
      ClkDefaultedUpserts.upsertAll(h, java.util.stream.Stream.of(new ClkDefaulted("s1", "x", null, "1"),
          new ClkDefaulted("s1", null, null, "2"), new ClkDefaulted("e1", null, T.plusSeconds(60), "3")));
      assertThat(stored(h, "s1").status()).isEqualTo("x");
      assertThat(stored(h, "s1").note()).isEqualTo("2");
      assertThat(stored(h, "e1")).isEqualTo(new ClkDefaulted("e1", "closed", T.plusSeconds(60), "3"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void coalesceOnANotNullColumnKeepsTheStoredValueOfAPartialUpdate(Database db) {
    try (Handle h = open(db)) {
      assertThat(ClkPartialUpserts.upsert(h, new ClkPartial("p", "Ann", 5, "x"))).isEqualTo(Outcome.INSERTED);
      // score is NOT NULL DEFAULT 0: a null keeps the stored value
      assertThat(ClkPartialUpserts.upsert(h, new ClkPartial("p", "Ann", null, "y"))).isEqualTo(Outcome.UPDATED);
      assertThat(ClkPartialUpserts.find(h, "p")).hasValue(new ClkPartial("p", "Ann", 5, "y"));
      assertThat(ClkPartialUpserts.upsertReturning(h, new ClkPartial("p", "Ann B", null, "z")))
          .isEqualTo(new ClkPartial("p", "Ann B", 5, "z"));
      assertThat(ClkPartialUpserts.upsertReturning(h, new ClkPartial("p", "Ann B", 6, "z")))
          .isEqualTo(new ClkPartial("p", "Ann B", 6, "z"));
      // a new row takes the default
      assertThat(ClkPartialUpserts.upsertReturning(h, new ClkPartial("r", "Rae", null, null)))
          .isEqualTo(new ClkPartial("r", "Rae", 0, null));
      // a new row without name, NOT NULL without a default, fails as the database does
      assertThrows(RuntimeException.class, () -> ClkPartialUpserts.upsert(h, new ClkPartial("q", null, 3, "z")));
      assertThat(ClkPartialUpserts.find(h, "q")).isEmpty();

      BatchOutcome outcome = ClkPartialUpserts.upsertAll(h, List.of(new ClkPartial("p", "Ann B", 7, "bulk"),
          new ClkPartial("r", "Rae", null, "bulk"), new ClkPartial("s", "Sam", null, "bulk"), new ClkPartial("t", "Tim", 2, "bulk")));
      assertThat(outcome.inserted()).isEqualTo(2);
      assertThat(outcome.updated()).isEqualTo(2);
      assertThat(ClkPartialUpserts.find(h, "p")).hasValue(new ClkPartial("p", "Ann B", 7, "bulk"));
      assertThat(ClkPartialUpserts.find(h, "r")).hasValue(new ClkPartial("r", "Rae", 0, "bulk"));
      assertThat(ClkPartialUpserts.find(h, "s")).hasValue(new ClkPartial("s", "Sam", 0, "bulk"));
      assertThat(ClkPartialUpserts.find(h, "t")).hasValue(new ClkPartial("t", "Tim", 2, "bulk"));
      assertThrows(RuntimeException.class, () -> ClkPartialUpserts.upsertAll(h, List.of(new ClkPartial("u", null, 1, "bulk"))));
      assertThat(ClkPartialUpserts.find(h, "u")).isEmpty();
    }
  }
}
