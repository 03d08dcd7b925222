package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.it.TestDatabases.Database;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A key without a plain, non-deferrable unique index on exactly its columns is refused with a
 * {@link SchemaMismatchException} before anything is written, by every write method (bulk
 * included) and by {@code verifySchema}, on every database.
 */
class UniqKeyIndexTest {

  /** Every write method of UniqLoose's DAO. */
  private static List<Executable> looseWrites(Handle h) {
    UniqLoose row = new UniqLoose(1, "ann@x", 1);
    return List.of(
        () -> UniqLooseUpserts.upsert(h, row),
        () -> UniqLooseUpserts.upsertReturning(h, row),
        () -> UniqLooseUpserts.getOrInsert(h, row),
        () -> UniqLooseUpserts.insertIfAbsent(h, row),
        () -> UniqLooseUpserts.incrementVisits(h, 1, 1),
        () -> UniqLooseUpserts.upsertAll(h, List.of(row)),
        () -> UniqLooseUpserts.incrementAll(h, List.of(row)),
        () -> UniqLooseUpserts.verifySchema(h));
  }

  /** Each of {@code writes} (the last one verifySchema) is refused with the same fixes; nothing is written. */
  private static SchemaMismatchException everyWriteIsRefused(Handle h, String table, List<Executable> writes) {
    List<SchemaMismatchException> errors = new ArrayList<>();
    for (Executable write : writes) {
      errors.add(assertThrows(SchemaMismatchException.class, write));
    }
    assertThat(h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one()).isEqualTo(0);
    errors.forEach(e -> assertThat(e.fixes()).isEqualTo(errors.get(errors.size() - 1).fixes()));
    return errors.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aTableWithoutAUniqueIndexOnExactlyTheKeyIsRefusedByEveryWrite(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS uniq_loose");
      h.execute("CREATE TABLE uniq_loose (id BIGINT NOT NULL, email VARCHAR(50), visits BIGINT NOT NULL DEFAULT 0)");
      assertThat(everyWriteIsRefused(h, "uniq_loose", looseWrites(h))).hasMessageThat().contains("has no unique constraint or unique index on exactly (");
      // unique over the key and another column: the key alone may still repeat
      h.execute("DROP TABLE uniq_loose");
      h.execute("CREATE TABLE uniq_loose (id BIGINT NOT NULL, email VARCHAR(50), visits BIGINT NOT NULL DEFAULT 0,"
          + " UNIQUE (id, email))");
      SchemaMismatchException e = everyWriteIsRefused(h, "uniq_loose", looseWrites(h));
      assertThat(e.fixes()).hasSize(1);
      h.execute(e.fixes().get(0));
      UniqLooseUpserts.verifySchema(h);
      assertThat(UniqLooseUpserts.upsert(h, new UniqLoose(1, "ann@x", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(UniqLooseUpserts.upsertAll(h, List.of(new UniqLoose(1, "ann@x", 1))).updated()).isEqualTo(1);
      assertThat(UniqLooseUpserts.find(h, 1).orElseThrow().visits()).isEqualTo(2);
    }
  }

  /**
   * PostgreSQL's {@code ON CONFLICT} cannot use a deferrable key: every write and
   * {@code verifySchema} say so with the fix (PostgreSQL before 18 cannot {@code ALTER
   * CONSTRAINT} the deferrability of a primary key or unique constraint, so the fix drops and
   * adds it back).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void aDeferrableKeyIsRefusedByEveryWriteBeforeAnySql(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS uniq_deferred");
      h.execute("CREATE TABLE uniq_deferred (id BIGINT NOT NULL, email VARCHAR(50), visits BIGINT NOT NULL DEFAULT 0,"
          + " CONSTRAINT uniq_deferred_pkey PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED)");
      UniqDeferred row = new UniqDeferred(1, "ann@x", 1);
      SchemaMismatchException e = everyWriteIsRefused(h, "uniq_deferred", List.of(
          () -> UniqDeferredUpserts.upsert(h, row),
          () -> UniqDeferredUpserts.upsertReturning(h, row),
          () -> UniqDeferredUpserts.getOrInsert(h, row),
          () -> UniqDeferredUpserts.insertIfAbsent(h, row),
          () -> UniqDeferredUpserts.incrementVisits(h, 1, 1),
          () -> UniqDeferredUpserts.upsertAll(h, List.of(row)),
          () -> UniqDeferredUpserts.incrementAll(h, List.of(row)),
          () -> UniqDeferredUpserts.verifySchema(h)));
      assertThat(e.mismatches().get(0)).contains("uniq_deferred_pkey on the @Key columns (id) is DEFERRABLE");
      assertThat(e.fixes()).containsExactly("ALTER TABLE \"uniq_deferred\" DROP CONSTRAINT \"uniq_deferred_pkey\","
          + " ADD CONSTRAINT \"uniq_deferred_pkey\" PRIMARY KEY (\"id\")");
      e.fixes().forEach(h::execute);
      UniqDeferredUpserts.verifySchema(h);
      assertThat(UniqDeferredUpserts.upsert(h, row)).isEqualTo(Outcome.INSERTED);
      assertThat(UniqDeferredUpserts.upsert(h, new UniqDeferred(1, "bob@x", 1))).isEqualTo(Outcome.UPDATED);
    }
  }
}
