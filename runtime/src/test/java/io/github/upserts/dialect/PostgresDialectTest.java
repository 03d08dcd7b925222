package io.github.upserts.dialect;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL text each PostgreSQL version gets; executed for real by the processor module's tests. */
class PostgresDialectTest {
  private static final Table PAGE_VIEWS = new Table("PageView", "", "page_views", List.of(
      Column.key("page", "page", "page"),
      Column.key("day", "day", "day"),
      Column.value("views", "views", "views", MergePolicy.INCREMENT),
      Column.value("last_seen", "lastSeen", "lastSeen", MergePolicy.OVERWRITE)));

  @Test
  void upsertBefore18TellsInsertedFromXmax() {
    RenderedSql sql = PostgresDialect.forVersion(15).render(PAGE_VIEWS);
    assertThat(sql.upsert()).isEqualTo(
        "INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\", \"last_seen\")"
            + " VALUES (:page, :day, :views, :lastSeen)"
            + " ON CONFLICT (\"page\", \"day\") DO UPDATE SET"
            + " \"views\" = COALESCE(t.\"views\", 0) + COALESCE(EXCLUDED.\"views\", 0),"
            + " \"last_seen\" = EXCLUDED.\"last_seen\""
            + " RETURNING (t.xmax = 0) AS inserted");
  }

  @Test
  void upsertFrom18UsesReturningOld() {
    RenderedSql sql = PostgresDialect.forVersion(18).render(PAGE_VIEWS);
    assertThat(sql.upsert()).endsWith(" RETURNING (old.\"page\" IS NULL) AS inserted");
    assertThat(sql.upsert()).doesNotContain("xmax");
  }

  @Test
  void otherStatements() {
    RenderedSql sql = PostgresDialect.forVersion(17).render(PAGE_VIEWS);
    assertThat(sql.upsertReturning())
        .endsWith(" RETURNING t.\"page\", t.\"day\", t.\"views\", t.\"last_seen\"");
    assertThat(sql.insertIfAbsent()).isEqualTo(
        "INSERT INTO \"page_views\" (\"page\", \"day\", \"views\", \"last_seen\")"
            + " VALUES (:page, :day, :views, :lastSeen) ON CONFLICT (\"page\", \"day\") DO NOTHING");
    assertThat(sql.find()).isEqualTo(
        "SELECT \"page\", \"day\", \"views\", \"last_seen\" FROM \"page_views\""
            + " WHERE \"page\" = :page AND \"day\" = :day");
    assertThat(sql.increment(PAGE_VIEWS.column(2))).isEqualTo(
        "INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\") VALUES (:page, :day, :views)"
            + " ON CONFLICT (\"page\", \"day\") DO UPDATE SET"
            + " \"views\" = COALESCE(t.\"views\", 0) + EXCLUDED.\"views\" RETURNING t.\"views\"");
    assertThrows(IllegalArgumentException.class, () -> sql.increment(PAGE_VIEWS.column(3)));
  }

  @Test
  void identifiersAreQuotedAndSchemaQualified() {
    Table table = new Table("Odd", "my schema", "we\"ird", List.of(
        Column.key("order", "order_", "order_"),
        Column.value("select", "select_", "select_", MergePolicy.OVERWRITE)));
    RenderedSql sql = PostgresDialect.forVersion(17).render(table);
    assertThat(sql.insertIfAbsent()).startsWith(
        "INSERT INTO \"my schema\".\"we\"\"ird\" (\"order\", \"select\")");
  }

  @Test
  void keyOnlyTableStillReturnsARow() {
    Table tags = new Table("Tag", "", "tags", List.of(Column.key("name", "name", "name")));
    assertThat(PostgresDialect.forVersion(17).render(tags).upsert())
        .contains("DO UPDATE SET \"name\" = EXCLUDED.\"name\" RETURNING");
  }

  @Test
  void versionsBeforeOnConflictAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PostgresDialect.forVersion(8));
    assertThat(PostgresDialect.forVersion(16)).isEqualTo(PostgresDialect.forVersion(16));
    assertThat(PostgresDialect.forVersion(16)).isNotEqualTo(PostgresDialect.forVersion(17));
  }
}
