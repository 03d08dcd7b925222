package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row whose key is new but which collides on another unique index of the table must fail like
 * a unique violation and leave the other row untouched, on every database and through every
 * write method. PostgreSQL's and SQLite's {@code ON CONFLICT (key)} and H2's {@code MERGE ... ON
 * (key)} raise the database's own error; MariaDB's {@code ON DUPLICATE KEY UPDATE} fires on every
 * unique index, so its dialect tells the collision from its mark and raises an error that reads
 * like MariaDB's duplicate-key error (SQLState 23000, error 1062).
 */
class UniqCollisionTest {

  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    h.execute("DROP TABLE IF EXISTS uniq_members");
    h.execute("CREATE TABLE uniq_members (id BIGINT NOT NULL PRIMARY KEY,"
        + " email VARCHAR(50) NOT NULL DEFAULT 'none', name VARCHAR(50),"
        + " visits BIGINT NOT NULL DEFAULT 0, UNIQUE (email))");
    return h;
  }

  /** Each stored row's email, name and visits, by id. */
  private static Map<Long, List<Object>> rows(Handle h) {
    return h.createQuery("SELECT id, email, name, visits FROM uniq_members")
        .reduceRows(new java.util.TreeMap<Long, List<Object>>(), (map, row) -> {
          map.put(row.getColumn("id", Long.class), java.util.Arrays.asList(row.getColumn("email", String.class),
              row.getColumn("name", String.class), row.getColumn("visits", Long.class)));
          return map;
        });
  }

  /** The call fails with a unique violation (the database's own, or on MariaDB one that reads like it). */
  private static UnableToExecuteStatementException collides(Database db, Executable call) {
    UnableToExecuteStatementException e = assertThrows(UnableToExecuteStatementException.class, call);
    assertThat(e).hasCauseThat().isInstanceOf(SQLException.class);
    SQLException cause = (SQLException) e.getCause();
    switch (db.kind()) {
      case POSTGRES, H2 -> assertThat(cause.getSQLState()).isEqualTo("23505");
      case SQLITE -> assertThat((Throwable) cause).hasMessageThat().contains("UNIQUE constraint failed");
      case MARIADB -> {
        assertThat((Throwable) cause).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat(cause.getSQLState()).isEqualTo("23000");
        assertThat(cause.getErrorCode()).isEqualTo(1062);
      }
    }
    return e;
  }

  /** On MariaDB, the error the dialect raises names the table and the key given. */
  private static void namesTheKey(Database db, UnableToExecuteStatementException e, String key) {
    if (db.kind() == Kind.MARIADB) {
      assertThat(e.getCause()).hasMessageThat().contains("uniq_members");
      assertThat(e.getCause()).hasMessageThat().contains("another unique index");
      assertThat(e.getCause()).hasMessageThat().contains(key);
      assertThat(e.getCause()).hasMessageThat().contains("nothing was written");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aRowCollidingOnAnotherUniqueIndexFailsAndLeavesThatRowUntouched(Database db) {
    try (Handle h = open(db)) {
      // another unique index is no mismatch: a collision there fails, as on every database
      UniqMemberUpserts.verifySchema(h);
      assertThat(UniqMemberUpserts.upsert(h, new UniqMember(1, "ann@x", "Ann", 0))).isEqualTo(Outcome.INSERTED);
      Map<Long, List<Object>> before = rows(h);
      UniqMember bob = new UniqMember(2, "ann@x", "Bob", 7);

      namesTheKey(db, collides(db, () -> UniqMemberUpserts.upsert(h, bob)), "id = 2");
      collides(db, () -> UniqMemberUpserts.upsertReturning(h, bob));
      collides(db, () -> UniqMemberUpserts.getOrInsert(h, bob));
      // an insert ignored because of another index is not "present"
      namesTheKey(db, collides(db, () -> UniqMemberUpserts.insertIfAbsent(h, bob)), "id = 2");
      assertThat(rows(h)).isEqualTo(before);

      // an increment inserts the key and the counter: email takes its default, 'none'
      assertThat(UniqMemberUpserts.incrementVisits(h, 3, 1)).isEqualTo(1);
      before = rows(h);
      namesTheKey(db, collides(db, () -> UniqMemberUpserts.incrementVisits(h, 4, 5)), "id = 4");
      assertThat(rows(h)).isEqualTo(before);

      // bulk: the call fails whole, nothing written, the colliding key merged in the batch first
      namesTheKey(db, collides(db, () -> UniqMemberUpserts.upsertAll(h, List.of(new UniqMember(5, "e@x", "E", 1),
          bob, new UniqMember(5, "e@x", "E2", 1)))), "id = 2");
      // two new keys of one batch colliding with each other
      collides(db, () -> UniqMemberUpserts.upsertAll(h, List.of(
          new UniqMember(6, "z@x", "Z", 1), new UniqMember(7, "z@x", "Z", 1))));
      collides(db, () -> UniqMemberUpserts.incrementAll(h, List.of(
          new UniqMember(3, null, null, 2), new UniqMember(4, null, null, 1))));
      assertThat(rows(h)).isEqualTo(before);
      // inside the caller's transaction the call is undone alone
      h.useTransaction(t -> {
        UniqMemberUpserts.upsert(t, new UniqMember(8, "h@x", "H", 0));
        collides(db, () -> UniqMemberUpserts.upsertAll(t, List.of(new UniqMember(9, "i@x", "I", 1), bob)));
        assertThat(UniqMemberUpserts.find(t, 9)).isEmpty();
      });
      assertThat(UniqMemberUpserts.find(h, 8).orElseThrow().name()).isEqualTo("H");

      // the key's own row is still upserted, and its update may not take another row's email
      assertThat(UniqMemberUpserts.upsert(h, new UniqMember(1, "ann@x", "Ann2", 0))).isEqualTo(Outcome.UPDATED);
      assertThat(UniqMemberUpserts.upsert(h, new UniqMember(2, "bob@x", "Bob", 0))).isEqualTo(Outcome.INSERTED);
      assertThat(UniqMemberUpserts.insertIfAbsent(h, new UniqMember(1, "ann@x", "Ann3", 0))).isFalse();
      assertThat(UniqMemberUpserts.getOrInsert(h, new UniqMember(2, "ann@x", "Bob2", 0)).name()).isEqualTo("Bob");
      // (H2 leaves a failed OLD/FINAL TABLE query's update in place: a retry would then succeed)
      UniqMember taking = new UniqMember(2, "ann@x", "Bob3", 0);
      collides(db, () -> UniqMemberUpserts.upsert(h, taking));
      collides(db, () -> UniqMemberUpserts.upsertReturning(h, taking));
      collides(db, () -> UniqMemberUpserts.upsertAll(h, List.of(taking)));
      h.useTransaction(t -> collides(db, () -> UniqMemberUpserts.upsert(t, taking)));
      assertThat(UniqMemberUpserts.find(h, 2).orElseThrow()).isEqualTo(new UniqMember(2, "bob@x", "Bob", 0));
      assertThat(UniqMemberUpserts.find(h, 1).orElseThrow()).isEqualTo(new UniqMember(1, "ann@x", "Ann2", 0));
    }
  }

  /**
   * MariaDB: an {@code AUTO_INCREMENT} id taken by an inserted row replaces a batch's count in
   * {@code LAST_INSERT_ID()}, but not the one in the dialect's user variable: the chunk's outcome
   * stays exact, and a collision in it is found all the same.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void aCollisionInABatchThatTookAnAutoIncrementIdFailsToo(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS uniq_codes");
      h.execute("CREATE TABLE uniq_codes (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) NOT NULL,"
          + " label VARCHAR(20), UNIQUE (code), UNIQUE (label))");
      UniqCodeUpserts.verifySchema(h);
      assertThat(UniqCodeUpserts.upsertAll(h, List.of(new UniqCode("a", "x")))).isEqualTo(new BatchOutcome(1, 0, 1, 0, 0, 0, true));
      UnableToExecuteStatementException e = collides(db, () -> UniqCodeUpserts.upsertAll(h,
          List.of(new UniqCode("b", "x"), new UniqCode("c", "y"))));
      assertThat(e.getCause()).hasMessageThat().contains("code = b");
      assertThat(h.createQuery("SELECT code FROM uniq_codes ORDER BY code").mapTo(String.class).list())
          .containsExactly("a");
      assertThat(UniqCodeUpserts.upsertAll(h, List.of(new UniqCode("a", "z"), new UniqCode("c", "y"))))
          .isEqualTo(new BatchOutcome(2, 0, 1, 1, 0, 0, true));
      assertThat(UniqCodeUpserts.find(h, "a").orElseThrow().label()).isEqualTo("z");
    }
  }
}
