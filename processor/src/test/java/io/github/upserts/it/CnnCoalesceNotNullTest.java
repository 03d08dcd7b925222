package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserted;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A null in a {@code @Coalesce} column that is {@code NOT NULL} without a default keeps an existing
 * row's value, by every single-row and bulk method, on every database (the proposed insert row
 * takes the stored value of the row with its key); a new row with that null fails with the
 * database's NOT NULL error and writes nothing.
 */
class CnnCoalesceNotNullTest {
  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    h.execute("DROP TABLE IF EXISTS cnn_people");
    h.execute("CREATE TABLE cnn_people (id VARCHAR(20) PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(50))");
    return h;
  }

  private static CnnPerson stored(Handle h, String id) {
    return CnnPersonUpserts.find(h, id).orElseThrow();
  }

  /** The write fails with the database's NOT NULL error on {@code name}. */
  private static void failsOnNotNull(Executable write) {
    RuntimeException e = assertThrows(RuntimeException.class, write);
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    String text = messages.toString().toLowerCase(Locale.ROOT);
    assertThat(text).contains("name");
    assertThat(text).contains("null");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aNullKeepsTheStoredValueOfAnExistingRow(Database db) {
    try (Handle h = open(db)) {
      assertThat(CnnPersonUpserts.upsert(h, new CnnPerson("a", "Ann", "a@x"))).isEqualTo(Outcome.INSERTED);

      assertThat(CnnPersonUpserts.upsert(h, new CnnPerson("a", null, "new@x"))).isEqualTo(Outcome.UPDATED);
      assertThat(stored(h, "a")).isEqualTo(new CnnPerson("a", "Ann", "new@x"));

      assertThat(CnnPersonUpserts.upsertReturning(h, new CnnPerson("a", null, "r@x")))
          .isEqualTo(new CnnPerson("a", "Ann", "r@x"));
      Upserted<CnnPerson> outcome = CnnPersonUpserts.upsertReturningOutcome(h, new CnnPerson("a", null, "o@x"));
      assertThat(outcome.row()).isEqualTo(new CnnPerson("a", "Ann", "o@x"));
      assertThat(outcome.outcome()).isEqualTo(Outcome.UPDATED);

      assertThat(CnnPersonUpserts.insertIfAbsent(h, new CnnPerson("a", null, "ignored@x"))).isFalse();
      assertThat(stored(h, "a")).isEqualTo(new CnnPerson("a", "Ann", "o@x"));
      assertThat(CnnPersonUpserts.getOrInsert(h, new CnnPerson("a", null, "ignored@x")))
          .isEqualTo(new CnnPerson("a", "Ann", "o@x"));
      Upserted<CnnPerson> got = CnnPersonUpserts.getOrInsertOutcome(h, new CnnPerson("a", null, "ignored@x"));
      assertThat(got.row()).isEqualTo(new CnnPerson("a", "Ann", "o@x"));
      assertThat(got.outcome()).isEqualTo(Outcome.UNCHANGED);

      // a value still overwrites, and is then kept by the next null
      assertThat(CnnPersonUpserts.upsertReturning(h, new CnnPerson("a", "Ann B", null)))
          .isEqualTo(new CnnPerson("a", "Ann B", null));
      assertThat(CnnPersonUpserts.upsertReturning(h, new CnnPerson("a", null, "b@x")))
          .isEqualTo(new CnnPerson("a", "Ann B", "b@x"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aNewRowWithANullFailsWithTheNotNullError(Database db) {
    try (Handle h = open(db)) {
      CnnPersonUpserts.upsert(h, new CnnPerson("a", "Ann", "a@x"));
      CnnPerson fresh = new CnnPerson("q", null, "q@x");
      failsOnNotNull(() -> CnnPersonUpserts.upsert(h, fresh));
      failsOnNotNull(() -> CnnPersonUpserts.upsertReturning(h, fresh));
      failsOnNotNull(() -> CnnPersonUpserts.upsertReturningOutcome(h, fresh));
      failsOnNotNull(() -> CnnPersonUpserts.insertIfAbsent(h, fresh));
      failsOnNotNull(() -> CnnPersonUpserts.getOrInsert(h, fresh));
      failsOnNotNull(() -> CnnPersonUpserts.getOrInsertOutcome(h, fresh));
      assertThat(CnnPersonUpserts.find(h, "q")).isEmpty();
      assertThat(stored(h, "a")).isEqualTo(new CnnPerson("a", "Ann", "a@x"));

      // in bulk the whole call fails: the other rows of the chunk are not written either
      failsOnNotNull(() -> CnnPersonUpserts.upsertAll(h, List.of(new CnnPerson("a", null, "bulk@x"),
          new CnnPerson("n", "Ned", "n@x"), fresh)));
      failsOnNotNull(() -> CnnPersonUpserts.upsertAllReturning(h, List.of(new CnnPerson("a", null, "bulk@x"), fresh),
          row -> {}));
      assertThat(CnnPersonUpserts.find(h, "q")).isEmpty();
      assertThat(CnnPersonUpserts.find(h, "n")).isEmpty();
      assertThat(stored(h, "a")).isEqualTo(new CnnPerson("a", "Ann", "a@x"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aBulkChunkMixingNullsForExistingRowsWithNewRows(Database db) {
    try (Handle h = open(db)) {
      CnnPersonUpserts.upsert(h, new CnnPerson("e1", "Eve", "old"));
      CnnPersonUpserts.upsert(h, new CnnPerson("e2", "Eli", "old"));
      CnnPersonUpserts.upsert(h, new CnnPerson("e3", "Ezra", "old"));
      BatchOutcome outcome = CnnPersonUpserts.upsertAll(h, List.of(
          new CnnPerson("n1", "Nia", "new"),
          new CnnPerson("e1", null, "new"),
          new CnnPerson("e2", "Elias", "new"),
          new CnnPerson("n2", "Noa", null),
          new CnnPerson("e3", null, null)));
      assertThat(outcome.rows()).isEqualTo(5);
      assertThat(outcome.inserted()).isEqualTo(2);
      assertThat(outcome.updated()).isEqualTo(3);
      assertThat(stored(h, "e1")).isEqualTo(new CnnPerson("e1", "Eve", "new"));
      assertThat(stored(h, "e2")).isEqualTo(new CnnPerson("e2", "Elias", "new"));
      assertThat(stored(h, "e3")).isEqualTo(new CnnPerson("e3", "Ezra", null));
      assertThat(stored(h, "n1")).isEqualTo(new CnnPerson("n1", "Nia", "new"));
      assertThat(stored(h, "n2")).isEqualTo(new CnnPerson("n2", "Noa", null));

      List<CnnPerson> back = new ArrayList<>();
      outcome = CnnPersonUpserts.upsertAllReturning(h, List.of(
          new CnnPerson("e1", null, "again"),
          new CnnPerson("n3", "Nina", "again"),
          new CnnPerson("n1", null, "again"),
          // one key given first with a value, then with a null: merged to the value
          new CnnPerson("n4", "Nat", "1"),
          new CnnPerson("n4", null, "2")), back::add);
      assertThat(outcome.rows()).isEqualTo(5);
      assertThat(outcome.merged()).isEqualTo(1);
      assertThat(outcome.inserted()).isEqualTo(2);
      assertThat(outcome.updated()).isEqualTo(2);
      Map<String, CnnPerson> rows = new TreeMap<>();
      back.forEach(r -> rows.put(r.id(), r));
      assertThat(rows).containsExactly(
          "e1", new CnnPerson("e1", "Eve", "again"),
          "n1", new CnnPerson("n1", "Nia", "again"),
          "n3", new CnnPerson("n3", "Nina", "again"),
          "n4", new CnnPerson("n4", "Nat", "2"));
      rows.values().forEach(r -> assertThat(stored(h, r.id())).isEqualTo(r));

      // a stream, written as it is read
      outcome = CnnPersonUpserts.upsertAll(h, Stream.of(new CnnPerson("e2", null, "streamed"), new CnnPerson("n5", "Nell", "streamed")));
      assertThat(outcome.inserted()).isEqualTo(1);
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(stored(h, "e2")).isEqualTo(new CnnPerson("e2", "Elias", "streamed"));
      assertThat(stored(h, "n5")).isEqualTo(new CnnPerson("n5", "Nell", "streamed"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aKeyOfTwoColumnsAndTwoSuchColumnsSingleRowAndInMultiRowValues(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS cnn_grants");
      h.execute("CREATE TABLE cnn_grants (tenant VARCHAR(20) NOT NULL, id VARCHAR(20) NOT NULL, name VARCHAR(50) NOT NULL,"
          + " scope VARCHAR(50) NOT NULL, level VARCHAR(10), PRIMARY KEY (tenant, id))");
      CnnGrantUpserts.upsert(h, new CnnGrant("t1", "g", "Gus", "all", CnnGrant.Level.READ));
      CnnGrantUpserts.upsert(h, new CnnGrant("t2", "g", "Gil", "own", CnnGrant.Level.READ));
      // each combination of nulls: its own statement
      assertThat(CnnGrantUpserts.upsertReturning(h, new CnnGrant("t1", "g", null, "some", CnnGrant.Level.WRITE)))
          .isEqualTo(new CnnGrant("t1", "g", "Gus", "some", CnnGrant.Level.WRITE));
      assertThat(CnnGrantUpserts.upsert(h, new CnnGrant("t1", "g", null, null, CnnGrant.Level.READ))).isEqualTo(Outcome.UPDATED);
      assertThat(CnnGrantUpserts.find(h, "t1", "g")).hasValue(new CnnGrant("t1", "g", "Gus", "some", CnnGrant.Level.READ));
      assertThat(CnnGrantUpserts.find(h, "t2", "g")).hasValue(new CnnGrant("t2", "g", "Gil", "own", CnnGrant.Level.READ));
      failsOnNotNull(() -> CnnGrantUpserts.upsert(h, new CnnGrant("t3", "g", null, "x", CnnGrant.Level.READ)));

      BatchOutcome outcome = CnnGrantUpserts.upsertAll(h, List.of(
          new CnnGrant("t1", "g", null, null, CnnGrant.Level.WRITE),
          new CnnGrant("t2", "g", "Gilda", null, CnnGrant.Level.WRITE),
          new CnnGrant("t3", "g", "Gwen", "all", null),
          new CnnGrant("t3", "h", "Hal", "all", CnnGrant.Level.READ)));
      assertThat(outcome.inserted()).isEqualTo(2);
      assertThat(outcome.updated()).isEqualTo(2);
      assertThat(CnnGrantUpserts.find(h, "t1", "g")).hasValue(new CnnGrant("t1", "g", "Gus", "some", CnnGrant.Level.WRITE));
      assertThat(CnnGrantUpserts.find(h, "t2", "g")).hasValue(new CnnGrant("t2", "g", "Gilda", "own", CnnGrant.Level.WRITE));
      assertThat(CnnGrantUpserts.find(h, "t3", "g")).hasValue(new CnnGrant("t3", "g", "Gwen", "all", null));
      failsOnNotNull(() -> CnnGrantUpserts.upsertAll(h, List.of(new CnnGrant("t1", "g", null, null, null),
          new CnnGrant("t4", "g", "Gia", null, null))));
      assertThat(CnnGrantUpserts.find(h, "t1", "g")).hasValue(new CnnGrant("t1", "g", "Gus", "some", CnnGrant.Level.WRITE));
      assertThat(CnnGrantUpserts.find(h, "t4", "g")).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void theStoredValueIsTheOneOfTheRowTheConflictIndexFinds(Database db) {
    assumeTrue(db.kind() == Kind.POSTGRES || db.kind() == Kind.SQLITE, "partial indexes: PostgreSQL and SQLite");
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS cnn_members");
      h.execute("CREATE TABLE cnn_members (email VARCHAR(50) NOT NULL, name VARCHAR(50) NOT NULL, city VARCHAR(30),"
          + " deleted_at VARCHAR(30))");
      h.execute("CREATE UNIQUE INDEX cnn_members_live_email ON cnn_members (email) WHERE deleted_at IS NULL");
      h.execute("INSERT INTO cnn_members (email, name, city, deleted_at) VALUES ('ann@x', 'Old Ann', 'Rome', '2020-01-01'),"
          + " ('ann@x', 'Ann', 'Oslo', NULL), ('bob@x', 'Old Bob', 'Rome', '2020-01-01')");

      assertThat(CnnMemberUpserts.upsertReturning(h, new CnnMember("ann@x", null, "Paris")))
          .isEqualTo(new CnnMember("ann@x", "Ann", "Paris"));
      assertThat(CnnMemberUpserts.getOrInsert(h, new CnnMember("ann@x", null, "ignored")))
          .isEqualTo(new CnnMember("ann@x", "Ann", "Paris"));
      // only a soft-deleted row has the key: a new live row, which needs a name
      failsOnNotNull(() -> CnnMemberUpserts.upsert(h, new CnnMember("bob@x", null, "Paris")));
      failsOnNotNull(() -> CnnMemberUpserts.upsertAll(h, List.of(new CnnMember("ann@x", null, "Lima"),
          new CnnMember("bob@x", null, "Lima"))));
      assertThat(CnnMemberUpserts.upsertAll(h, List.of(new CnnMember("ann@x", null, "Lima"),
          new CnnMember("bob@x", "Bob", "Lima"))).inserted()).isEqualTo(1);
      assertThat(h.createQuery("SELECT name || ' ' || city || ' ' || COALESCE(deleted_at, 'live') FROM cnn_members"
          + " ORDER BY email, COALESCE(deleted_at, 'live')").mapTo(String.class).list())
          .containsExactly("Old Ann Rome 2020-01-01", "Ann Lima live", "Old Bob Rome 2020-01-01",
              "Bob Lima live").inOrder();
    }
  }

  /**
   * A row deleted by a transaction that commits while the write waits is not inserted again with
   * its former name: the subquery locks the row it reads, waits, and then finds none. The control
   * runs the same statement without the lock, and inserts the deleted row's name again.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aRowDeletedConcurrentlyIsNeverInsertedAgainWithItsFormerValue(Database db) throws Exception {
    // MariaDB's insert reads its own table with a locking read even without FOR UPDATE: no control fails there
    assumeTrue(db.kind() == Kind.POSTGRES, "the unlocked subquery reads a snapshot: PostgreSQL");
    String unlocked = "INSERT INTO cnn_people AS t (id, email, name) VALUES ('a', 'x@x', (SELECT name FROM cnn_people WHERE id = 'a'))"
        + " ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email";
    // control: without the lock, the deleted row comes back
    assertThat(deletedWhileWriting(db, h -> h.execute(unlocked))).isEqualTo("Ann");
    assertThat(deletedWhileWriting(db, h -> failsOnNotNull(() -> CnnPersonUpserts.upsert(h, new CnnPerson("a", null, "x@x")))))
        .isNull();
  }

  /** Runs {@code write} while another transaction deletes row a, then commits; the name row a has after. */
  private static String deletedWhileWriting(Database db, Consumer<Handle> write) throws Exception {
    try (Handle deleter = open(db); Handle writer = db.jdbi().open()) {
      CnnPersonUpserts.upsert(deleter, new CnnPerson("a", "Ann", "a@x"));
      deleter.begin();
      deleter.execute("DELETE FROM cnn_people WHERE id = 'a'");
      CompletableFuture<Void> written = CompletableFuture.runAsync(() -> write.accept(writer));
      Thread.sleep(500);
      assertThat(written.isDone()).isFalse();
      deleter.commit();
      written.get(30, TimeUnit.SECONDS);
      return CnnPersonUpserts.find(deleter, "a").map(CnnPerson::name).orElse(null);
    }
  }
}
