package io.github.upserts.dialect;

import io.github.upserts.exec.Operation;
import io.github.upserts.exec.TableStatements;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL text each SQLite version gets; executed for real by the processor module's tests. */
class SqliteDialectTest {
  private static final Table PAGE_VIEWS = new Table("PageView", "", "page_views", List.of(
      Column.key("page", "page", "page"),
      Column.key("day", "day", "day"),
      Column.value("views", "views", "views", MergePolicy.INCREMENT),
      Column.value("last_seen", "lastSeen", "lastSeen", MergePolicy.OVERWRITE)));
  private static final SqliteDialect CURRENT = SqliteDialect.forVersion(3, 45);
  private static final SqliteDialect BEFORE_RETURNING = SqliteDialect.forVersion(3, 34);

  @Test
  void upsertIsPostgresSyntaxWithoutReturning() {
    TableStatements sql = CURRENT.render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT)).isEqualTo(
        "INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\", \"last_seen\")"
            + " VALUES (:page, :day, :views, :lastSeen)"
            + " ON CONFLICT (\"page\", \"day\") DO UPDATE SET"
            + " \"views\" = COALESCE(t.\"views\", 0) + COALESCE(EXCLUDED.\"views\", 0),"
            + " \"last_seen\" = EXCLUDED.\"last_seen\"");
    assertThat(sql.sql(Operation.INSERT_IF_ABSENT)).isEqualTo(
        "INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\", \"last_seen\")"
            + " VALUES (:page, :day, :views, :lastSeen) ON CONFLICT (\"page\", \"day\") DO NOTHING");
    assertThat(sql.sql(Operation.FIND)).isEqualTo(
        "SELECT \"page\", \"day\", \"views\", \"last_seen\" FROM \"page_views\""
            + " WHERE \"page\" = :page AND \"day\" = :day");
  }

  @Test
  void from335TheRowComesBackThroughReturningWithUnqualifiedNames() {
    TableStatements sql = CURRENT.render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT_RETURNING))
        .isEqualTo(sql.sql(Operation.UPSERT) + " RETURNING \"page\", \"day\", \"views\", \"last_seen\"");
    assertThat(sql.sql(Operation.GET_OR_INSERT))
        .isEqualTo(sql.sql(Operation.INSERT_IF_ABSENT) + " RETURNING \"page\", \"day\", \"views\", \"last_seen\"");
    assertThat(sql.incrementSql(PAGE_VIEWS.column(2))).isEqualTo(
        "INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\") VALUES (:page, :day, :views)"
            + " ON CONFLICT (\"page\", \"day\") DO UPDATE SET"
            + " \"views\" = COALESCE(t.\"views\", 0) + EXCLUDED.\"views\" RETURNING \"views\"");
  }

  @Test
  void before335NothingIsReturned() {
    TableStatements sql = BEFORE_RETURNING.render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT_RETURNING)).isEqualTo(sql.sql(Operation.UPSERT));
    assertThat(sql.sql(Operation.GET_OR_INSERT)).isEqualTo(sql.sql(Operation.INSERT_IF_ABSENT));
    assertThat(sql.incrementSql(PAGE_VIEWS.column(2))).doesNotContain("RETURNING");
  }

  @Test
  void maxAndMinKeepTheOtherSideOfANullAndSkipUnchangedComparesRowsNullSafely() {
    Table table = new Table("Event", "", "events", List.of(
        Column.key("id", "id", "id"),
        Column.value("version", "version", "version", MergePolicy.NEWER_WINS),
        Column.value("created", "created", "created", MergePolicy.INSERT_ONLY),
        Column.value("note", "note", "note", MergePolicy.COALESCE),
        Column.value("high", "high", "high", MergePolicy.MAX),
        Column.value("low", "low", "low", MergePolicy.MIN)),
        true);
    assertThat(CURRENT.render(table).sql(Operation.UPSERT)).isEqualTo(
        "INSERT INTO \"events\" AS t (\"id\", \"version\", \"created\", \"note\", \"high\", \"low\")"
            + " VALUES (:id, :version, :created, :note, :high, :low)"
            + " ON CONFLICT (\"id\") DO UPDATE SET \"version\" = EXCLUDED.\"version\","
            + " \"note\" = COALESCE(EXCLUDED.\"note\", t.\"note\"),"
            + " \"high\" = COALESCE(max(t.\"high\", EXCLUDED.\"high\"), t.\"high\", EXCLUDED.\"high\"),"
            + " \"low\" = COALESCE(min(t.\"low\", EXCLUDED.\"low\"), t.\"low\", EXCLUDED.\"low\")"
            + " WHERE (EXCLUDED.\"version\" IS NOT NULL AND (t.\"version\" IS NULL"
            + " OR EXCLUDED.\"version\" > t.\"version\"))"
            + " AND ((t.\"version\", t.\"note\", t.\"high\", t.\"low\") IS NOT"
            + " (EXCLUDED.\"version\", COALESCE(EXCLUDED.\"note\", t.\"note\"),"
            + " COALESCE(max(t.\"high\", EXCLUDED.\"high\"), t.\"high\", EXCLUDED.\"high\"),"
            + " COALESCE(min(t.\"low\", EXCLUDED.\"low\"), t.\"low\", EXCLUDED.\"low\")))");
  }

  @Test
  void aBatchTakesTheRowsWhoseKeyExistsOrDoesNotByAFlagBoundLast() {
    Table table = new Table("Order", "", "order", List.of(
        Column.key("user", "user", "user"),
        Column.value("from", "from", "from", MergePolicy.OVERWRITE),
        Column.key("group", "group", "group")));
    assertThat(CURRENT.render(table).batchSql(1)).isNotEqualTo(CURRENT.render(table).batchSql(2));
    assertThat(CURRENT.render(table).batchSql(2)).isEqualTo(
        "INSERT INTO \"order\" AS t (\"user\", \"from\", \"group\") SELECT * FROM"
            + " (VALUES (?, ?, ?), (?, ?, ?)) AS v WHERE EXISTS (SELECT 1 FROM \"order\" AS x"
            + " WHERE x.\"user\" = v.column1 AND x.\"group\" = v.column3) = ?"
            + " ON CONFLICT (\"user\", \"group\") DO UPDATE SET \"from\" = EXCLUDED.\"from\"");
  }

  @Test
  void chunksStayUnderTheBindLimitOfTheVersion() {
    TableStatements current = CURRENT.render(PAGE_VIEWS);
    assertThat(current.batchRows()).isEqualTo(5_000);
    Table wide = new Table("Wide", "", "wide", java.util.stream.IntStream.range(0, 10)
        .mapToObj(i -> i == 0 ? Column.key("c0", "c0", "c0")
            : Column.value("c" + i, "c" + i, "c" + i, MergePolicy.OVERWRITE))
        .toList());
    // 10 values a row and one flag: 10 * 3,276 + 1 = 32,761 <= 32,766
    assertThat(CURRENT.render(wide).batchRows()).isEqualTo(3_276);
    SqliteDialect before332 = SqliteDialect.forVersion(3, 31);
    assertThat(before332.render(PAGE_VIEWS).batchRows()).isEqualTo(249);
  }

  @Test
  void keyOnlyTablesDoNothingOnConflict() {
    Table tags = new Table("Tag", "", "tags", List.of(Column.key("name", "name", "name")));
    assertThat(CURRENT.render(tags).sql(Operation.UPSERT))
        .isEqualTo("INSERT INTO \"tags\" AS t (\"name\") VALUES (:name) ON CONFLICT (\"name\") DO NOTHING");
  }

  @Test
  void identifiersAreQuotedAndSchemaQualified() {
    Table table = new Table("Odd", "aux", "we\"ird", List.of(
        Column.key("order", "order_", "order_"),
        Column.value("select", "select_", "select_", MergePolicy.OVERWRITE)));
    assertThat(CURRENT.render(table).sql(Operation.INSERT_IF_ABSENT))
        .startsWith("INSERT INTO \"aux\".\"we\"\"ird\" AS t (\"order\", \"select\")");
  }

  @Test
  void versionsBeforeUpsertAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SqliteDialect.forVersion(3, 23));
    assertThrows(IllegalArgumentException.class, () -> SqliteDialect.forVersion(2, 99));
    assertThat(SqliteDialect.forVersion(3, 35)).isEqualTo(SqliteDialect.forVersion(3, 35));
    assertThat(SqliteDialect.forVersion(3, 35)).isNotEqualTo(SqliteDialect.forVersion(3, 34));
    assertThat(SqliteDialect.forVersion(3, 45).name()).isEqualTo("SQLite 3.45");
  }
}
