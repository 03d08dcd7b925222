package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserted;
import io.github.upserts.it.TestDatabases.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An id the database generates is never sent, and every method that returns a row returns it,
 * for the inserted and the existing row alike, on every database.
 */
class GeneratedIdTest {

  static String ddl(Database db) {
    return switch (db.kind()) {
      case POSTGRES -> "CREATE TABLE gen_users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
          + " email text NOT NULL UNIQUE, name text)";
      case SQLITE -> "CREATE TABLE gen_users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT)";
      case H2 -> "CREATE TABLE gen_users (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
          + " email VARCHAR(100) NOT NULL UNIQUE, name VARCHAR(100))";
      case MARIADB -> "CREATE TABLE gen_users (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
          + " email VARCHAR(100) NOT NULL UNIQUE, name VARCHAR(100))";
    };
  }

  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    h.execute("DROP TABLE IF EXISTS gen_users");
    h.execute(ddl(db));
    return h;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void upsertAndGetOrInsertReturnTheGeneratedIdOfTheNewAndTheExistingRow(Database db) {
    try (Handle h = open(db)) {
      GenUser ann = GenUserUpserts.upsertReturning(h, new GenUser(null, "ann@x", "Ann"));
      assertThat(ann.id()).isNotNull();
      assertThat(ann.name()).isEqualTo("Ann");
      GenUser again = GenUserUpserts.upsertReturning(h, new GenUser(null, "ann@x", "Ann B"));
      assertThat(again).isEqualTo(new GenUser(ann.id(), "ann@x", "Ann B"));
      assertThat(GenUserUpserts.getOrInsert(h, new GenUser(99L, "ann@x", "ignored"))).isEqualTo(again);
      GenUser bob = GenUserUpserts.getOrInsert(h, new GenUser(null, "bob@x", "Bob"));
      assertThat(bob.id()).isNotEqualTo(ann.id());
      assertThat(GenUserUpserts.find(h, "bob@x")).hasValue(bob);
      assertThat(GenUserUpserts.upsert(h, new GenUser(null, "bob@x", "Bobby"))).isEqualTo(Outcome.UPDATED);
      assertThat(GenUserUpserts.upsert(h, new GenUser(null, "cy@x", "Cy"))).isEqualTo(Outcome.INSERTED);
      assertThat(GenUserUpserts.insertIfAbsent(h, new GenUser(null, "cy@x", "Cy"))).isFalse();
      assertThat(h.createQuery("SELECT id FROM gen_users WHERE email = 'bob@x'").mapTo(Long.class).one()).isEqualTo(bob.id());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void theOutcomeComesWithTheRow(Database db) {
    try (Handle h = open(db)) {
      Upserted<GenUser> first = GenUserUpserts.upsertReturningOutcome(h, new GenUser(null, "ann@x", "Ann"));
      assertThat(first.outcome()).isEqualTo(Outcome.INSERTED);
      Upserted<GenUser> second = GenUserUpserts.upsertReturningOutcome(h, new GenUser(null, "ann@x", "Ann B"));
      assertThat(second).isEqualTo(new Upserted<>(new GenUser(first.row().id(), "ann@x", "Ann B"), Outcome.UPDATED));
      assertThat(GenUserUpserts.getOrInsertOutcome(h, new GenUser(null, "ann@x", "x")))
          .isEqualTo(new Upserted<>(second.row(), Outcome.UNCHANGED));
      Upserted<GenUser> bob = GenUserUpserts.getOrInsertOutcome(h, new GenUser(null, "bob@x", "Bob"));
      assertThat(bob.outcome()).isEqualTo(Outcome.INSERTED);
      assertThat(bob.row().id()).isNotNull();
    }
  }

  /** A bulk chunk that inserts into a table whose id the database numbers still counts exactly (MariaDB: in a user variable). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void bulkCountsAreExactWhenTheDatabaseNumbersTheInsertedRows(Database db) {
    try (Handle h = open(db)) {
      GenUserUpserts.upsert(h, new GenUser(null, "old@x", "Old"));
      BatchOutcome outcome = GenUserUpserts.upsertAll(h, List.of(new GenUser(null, "a@x", "A"), new GenUser(null, "old@x", "Older"),
          new GenUser(null, "b@x", "B"), new GenUser(null, "a@x", "A2")));
      assertThat(outcome).isEqualTo(new BatchOutcome(4, 1, 2, 1, 0, 0, true));
      BatchOutcome again = GenUserUpserts.upsertAll(h, List.of(new GenUser(null, "c@x", "C"), new GenUser(null, "b@x", "B2")));
      assertThat(again).isEqualTo(new BatchOutcome(2, 0, 1, 1, 0, 0, true));
      assertThat(GenUserUpserts.find(h, "a@x").orElseThrow().name()).isEqualTo("A2");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void upsertAllReturningHandsBackEveryStoredRowWithItsId(Database db) {
    try (Handle h = open(db)) {
      GenUserUpserts.upsert(h, new GenUser(null, "u00005@x", "old"));
      long existing = GenUserUpserts.find(h, "u00005@x").orElseThrow().id();
      List<GenUser> rows = IntStream.range(0, 12_000).mapToObj(i -> new GenUser(null, "u%05d@x".formatted(i % 11_000), "n" + i)).toList();
      List<GenUser> back = new ArrayList<>();
      BatchOutcome outcome = GenUserUpserts.upsertAllReturning(h, rows, back::add);
      assertThat(outcome.rows()).isEqualTo(12_000);
      // one row per key and chunk: a key met again in a later chunk comes back again, as written there
      java.util.Map<String, GenUser> last = new java.util.TreeMap<>();
      back.forEach(u -> last.put(u.email(), u));
      assertThat(last).hasSize(11_000);
      assertThat(last.values().stream().map(GenUser::id).distinct().count()).isEqualTo(11_000);
      assertThat(last.get("u00005@x")).isEqualTo(new GenUser(existing, "u00005@x", "n11005"));
      assertThat(last.get("u10999@x").name()).isEqualTo("n10999");
      for (GenUser u : last.values()) {
        assertThat(GenUserUpserts.find(h, u.email())).hasValue(u);
      }
      if (outcome.merged() == 1_000) {
        // the whole collection in key order: each key once, in key order
        assertThat(back).hasSize(11_000);
        assertThat(back.stream().map(GenUser::email).toList()).isInOrder();
      }
      List<GenUser> streamed = new ArrayList<>();
      GenUserUpserts.upsertAllReturning(h, rows.stream().limit(3), streamed::add);
      assertThat(streamed).containsExactly(new GenUser(last.get("u00000@x").id(), "u00000@x", "n0"),
          new GenUser(last.get("u00001@x").id(), "u00001@x", "n1"), new GenUser(last.get("u00002@x").id(), "u00002@x", "n2")).inOrder();
    }
  }
}
