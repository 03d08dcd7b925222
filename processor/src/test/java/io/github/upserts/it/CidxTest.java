package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Upsertable(conflictIndex)}: any unique index as the conflict target. PostgreSQL and
 * SQLite target a partial index or an index on expressions, and every read matches rows as the
 * index does; MariaDB/MySQL and H2 accept only the plain index on exactly the key, and refuse
 * any other at first use; a missing or non-unique one is refused everywhere, and reported by
 * {@code verifySchema}.
 */
class CidxTest {

  private static boolean targetsOneIndex(Database db) {
    return db.kind() == Kind.POSTGRES || db.kind() == Kind.SQLITE;
  }

  private static long count(Handle h, String table) {
    return h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aPartialIndexFindsTheLiveRowAndNeverTouchesASoftDeletedOne(Database db) {
    assumeTrue(targetsOneIndex(db), "partial indexes: PostgreSQL and SQLite");
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS cidx_members");
      h.execute("CREATE TABLE cidx_members (email VARCHAR(50) NOT NULL, name VARCHAR(50),"
          + " visits BIGINT NOT NULL DEFAULT 0, deleted_at VARCHAR(30))");
      h.execute("CREATE UNIQUE INDEX cidx_members_live_email ON cidx_members (email) WHERE deleted_at IS NULL");
      h.execute("INSERT INTO cidx_members (email, name, visits, deleted_at) VALUES"
          + " ('ann@x', 'gone', 100, '2020-01-01'), ('bob@x', 'gone', 100, '2020-01-01')");
      CidxMemberUpserts.verifySchema(h);

      assertThat(CidxMemberUpserts.find(h, "ann@x")).isEmpty();
      assertThat(CidxMemberUpserts.upsert(h, new CidxMember("ann@x", "Ann", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(CidxMemberUpserts.upsert(h, new CidxMember("ann@x", "Ann", 1))).isEqualTo(Outcome.UPDATED);
      assertThat(CidxMemberUpserts.upsertReturning(h, new CidxMember("ann@x", "Ann B", 1)))
          .isEqualTo(new CidxMember("ann@x", "Ann B", 3));
      assertThat(CidxMemberUpserts.find(h, "ann@x")).hasValue(new CidxMember("ann@x", "Ann B", 3));
      assertThat(CidxMemberUpserts.getOrInsert(h, new CidxMember("ann@x", "ignored", 7)))
          .isEqualTo(new CidxMember("ann@x", "Ann B", 3));
      assertThat(CidxMemberUpserts.insertIfAbsent(h, new CidxMember("ann@x", "ignored", 7))).isFalse();
      assertThat(CidxMemberUpserts.incrementVisits(h, "ann@x", 2)).isEqualTo(5);

      List<CidxMember> back = new ArrayList<>();
      BatchOutcome outcome = CidxMemberUpserts.upsertAllReturning(h,
          List.of(new CidxMember("ann@x", "Ann C", 1), new CidxMember("bob@x", "Bob", 1)), back::add);
      assertThat(outcome.inserted()).isEqualTo(1);
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(back).containsExactly(new CidxMember("ann@x", "Ann C", 6), new CidxMember("bob@x", "Bob", 1));
      assertThat(CidxMemberUpserts.upsertAll(h, List.of(new CidxMember("bob@x", "Bob", 1))).updated()).isEqualTo(1);
      assertThat(CidxMemberUpserts.getOrInsert(h, new CidxMember("cid@x", "Cid", 1))).isEqualTo(new CidxMember("cid@x", "Cid", 1));

      // the soft-deleted rows are as they were
      assertThat(h.createQuery("SELECT name || ':' || visits FROM cidx_members WHERE deleted_at IS NOT NULL ORDER BY email")
          .mapTo(String.class).list()).containsExactly("gone:100", "gone:100");
      assertThat(count(h, "cidx_members")).isEqualTo(5);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void anExpressionIndexMatchesKeysAsItsExpressionDoes(Database db) {
    assumeTrue(targetsOneIndex(db), "expression indexes as a conflict target: PostgreSQL and SQLite");
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS cidx_lower");
      h.execute("CREATE TABLE cidx_lower (email VARCHAR(50) NOT NULL, name VARCHAR(50), visits BIGINT NOT NULL DEFAULT 0)");
      h.execute("CREATE UNIQUE INDEX cidx_lower_email ON cidx_lower (lower(email))");
      CidxLowerUpserts.verifySchema(h);

      assertThat(CidxLowerUpserts.upsert(h, new CidxLower("Ann@X", "A", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(CidxLowerUpserts.upsert(h, new CidxLower("ann@x", "B", 1))).isEqualTo(Outcome.UPDATED);
      assertThat(count(h, "cidx_lower")).isEqualTo(1);
      // the key as first stored: a key column is never updated
      assertThat(CidxLowerUpserts.find(h, "ANN@x")).hasValue(new CidxLower("Ann@X", "B", 2));
      assertThat(CidxLowerUpserts.upsertReturning(h, new CidxLower("aNN@x", "C", 1))).isEqualTo(new CidxLower("Ann@X", "C", 3));
      assertThat(CidxLowerUpserts.getOrInsert(h, new CidxLower("ANN@X", "ignored", 9))).isEqualTo(new CidxLower("Ann@X", "C", 3));
      assertThat(CidxLowerUpserts.incrementVisits(h, "ann@X", 1)).isEqualTo(4);

      List<CidxLower> back = new ArrayList<>();
      BatchOutcome outcome = CidxLowerUpserts.upsertAllReturning(h,
          List.of(new CidxLower("ANN@x", "D", 1), new CidxLower("Bob@x", "Bob", 1)), back::add);
      assertThat(outcome.inserted()).isEqualTo(1);
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(back).containsExactly(new CidxLower("Ann@X", "D", 5), new CidxLower("Bob@x", "Bob", 1));
      assertThat(count(h, "cidx_lower")).isEqualTo(2);

      // keys the index holds equal are one key in a batch too: merged, as if written one after another
      back.clear();
      outcome = CidxLowerUpserts.upsertAllReturning(h, List.of(new CidxLower("Cid@x", "C1", 1),
          new CidxLower("bob@X", "Bob B", 1), new CidxLower("CID@X", "C2", 1)), back::add);
      assertThat(outcome.inserted()).isEqualTo(1);
      assertThat(back).containsExactly(new CidxLower("Bob@x", "Bob B", 2), new CidxLower("Cid@x", "C2", 2));
      assertThat(count(h, "cidx_lower")).isEqualTo(3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void withoutConflictIndexTheErrorNamesThePartialIndexAndSaysToSetIt(Database db) {
    assumeTrue(targetsOneIndex(db), "partial indexes: PostgreSQL and SQLite");
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS cidx_loose");
      h.execute("CREATE TABLE cidx_loose (email VARCHAR(50) NOT NULL, name VARCHAR(50), deleted_at VARCHAR(30))");
      h.execute("CREATE UNIQUE INDEX cidx_loose_live_email ON cidx_loose (email) WHERE deleted_at IS NULL");
      for (SchemaMismatchException e : List.of(
          assertThrows(SchemaMismatchException.class, () -> CidxLooseUpserts.upsert(h, new CidxLoose("ann@x", "Ann"))),
          assertThrows(SchemaMismatchException.class, () -> CidxLooseUpserts.verifySchema(h)))) {
        assertThat(e).hasMessageThat().contains("cidx_loose_live_email");
        assertThat(e).hasMessageThat().contains("@Upsertable(conflictIndex = \"cidx_loose_live_email\")");
        assertThat(e).hasMessageThat().doesNotContain("ADD UNIQUE");
        assertThat(e).hasMessageThat().doesNotContain("CREATE UNIQUE INDEX");
        assertThat(e.fixes()).isEmpty();
      }
      assertThat(count(h, "cidx_loose")).isEqualTo(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aConflictIndexOnExactlyTheKeyIsAcceptedEverywhere(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS cidx_plain");
      h.execute("CREATE TABLE cidx_plain (email VARCHAR(50) NOT NULL, name VARCHAR(50), visits BIGINT NOT NULL DEFAULT 0)");
      h.execute("CREATE UNIQUE INDEX cidx_plain_email ON cidx_plain (email)");
      CidxPlainUpserts.verifySchema(h);
      assertThat(CidxPlainUpserts.upsert(h, new CidxPlain("ann@x", "A", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(CidxPlainUpserts.upsert(h, new CidxPlain("ann@x", "B", 1))).isEqualTo(Outcome.UPDATED);
      assertThat(CidxPlainUpserts.find(h, "ann@x")).hasValue(new CidxPlain("ann@x", "B", 2));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aConflictIndexOnMoreThanTheKeyIsRefusedSayingWhatToChange(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS cidx_wide");
      h.execute("CREATE TABLE cidx_wide (email VARCHAR(50) NOT NULL, name VARCHAR(50) NOT NULL)");
      h.execute("CREATE UNIQUE INDEX cidx_wide_email_name ON cidx_wide (email, name)");
      for (SchemaMismatchException e : List.of(
          assertThrows(SchemaMismatchException.class, () -> CidxWideUpserts.upsert(h, new CidxWide("ann@x", "Ann"))),
          assertThrows(SchemaMismatchException.class, () -> CidxWideUpserts.upsertAll(h, List.of(new CidxWide("ann@x", "Ann")))),
          assertThrows(SchemaMismatchException.class, () -> CidxWideUpserts.verifySchema(h)))) {
        assertThat(e).hasMessageThat().containsMatch("(?i)cidx_wide_email_name");
        assertThat(e).hasMessageThat().contains(targetsOneIndex(db)
            ? "map [name] as @Key fields" : "cannot target one unique index");
      }
      assertThat(count(h, "cidx_wide")).isEqualTo(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aMissingOrNonUniqueConflictIndexIsRefusedAndReportedWithTheFix(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS cidx_missing");
      h.execute("CREATE TABLE cidx_missing (email VARCHAR(50) NOT NULL, name VARCHAR(50))");
      SchemaMismatchException missing = assertThrows(SchemaMismatchException.class, () -> CidxMissingUpserts.verifySchema(h));
      assertThat(missing).hasMessageThat().contains("names no unique index or unique constraint of the table");
      assertThat(assertThrows(SchemaMismatchException.class, () -> CidxMissingUpserts.upsert(h, new CidxMissing("ann@x", "Ann"))))
          .hasMessageThat().contains("cidx_missing_email does not exist, or is not unique");

      h.execute("CREATE INDEX cidx_missing_email ON cidx_missing (email)");
      SchemaMismatchException notUnique = assertThrows(SchemaMismatchException.class, () -> CidxMissingUpserts.verifySchema(h));
      assertThat(notUnique).hasMessageThat().contains("cidx_missing_email does not exist, or is not unique");
      assertThat(assertThrows(SchemaMismatchException.class, () -> CidxMissingUpserts.getOrInsert(h, new CidxMissing("ann@x", "Ann"))))
          .hasMessageThat().contains("cidx_missing_email does not exist, or is not unique");
      assertThat(count(h, "cidx_missing")).isEqualTo(0);

      h.execute(db.kind() == Kind.MARIADB ? "DROP INDEX cidx_missing_email ON cidx_missing" : "DROP INDEX cidx_missing_email");
      notUnique.fixes().forEach(h::execute);
      CidxMissingUpserts.verifySchema(h);
      assertThat(CidxMissingUpserts.upsert(h, new CidxMissing("ann@x", "Ann"))).isEqualTo(Outcome.INSERTED);
      assertThat(CidxMissingUpserts.upsert(h, new CidxMissing("ann@x", "Ann B"))).isEqualTo(Outcome.UPDATED);
    }
  }
}
