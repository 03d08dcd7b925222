package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.Upserts;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @DefaultIfNull} beside merge policies, in bulk with duplicate keys and every null
 * pattern: a bulk write must store what the rows written one after another store.
 */
class BrkDefaultsTest {

  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    String text = db.kind() == Kind.MARIADB || db.kind() == Kind.H2 ? "VARCHAR(100)" : "TEXT";
    h.execute("DROP TABLE IF EXISTS brk_member");
    h.execute("DROP TABLE IF EXISTS brk_nodef");
    h.execute("CREATE TABLE brk_member (email " + text + " NOT NULL PRIMARY KEY, status " + text
        + " NOT NULL DEFAULT 'active', visits BIGINT NOT NULL DEFAULT 10, level INTEGER NOT NULL DEFAULT 100)");
    h.execute("CREATE TABLE brk_nodef (email " + text + " NOT NULL PRIMARY KEY, status " + text + " NOT NULL)");
    return h;
  }

  /**
   * Rows written one after another: the first inserts the defaults (visits 10), the second, all
   * null, keeps the stored values. Bulk must store the same, not the merged null increments' 0.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void bulkTwoNullsOfOneNewKeyStoreTheDefaults(Database db) {
    try (Handle h = open(db)) {
      BrkMemberUpserts.upsertAll(h, List.of(new BrkMember("a", "gold", null, null), new BrkMember("a", null, null, null)));
      assertThat(BrkMemberUpserts.find(h, "a")).hasValue(new BrkMember("a", "gold", 10L, 100));
    }
  }

  /** Null (insert the defaults 10 and 100), then +5 and max 5: 15 and 100, as one after another. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void bulkNullThenIncrementOfOneNewKeyStartsFromTheDefault(Database db) {
    try (Handle h = open(db)) {
      // the control: one after another
      BrkMemberUpserts.upsert(h, new BrkMember("r", null, null, null));
      BrkMemberUpserts.upsert(h, new BrkMember("r", null, 5L, 5));
      assertThat(BrkMemberUpserts.find(h, "r")).hasValue(new BrkMember("r", "active", 15L, 100));

      BrkMemberUpserts.upsertAll(h, List.of(new BrkMember("b", null, null, null), new BrkMember("b", null, 5L, 5)));
      assertThat(BrkMemberUpserts.find(h, "b")).hasValue(new BrkMember("b", "active", 15L, 100));
    }
  }

  /** Every pattern of nulls over the three columns, new and existing keys, one chunk. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void bulkEveryNullPatternNewAndExisting(Database db) {
    try (Handle h = open(db)) {
      List<BrkMember> rows = new ArrayList<>();
      for (int p = 0; p < 8; p++) {
        BrkMemberUpserts.upsert(h, new BrkMember("e" + p, "old", 1L, 1));
        rows.add(row("e" + p, p));
        rows.add(row("n" + p, p));
      }
      BrkMemberUpserts.upsertAll(h, rows);
      for (int p = 0; p < 8; p++) {
        BrkMember given = row("x", p);
        assertWithMessage("new row, pattern %s", p).that(BrkMemberUpserts.find(h, "n" + p)).hasValue(new BrkMember("n" + p,
            given.status() == null ? "active" : given.status(), given.visits() == null ? 10L : given.visits(),
            given.level() == null ? 100 : given.level()));
        assertWithMessage("existing row, pattern %s", p).that(BrkMemberUpserts.find(h, "e" + p)).hasValue(new BrkMember("e" + p,
            given.status() == null ? "old" : given.status(), given.visits() == null ? 1L : 1L + given.visits(),
            given.level() == null ? 1 : Math.max(1, given.level())));
      }
      // single-row: a null increment on an existing row adds nothing (not the default)
      BrkMemberUpserts.upsert(h, new BrkMember("e0", null, null, null));
      assertThat(BrkMemberUpserts.find(h, "e0").orElseThrow().visits()).isEqualTo(1L);
    }
  }

  private static BrkMember row(String email, int pattern) {
    return new BrkMember(email, (pattern & 1) == 0 ? null : "s" + pattern, (pattern & 2) == 0 ? null : 7L,
        (pattern & 4) == 0 ? null : 50 + pattern);
  }

  /** With catalog reading off, a null still leaves the column to its default (or a clear error). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void withCatalogReadingOffANullStillTakesTheDefault(Database db) {
    try (Handle h = open(db)) {
      h.getConfig(Upserts.class).setCatalogReading(false);
      BrkMemberUpserts.upsert(h, new BrkMember("s", null, null, null));
      assertThat(BrkMemberUpserts.find(h, "s")).hasValue(new BrkMember("s", "active", 10L, 100));
      BrkMemberUpserts.upsertAll(h, List.of(new BrkMember("t", null, null, null), new BrkMember("u", "x", 2L, null)));
      assertThat(BrkMemberUpserts.find(h, "t")).hasValue(new BrkMember("t", "active", 10L, 100));
      assertThat(BrkMemberUpserts.find(h, "u")).hasValue(new BrkMember("u", "x", 2L, 100));
    }
  }

  /** A chunk split into one statement per null pattern is still atomic: the second failing writes nothing. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aFailingNullPatternStatementWritesNothing(Database db) {
    try (Handle h = open(db)) {
      assertThrows(RuntimeException.class, () -> BrkNoDefaultUpserts.upsertAll(h,
          List.of(new BrkNoDefault("a", "x"), new BrkNoDefault("b", null), new BrkNoDefault("c", "y"))));
      assertThat(h.createQuery("SELECT COUNT(*) FROM brk_nodef").mapTo(Long.class).one()).isEqualTo(0L);
    }
  }

  /** verifySchema reports a @DefaultIfNull column that is NOT NULL without a default, with the fix. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void verifySchemaReportsADefaultIfNullColumnWithoutADefault(Database db) {
    try (Handle h = open(db)) {
      Exception e = assertThrows(io.github.upserts.SchemaMismatchException.class, () -> BrkNoDefaultUpserts.verifySchema(h));
      assertThat(e).hasMessageThat().contains("status");
      assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("default");
      BrkMemberUpserts.verifySchema(h);
    }
  }

  /**
   * A write whose only differences are nulls that keep the stored value changes nothing, so
   * @UpdatedAt stays (the stored status 'gold' differs from the column default 'active').
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void nullsThatKeepTheStoredValueDoNotMoveUpdatedAt(Database db) throws InterruptedException {
    try (Handle h = open(db)) {
      String text = db.kind() == Kind.MARIADB || db.kind() == Kind.H2 ? "VARCHAR(100)" : "TEXT";
      String ts = switch (db.kind()) {
        case POSTGRES -> "timestamptz";
        case MARIADB -> "DATETIME(6)";
        case H2 -> "TIMESTAMP(9) WITH TIME ZONE";
        case SQLITE -> "TIMESTAMP";
      };
      h.execute("DROP TABLE IF EXISTS brk_profile");
      h.execute("CREATE TABLE brk_profile (email " + text + " NOT NULL PRIMARY KEY, name " + text + ", status " + text
          + " NOT NULL DEFAULT 'active', nick " + text + " NOT NULL DEFAULT '', updated_at " + ts + " NOT NULL)");
      BrkProfile first = BrkProfileUpserts.upsertReturning(h, new BrkProfile("p", "Ann", "gold", "annie", null));
      Thread.sleep(20);
      BrkProfile same = BrkProfileUpserts.upsertReturning(h, new BrkProfile("p", "Ann", null, null, null));
      assertThat(same).isEqualTo(first);
      Thread.sleep(20);
      BrkProfileUpserts.upsertAll(h, List.of(new BrkProfile("p", "Ann", null, null, null), new BrkProfile("q", "Q", null, null, null)));
      assertThat(BrkProfileUpserts.find(h, "p")).hasValue(first);
    }
  }
}
