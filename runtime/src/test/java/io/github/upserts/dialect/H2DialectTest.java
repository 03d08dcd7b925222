package io.github.upserts.dialect;

import io.github.upserts.exec.Operation;
import io.github.upserts.sql.H2Spelling;
import io.github.upserts.exec.TableStatements;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The SQL text H2 gets; executed for real by the processor module's tests. */
class H2DialectTest {
  private static final Table PAGE_VIEWS = new Table("PageView", "", "page_views", List.of(
      Column.key("page", "page", "page", String.class),
      Column.key("day", "day", "day", LocalDate.class),
      Column.value("views", "views", "views", MergePolicy.INCREMENT, long.class),
      Column.value("last_seen", "lastSeen", "lastSeen", MergePolicy.OVERWRITE, Instant.class)));

  private static final String MERGE_PAGE_VIEW = "MERGE INTO \"PAGE_VIEWS\" AS t USING (VALUES (1)) AS s"
      + " ON t.\"PAGE\" = :page AND t.\"DAY\" = :day";
  private static final String INSERT_PAGE_VIEW = " WHEN NOT MATCHED THEN INSERT"
      + " (\"PAGE\", \"DAY\", \"VIEWS\", \"LAST_SEEN\") VALUES (:page, :day, :views, :lastSeen)";
  private static final String UPDATE_PAGE_VIEW = " WHEN MATCHED THEN UPDATE SET"
      + " \"VIEWS\" = COALESCE(t.\"VIEWS\" + :views, t.\"VIEWS\", :views, 0),"
      + " \"LAST_SEEN\" = :lastSeen";

  @Test
  void upsertCountsTheOldRowsOfItsMerge() {
    TableStatements sql = H2Dialect.standard().render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT)).isEqualTo("SELECT COUNT(*) FROM OLD TABLE ("
        + MERGE_PAGE_VIEW + UPDATE_PAGE_VIEW + INSERT_PAGE_VIEW + ")");
  }

  @Test
  void otherStatements() {
    TableStatements sql = H2Dialect.standard().render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT_RETURNING)).isEqualTo(
        "SELECT \"PAGE\", \"DAY\", \"VIEWS\", \"LAST_SEEN\" FROM FINAL TABLE ("
            + MERGE_PAGE_VIEW + UPDATE_PAGE_VIEW + INSERT_PAGE_VIEW + ")");
    assertThat(sql.sql(Operation.INSERT_IF_ABSENT)).isEqualTo(MERGE_PAGE_VIEW + INSERT_PAGE_VIEW);
    assertThat(sql.sql(Operation.GET_OR_INSERT)).isEqualTo(
        "SELECT \"PAGE\", \"DAY\", \"VIEWS\", \"LAST_SEEN\" FROM FINAL TABLE ("
            + MERGE_PAGE_VIEW + INSERT_PAGE_VIEW + ")");
    assertThat(sql.sql(Operation.FIND)).isEqualTo("SELECT \"PAGE\", \"DAY\", \"VIEWS\", \"LAST_SEEN\""
        + " FROM \"PAGE_VIEWS\" WHERE \"PAGE\" = :page AND \"DAY\" = :day");
    assertThat(sql.incrementSql(PAGE_VIEWS.column(2))).isEqualTo(
        "SELECT \"VIEWS\" FROM FINAL TABLE (" + MERGE_PAGE_VIEW
            + " WHEN MATCHED THEN UPDATE SET \"VIEWS\" = COALESCE(t.\"VIEWS\" + :views, :views)"
            + " WHEN NOT MATCHED THEN INSERT (\"PAGE\", \"DAY\", \"VIEWS\") VALUES (:page, :day, :views))");
    assertThrows(IllegalArgumentException.class, () -> sql.incrementSql(PAGE_VIEWS.column(3)));
  }

  @Test
  void bulkCastsEachParameterToTheTypeOfItsJavaType() {
    TableStatements sql = H2Dialect.standard().render(PAGE_VIEWS);
    String row = "(CAST(? AS CHARACTER VARYING), CAST(? AS DATE), CAST(? AS BIGINT),"
        + " CAST(? AS TIMESTAMP(9) WITH TIME ZONE))";
    assertThat(sql.batchSql(1)).isNotEqualTo(sql.batchSql(2)); // the text depends on the row count
    assertThat(sql.batchSql(2)).isEqualTo("SELECT COUNT(*) FROM OLD TABLE ("
        + "MERGE INTO \"PAGE_VIEWS\" AS t USING (VALUES " + row + ", " + row + ") AS s"
        + " (\"PAGE\", \"DAY\", \"VIEWS\", \"LAST_SEEN\")"
        + " ON t.\"PAGE\" = s.\"PAGE\" AND t.\"DAY\" = s.\"DAY\""
        + " WHEN MATCHED THEN UPDATE SET"
        + " \"VIEWS\" = COALESCE(t.\"VIEWS\" + s.\"VIEWS\", t.\"VIEWS\", s.\"VIEWS\", 0),"
        + " \"LAST_SEEN\" = s.\"LAST_SEEN\""
        + " WHEN NOT MATCHED THEN INSERT (\"PAGE\", \"DAY\", \"VIEWS\", \"LAST_SEEN\")"
        + " VALUES (s.\"PAGE\", s.\"DAY\", s.\"VIEWS\", s.\"LAST_SEEN\"))");
    assertThat(sql.batchRows()).isEqualTo(1_000);
  }

  @Test
  void conditionalUpdatesAreMergedAloneAfterTheInsertIfAbsent() {
    Table table = new Table("Event", "", "events", List.of(
        Column.key("id", "id", "id"),
        Column.value("version", "version", "version", MergePolicy.NEWER_WINS),
        Column.value("created", "created", "created", MergePolicy.INSERT_ONLY),
        Column.value("note", "note", "note", MergePolicy.COALESCE),
        Column.value("high", "high", "high", MergePolicy.MAX),
        Column.value("low", "low", "low", MergePolicy.MIN)),
        true);
    TableStatements sql = H2Dialect.standard().render(table);
    assertThat(sql.sql(Operation.UPSERT)).isEqualTo(
        "MERGE INTO \"EVENTS\" AS t USING (VALUES (1)) AS s ON t.\"ID\" = :id"
            + " WHEN MATCHED AND (:version IS NOT NULL AND (t.\"VERSION\" IS NULL"
            + " OR :version > t.\"VERSION\"))"
            + " AND (t.\"VERSION\" IS DISTINCT FROM :version"
            + " OR t.\"NOTE\" IS DISTINCT FROM COALESCE(:note, t.\"NOTE\")"
            + " OR t.\"HIGH\" IS DISTINCT FROM COALESCE(GREATEST(t.\"HIGH\", :high), t.\"HIGH\", :high)"
            + " OR t.\"LOW\" IS DISTINCT FROM COALESCE(LEAST(t.\"LOW\", :low), t.\"LOW\", :low))"
            + " THEN UPDATE SET \"VERSION\" = :version, \"NOTE\" = COALESCE(:note, t.\"NOTE\"),"
            + " \"HIGH\" = COALESCE(GREATEST(t.\"HIGH\", :high), t.\"HIGH\", :high),"
            + " \"LOW\" = COALESCE(LEAST(t.\"LOW\", :low), t.\"LOW\", :low)");
    assertThat(sql.sql(Operation.INSERT_IF_ABSENT)).endsWith(" WHEN NOT MATCHED THEN INSERT"
        + " (\"ID\", \"VERSION\", \"CREATED\", \"NOTE\", \"HIGH\", \"LOW\")"
        + " VALUES (:id, :version, :created, :note, :high, :low)");
  }

  @Test
  void nothingToUpdateMeansInsertIfAbsent() {
    Table tags = new Table("Tag", "", "tags", List.of(
        Column.key("name", "name", "name"),
        Column.value("created", "created", "created", MergePolicy.INSERT_ONLY)));
    TableStatements sql = H2Dialect.standard().render(tags);
    assertThat(sql.sql(Operation.UPSERT)).isEqualTo(sql.sql(Operation.INSERT_IF_ABSENT));
    assertThat(sql.sql(Operation.UPSERT)).doesNotContain("WHEN MATCHED");
  }

  @Test
  void lowerCaseNamesAreFoldedLikeUnquotedOnesAndOthersKeptVerbatim() {
    H2Dialect h2 = H2Dialect.standard();
    assertThat(new H2Spelling(true, false).quote("page_views")).isEqualTo("\"PAGE_VIEWS\"");
    assertThat(new H2Spelling(true, false).quote("order")).isEqualTo("\"ORDER\"");
    assertThat(new H2Spelling(true, false).quote("day")).isEqualTo("\"DAY\"");
    assertThat(new H2Spelling(true, false).quote("Label Set")).isEqualTo("\"Label Set\"");
    assertThat(new H2Spelling(true, false).quote("lastSeen")).isEqualTo("\"lastSeen\"");
    assertThat(new H2Spelling(true, false).quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    assertThat(new H2Spelling(true, false).quote("größe")).isEqualTo("\"größe\"");
    assertThat(new H2Spelling(false, false).quote("page_views")).isEqualTo("\"page_views\"");

    Table table = new Table("Odd", "my_schema", "order", List.of(
        Column.key("user", "user", "user"),
        Column.value("Display Name", "displayName", "displayName", MergePolicy.OVERWRITE)));
    assertThat(h2.render(table).sql(Operation.INSERT_IF_ABSENT)).startsWith(
        "MERGE INTO \"MY_SCHEMA\".\"ORDER\" AS t USING (VALUES (1)) AS s ON t.\"USER\" = :user"
            + " WHEN NOT MATCHED THEN INSERT (\"USER\", \"Display Name\")");
  }

  @Test
  void foldingIgnoresTheDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(new Locale("tr"));
    try {
      // under Turkish rules "i".toUpperCase() is a dotted capital I, which H2 would not match
      assertThat(new H2Spelling(true, false).quote("visits")).isEqualTo("\"VISITS\"");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void typesWithoutAnH2CastAreWrittenRowByRow() {
    Table documents = new Table("Document", "", "documents", List.of(
        Column.key("id", "id", "id", java.util.UUID.class),
        Column.value("tags", "tags", "tags", MergePolicy.OVERWRITE, List.class)));
    TableStatements sql = H2Dialect.standard().render(documents);
    assertThrows(IllegalStateException.class, () -> sql.batchSql(2));
  }

  @Test
  void dialectsAreEqualWhenTheyRenderAlike() {
    assertThat(H2Dialect.standard()).isEqualTo(H2Dialect.standard());
    assertThat(H2Dialect.standard()).isNotEqualTo(H2Dialect.withoutCaseFolding());
    assertThat(H2Dialect.standard().name()).isEqualTo("H2");
  }
}
