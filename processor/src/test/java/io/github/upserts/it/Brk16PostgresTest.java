package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Key;
import io.github.upserts.MergeWith;
import io.github.upserts.Outcome;
import io.github.upserts.Upsertable;
import io.github.upserts.Version;
import io.github.upserts.it.TestDatabases.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue #16's rules on PostgreSQL's own tables: jsonb expressions, a partial conflict index (tables b16_*). */
class Brk16PostgresTest {

  @Upsertable(table = "b16_attrs")
  record Attrs(@Key String id, @MergeWith("{stored} || {incoming}") String attrs) {}

  @Upsertable(table = "b16_soft", conflictIndex = "b16_soft_live", updateWhen = "{incoming.n} >= 0")
  record Soft(@Key String email, @MergeWith("{stored} + {incoming}") Long n, @Version int version) {}

  /** jsonb || jsonb merges objects, single-row and in bulk rounds. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void jsonbConcatenation(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS b16_attrs");
      h.execute("CREATE TABLE b16_attrs (id text PRIMARY KEY, attrs jsonb)");
      Brk16PostgresTest_AttrsUpserts.upsert(h, new Attrs("a", "{\"x\": 1}"));
      Brk16PostgresTest_AttrsUpserts.upsert(h, new Attrs("a", "{\"y\": 2}"));
      Brk16PostgresTest_AttrsUpserts.upsertAll(h, List.of(new Attrs("a", "{\"z\": 3}"), new Attrs("a", "{\"x\": 4}")));
      assertThat(h.createQuery("SELECT attrs::text FROM b16_attrs WHERE id = 'a'").mapTo(String.class).one())
          .isEqualTo("{\"x\": 4, \"y\": 2, \"z\": 3}");
    }
  }

  /** A partial unique index as the conflict target, with an expression, a condition and a version. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void partialConflictIndexWithEveryRule(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS b16_soft");
      h.execute("CREATE TABLE b16_soft (id bigserial PRIMARY KEY, email text NOT NULL, n bigint, version int,"
          + " deleted_at timestamptz)");
      h.execute("CREATE UNIQUE INDEX b16_soft_live ON b16_soft (email) WHERE deleted_at IS NULL");
      h.execute("INSERT INTO b16_soft (email, n, version, deleted_at) VALUES ('a', 100, 9, now())");
      assertThat(Brk16PostgresTest_SoftUpserts.upsert(h, new Soft("a", 1L, 0))).isEqualTo(Outcome.INSERTED);
      assertThat(Brk16PostgresTest_SoftUpserts.upsert(h, new Soft("a", 2L, 1))).isEqualTo(Outcome.UPDATED);
      assertThat(Brk16PostgresTest_SoftUpserts.upsert(h, new Soft("a", -5L, 2))).isEqualTo(Outcome.SKIPPED);
      assertThat(Brk16PostgresTest_SoftUpserts.upsert(h, new Soft("a", 5L, 1))).isEqualTo(Outcome.STALE);
      BatchOutcome bulk = Brk16PostgresTest_SoftUpserts.upsertAll(h, List.of(
          new Soft("a", 10L, 2), new Soft("a", 10L, 2), new Soft("a", 10L, 3), new Soft("b", 1L, 0)));
      assertThat(bulk.updated()).isEqualTo(2);
      assertThat(bulk.stale()).isEqualTo(1);
      assertThat(bulk.inserted()).isEqualTo(1);
      assertThat(Brk16PostgresTest_SoftUpserts.find(h, "a")).hasValue(new Soft("a", 23L, 4));
      // the soft-deleted row is untouched
      assertThat(h.createQuery("SELECT n FROM b16_soft WHERE deleted_at IS NOT NULL").mapTo(Long.class).one()).isEqualTo(100L);
    }
  }
}
