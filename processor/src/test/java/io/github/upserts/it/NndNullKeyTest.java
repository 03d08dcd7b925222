package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserted;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A null key value where it is a real key, PostgreSQL 15+ {@code UNIQUE NULLS NOT DISTINCT}: every
 * method takes it and matches the row stored with it; on a unique index whose nulls are distinct
 * (every other database, and a plain PostgreSQL index) a null key is refused before any SQL.
 */
class NndNullKeyTest {

  private static long count(Handle h, String table) {
    return h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one();
  }

  private static void createPrefs(Handle h, String table) {
    h.execute("DROP TABLE IF EXISTS " + table);
    h.execute("CREATE TABLE " + table + " (user_id bigint, name text NOT NULL, value text, hits bigint NOT NULL DEFAULT 0,"
        + " CONSTRAINT " + table + "_key UNIQUE NULLS NOT DISTINCT (user_id, name))");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aNullKeyIsARealKeyWhereTheIndexHoldsNullsEqual(Database db) {
    try (Handle h = db.jdbi().open()) {
      createPrefs(h, "nnd_prefs");
      NndPrefUpserts.verifySchema(h);

      assertThat(NndPrefUpserts.upsert(h, new NndPref(null, "theme", "dark", 0))).isEqualTo(Outcome.INSERTED);
      assertThat(NndPrefUpserts.upsert(h, new NndPref(null, "theme", "light", 0))).isEqualTo(Outcome.UPDATED);
      assertThat(count(h, "nnd_prefs")).isEqualTo(1);
      assertThat(NndPrefUpserts.upsert(h, new NndPref(1L, "theme", "mine", 0))).isEqualTo(Outcome.INSERTED);
      assertThat(NndPrefUpserts.find(h, null, "theme")).hasValue(new NndPref(null, "theme", "light", 0));
      assertThat(NndPrefUpserts.find(h, 1L, "theme")).hasValue(new NndPref(1L, "theme", "mine", 0));
      assertThat(NndPrefUpserts.find(h, null, "absent")).isEmpty();

      assertThat(NndPrefUpserts.upsertReturning(h, new NndPref(null, "theme", "blue", 1)))
          .isEqualTo(new NndPref(null, "theme", "blue", 1));
      assertThat(NndPrefUpserts.upsertReturningOutcome(h, new NndPref(null, "theme", "green", 1)))
          .isEqualTo(new Upserted<>(new NndPref(null, "theme", "green", 2), Outcome.UPDATED));
      assertThat(NndPrefUpserts.upsertReturningOutcome(h, new NndPref(null, "lang", "en", 0)))
          .isEqualTo(new Upserted<>(new NndPref(null, "lang", "en", 0), Outcome.INSERTED));
      assertThat(NndPrefUpserts.insertIfAbsent(h, new NndPref(null, "theme", "ignored", 9))).isFalse();
      assertThat(NndPrefUpserts.getOrInsert(h, new NndPref(null, "theme", "ignored", 9)))
          .isEqualTo(new NndPref(null, "theme", "green", 2));
      assertThat(NndPrefUpserts.getOrInsertOutcome(h, new NndPref(null, "theme", "ignored", 9)))
          .isEqualTo(new Upserted<>(new NndPref(null, "theme", "green", 2), Outcome.UNCHANGED));
      assertThat(NndPrefUpserts.getOrInsertOutcome(h, new NndPref(null, "tz", "utc", 0)))
          .isEqualTo(new Upserted<>(new NndPref(null, "tz", "utc", 0), Outcome.INSERTED));
      assertThat(NndPrefUpserts.incrementHits(h, null, "theme", 5)).isEqualTo(7);
      assertThat(NndPrefUpserts.incrementHits(h, null, "counter", 2)).isEqualTo(2);
      assertThat(count(h, "nnd_prefs")).isEqualTo(5);

      // two rows with a null user id in one chunk are one key: merged, as if written one after another
      BatchOutcome outcome = NndPrefUpserts.upsertAll(h, List.of(new NndPref(null, "font", "serif", 1),
          new NndPref(2L, "font", "mono", 1), new NndPref(null, "font", "sans", 1), new NndPref(null, "theme", "red", 1)));
      assertThat(outcome.merged()).isEqualTo(1);
      assertThat(outcome.inserted()).isEqualTo(2);
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(NndPrefUpserts.find(h, null, "font")).hasValue(new NndPref(null, "font", "sans", 2));
      assertThat(NndPrefUpserts.find(h, null, "theme")).hasValue(new NndPref(null, "theme", "red", 8));

      List<NndPref> back = new ArrayList<>();
      outcome = NndPrefUpserts.upsertAllReturning(h, Stream.of(new NndPref(null, "font", "bold", 1),
          new NndPref(2L, "font", "mono", 1), new NndPref(null, "font", "thin", 1), new NndPref(null, "size", "12", 0)), back::add);
      assertThat(outcome.merged()).isEqualTo(1);
      assertThat(outcome.inserted()).isEqualTo(1);
      assertThat(outcome.updated()).isEqualTo(2);
      assertThat(back).containsExactly(new NndPref(2L, "font", "mono", 2), new NndPref(null, "font", "thin", 4),
          new NndPref(null, "size", "12", 0));

      outcome = NndPrefUpserts.incrementAll(h, List.of(new NndPref(null, "size", null, 3), new NndPref(null, "size", null, 4)));
      assertThat(outcome.merged()).isEqualTo(1);
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(NndPrefUpserts.find(h, null, "size")).hasValue(new NndPref(null, "size", "12", 7));
      assertThat(count(h, "nnd_prefs")).isEqualTo(8);
      assertThat(count(h, "nnd_prefs WHERE user_id IS NULL")).isEqualTo(6);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void nullKeysOfACollectionLargerThanAChunkMergeInKeyOrder(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS nnd_tags");
      h.execute("CREATE TABLE nnd_tags (tag text UNIQUE NULLS NOT DISTINCT, hits bigint NOT NULL DEFAULT 0)");
      List<NndTag> rows = new ArrayList<>();
      rows.add(new NndTag(null, 1));
      for (int i = 0; i < 6_000; i++) {
        rows.add(new NndTag("t" + i, 1));
      }
      rows.add(new NndTag(null, 1));
      BatchOutcome outcome = NndTagUpserts.upsertAll(h, rows);
      assertThat(outcome.merged()).isEqualTo(1);
      assertThat(outcome.inserted()).isEqualTo(6_001);
      assertThat(NndTagUpserts.find(h, null)).hasValue(new NndTag(null, 2));
      assertThat(NndTagUpserts.incrementAll(h, Stream.of(new NndTag(null, 3), new NndTag("t1", 1), new NndTag(null, 4))).merged())
          .isEqualTo(1);
      assertThat(NndTagUpserts.incrementHits(h, null, 1)).isEqualTo(10);
      assertThat(count(h, "nnd_tags")).isEqualTo(6_001);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aNullKeyIsARealKeyInTheIndexConflictIndexNames(Database db) {
    try (Handle h = db.jdbi().open()) {
      createPrefs(h, "nnd_named_prefs");
      assertThat(NndNamedPrefUpserts.upsert(h, new NndNamedPref(null, "theme", "dark", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(NndNamedPrefUpserts.upsert(h, new NndNamedPref(null, "theme", "light", 1))).isEqualTo(Outcome.UPDATED);
      assertThat(NndNamedPrefUpserts.find(h, null, "theme")).hasValue(new NndNamedPref(null, "theme", "light", 2));
      assertThat(NndNamedPrefUpserts.incrementHits(h, null, "theme", 1)).isEqualTo(3);
      List<NndNamedPref> back = new ArrayList<>();
      BatchOutcome outcome = NndNamedPrefUpserts.upsertAllReturning(h, List.of(new NndNamedPref(null, "theme", "a", 1),
          new NndNamedPref(null, "theme", "b", 1)), back::add);
      assertThat(outcome.merged()).isEqualTo(1);
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(back).containsExactly(new NndNamedPref(null, "theme", "b", 5));
      assertThat(count(h, "nnd_named_prefs")).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aNullKeyIsRefusedBeforeAnySqlWhereTheIndexHoldsNullsDistinct(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS nnd_plain_prefs");
      h.execute("CREATE TABLE nnd_plain_prefs (user_id BIGINT, name VARCHAR(50) NOT NULL, setting VARCHAR(50),"
          + " hits BIGINT NOT NULL DEFAULT 0, CONSTRAINT nnd_plain_prefs_key UNIQUE (user_id, name))");
      AtomicInteger statements = new AtomicInteger();
      h.getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
        @Override
        public void logBeforeExecution(StatementContext context) {
          statements.incrementAndGet();
        }
      });
      NndPlainPref nullKey = new NndPlainPref(null, "theme", "dark", 1);
      Consumer<NndPlainPref> ignored = row -> {};
      List<Executable> calls = List.of(
          () -> NndPlainPrefUpserts.upsert(h, nullKey),
          () -> NndPlainPrefUpserts.upsertReturning(h, nullKey),
          () -> NndPlainPrefUpserts.upsertReturningOutcome(h, nullKey),
          () -> NndPlainPrefUpserts.insertIfAbsent(h, nullKey),
          () -> NndPlainPrefUpserts.getOrInsert(h, nullKey),
          () -> NndPlainPrefUpserts.getOrInsertOutcome(h, nullKey),
          () -> NndPlainPrefUpserts.find(h, null, "theme"),
          () -> NndPlainPrefUpserts.incrementHits(h, null, "theme", 1));
      // at first use: PostgreSQL reads the catalog to tell, every other database refuses at once
      assertNullKeyRefused(calls.get(0));
      if (db.kind() != Kind.POSTGRES) {
        assertThat(statements.get()).isEqualTo(0);
      }
      assertThat(count(h, "nnd_plain_prefs")).isEqualTo(0);
      assertThat(NndPlainPrefUpserts.upsert(h, new NndPlainPref(1L, "warm", "up", 0))).isEqualTo(Outcome.INSERTED);
      // bulk increments have statements of their own, rendered (the catalog read) at their first use
      assertThat(NndPlainPrefUpserts.incrementAll(h, List.of(new NndPlainPref(1L, "warm", null, 1))).updated()).isEqualTo(1);
      statements.set(0);
      for (Executable call : calls) {
        assertNullKeyRefused(call);
      }
      assertNullKeyRefused(() -> NndPlainPrefUpserts.upsertAll(h, List.of(new NndPlainPref(1L, "a", "x", 1), nullKey)));
      assertNullKeyRefused(() -> NndPlainPrefUpserts.upsertAllReturning(h, Stream.of(nullKey), ignored));
      assertNullKeyRefused(() -> NndPlainPrefUpserts.incrementAll(h, List.of(nullKey)));
      assertThat(statements.get()).isEqualTo(0);
      h.getConfig(SqlStatements.class).setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
      assertThat(count(h, "nnd_plain_prefs")).isEqualTo(1);
    }
  }

  private static void assertNullKeyRefused(Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertThat(e).hasMessageThat().startsWith("NndPlainPref.userId is a @Key and must not be null");
  }
}
