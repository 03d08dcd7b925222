package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.SchemaMismatchException;
import io.github.upserts.it.TestDatabases.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** verifySchema: silent on a matching schema; otherwise every mismatch, with DDL that fixes it. */
class SchemaVerificationTest {
  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    Schema.reset(handle);
    return handle;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void everyTestEntityMatchesItsTable(Database db) {
    try (Handle h = open(db)) {
      PageViewUpserts.verifySchema(h);
      AccountUpserts.verifySchema(h);
      CustomerUpserts.verifySchema(h);
      PriceUpserts.verifySchema(h);
      OrderUpserts.verifySchema(h);
      LabelUpserts.verifySchema(h);
      TagUpserts.verifySchema(h);
      DocumentUpserts.verifySchema(h);
      ProfileUpserts.verifySchema(h);
      EventUpserts.verifySchema(h);
      ReadingUpserts.verifySchema(h);
      SettingUpserts.verifySchema(h);
      NoteUpserts.verifySchema(h);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aMissingTableGetsItsCreateTable(Database db) {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE upserts_it.\"Label Set\"");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> LabelUpserts.verifySchema(h));
      assertThat(e.mismatches()).containsExactly("the table does not exist (or is not on the search path)");
      assertThat(e).hasMessageThat().contains("Table upserts_it.Label Set does not match Label");
      applyFixes(h, e.fixes());
      LabelUpserts.verifySchema(h);
      LabelUpserts.upsert(h, new Label("en", "English"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void missingColumnsAndAMissingUniqueConstraintAreAllListed(Database db) {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE page_views");
      h.execute("CREATE TABLE page_views (page text, day date, views bigint)");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> PageViewUpserts.verifySchema(h));
      assertThat(e.mismatches()).containsExactly(
          "column last_seen (of lastSeen) is missing",
          "no unique constraint or unique index covers exactly the @Key columns (page, day)");
      assertThat(e.fixes()).containsExactly(
          "ALTER TABLE \"page_views\" ADD COLUMN \"last_seen\" timestamptz",
          "ALTER TABLE \"page_views\" ADD UNIQUE (\"page\", \"day\")").inOrder();
      assertThat(e).hasMessageThat().contains("ALTER TABLE \"page_views\" ADD UNIQUE (\"page\", \"day\");");
      applyFixes(h, e.fixes());
      PageViewUpserts.verifySchema(h);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aUniqueIndexOnOtherColumnsDoesNotCount(Database db) {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE page_views");
      h.execute("CREATE TABLE page_views (page text, day date, views bigint, last_seen timestamptz,"
          + " UNIQUE (page))");
      h.execute("CREATE UNIQUE INDEX partial_key ON page_views (page, day) WHERE views > 0");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> PageViewUpserts.verifySchema(h));
      assertThat(e.mismatches()).hasSize(1);
      // the partial index reads exactly the key: the fix names it, and adds no constraint that changes the table
      assertThat(e.mismatches().get(0)).contains("partial_key");
      assertThat(e.mismatches().get(0)).contains("set @Upsertable(conflictIndex = \"partial_key\")");
      assertThat(e.fixes()).isEmpty();
      h.execute("DROP INDEX partial_key");
      e = assertThrows(SchemaMismatchException.class, () -> PageViewUpserts.verifySchema(h));
      assertThat(e.mismatches().get(0)).contains("the unique ones cover [[page]]");

      // a unique index (not a constraint) on exactly the key, in any column order, is enough
      h.execute("CREATE UNIQUE INDEX page_views_key ON page_views (day, page)");
      PageViewUpserts.verifySchema(h);
    }
  }

  private static void applyFixes(Handle h, List<String> fixes) {
    assertThat(fixes).isNotEmpty();
    fixes.forEach(h::execute);
  }
}
