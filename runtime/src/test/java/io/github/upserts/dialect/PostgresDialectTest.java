package io.github.upserts.dialect;

import io.github.upserts.exec.Operation;
import io.github.upserts.exec.TableStatements;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.schema.CatalogTable;
import io.github.upserts.schema.CatalogTable.CatalogColumn;
import io.github.upserts.schema.CatalogTable.Part;
import io.github.upserts.schema.CatalogTable.UniqueIndex;
import java.time.Instant;
import java.time.LocalDate;
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
    TableStatements sql = PostgresDialect.forVersion(15).render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT)).isEqualTo(
        "INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\", \"last_seen\")"
            + " VALUES (:page, :day, :views, :lastSeen)"
            + " ON CONFLICT (\"page\", \"day\") DO UPDATE SET"
            + " \"views\" = COALESCE(t.\"views\", 0) + COALESCE(EXCLUDED.\"views\", 0),"
            + " \"last_seen\" = EXCLUDED.\"last_seen\""
            + " RETURNING (t.xmax = 0) AS inserted");
  }

  @Test
  void upsertFrom18UsesReturningOld() {
    TableStatements sql = PostgresDialect.forVersion(18).render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT)).endsWith(" RETURNING (old.\"page\" IS NULL) AS inserted");
    assertThat(sql.sql(Operation.UPSERT)).doesNotContain("xmax");
  }

  @Test
  void otherStatements() {
    TableStatements sql = PostgresDialect.forVersion(17).render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT_RETURNING))
        .endsWith(" RETURNING t.\"page\", t.\"day\", t.\"views\", t.\"last_seen\"");
    assertThat(sql.sql(Operation.INSERT_IF_ABSENT)).isEqualTo(
        "INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\", \"last_seen\")"
            + " VALUES (:page, :day, :views, :lastSeen) ON CONFLICT (\"page\", \"day\") DO NOTHING");
    assertThat(sql.sql(Operation.FIND)).isEqualTo(
        "SELECT \"page\", \"day\", \"views\", \"last_seen\" FROM \"page_views\""
            + " WHERE \"page\" = :page AND \"day\" = :day");
    assertThat(sql.incrementSql(PAGE_VIEWS.column(2))).isEqualTo(
        "INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\") VALUES (:page, :day, :views)"
            + " ON CONFLICT (\"page\", \"day\") DO UPDATE SET"
            + " \"views\" = COALESCE(t.\"views\", 0) + EXCLUDED.\"views\" RETURNING t.\"views\"");
    assertThrows(IllegalArgumentException.class, () -> sql.incrementSql(PAGE_VIEWS.column(3)));
  }

  @Test
  void identifiersAreQuotedAndSchemaQualified() {
    Table table = new Table("Odd", "my schema", "we\"ird", List.of(
        Column.key("order", "order_", "order_"),
        Column.value("select", "select_", "select_", MergePolicy.OVERWRITE)));
    TableStatements sql = PostgresDialect.forVersion(17).render(table);
    assertThat(sql.sql(Operation.INSERT_IF_ABSENT)).startsWith(
        "INSERT INTO \"my schema\".\"we\"\"ird\" AS t (\"order\", \"select\")");
  }

  @Test
  void nothingToMergeMeansDoNothing() {
    Table tags = new Table("Tag", "", "tags", List.of(
        Column.key("name", "name", "name"),
        Column.value("created", "created", "created", MergePolicy.INSERT_ONLY)));
    assertThat(PostgresDialect.forVersion(17).render(tags).sql(Operation.UPSERT))
        .endsWith("ON CONFLICT (\"name\") DO NOTHING RETURNING (t.xmax = 0) AS inserted");
  }

  @Test
  void eachPolicyMergesItsWay() {
    Table table = new Table("Event", "", "events", List.of(
        Column.key("id", "id", "id"),
        Column.value("version", "version", "version", MergePolicy.NEWER_WINS),
        Column.value("created", "created", "created", MergePolicy.INSERT_ONLY),
        Column.value("note", "note", "note", MergePolicy.COALESCE),
        Column.value("high", "high", "high", MergePolicy.MAX),
        Column.value("low", "low", "low", MergePolicy.MIN)),
        true);
    assertThat(PostgresDialect.forVersion(17).render(table).sql(Operation.UPSERT)).isEqualTo(
        "INSERT INTO \"events\" AS t (\"id\", \"version\", \"created\", \"note\", \"high\", \"low\")"
            + " VALUES (:id, :version, :created, :note, :high, :low)"
            + " ON CONFLICT (\"id\") DO UPDATE SET \"version\" = EXCLUDED.\"version\","
            + " \"note\" = COALESCE(EXCLUDED.\"note\", t.\"note\"),"
            + " \"high\" = GREATEST(t.\"high\", EXCLUDED.\"high\"),"
            + " \"low\" = LEAST(t.\"low\", EXCLUDED.\"low\")"
            + " WHERE (EXCLUDED.\"version\" IS NOT NULL AND (t.\"version\" IS NULL"
            + " OR EXCLUDED.\"version\" > t.\"version\"))"
            + " AND (ROW(t.\"version\", t.\"note\", t.\"high\", t.\"low\") IS DISTINCT FROM"
            + " ROW(EXCLUDED.\"version\", COALESCE(EXCLUDED.\"note\", t.\"note\"),"
            + " GREATEST(t.\"high\", EXCLUDED.\"high\"), LEAST(t.\"low\", EXCLUDED.\"low\")))"
            + " RETURNING (t.xmax = 0) AS inserted");
  }

  @Test
  void getOrInsertReturnsTheInsertedOrTheExistingRowInOneStatement() {
    assertThat(PostgresDialect.forVersion(17).render(PAGE_VIEWS).sql(Operation.GET_OR_INSERT)).isEqualTo(
        "WITH inserted AS (INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\","
            + " \"last_seen\") VALUES (:page, :day, :views, :lastSeen)"
            + " ON CONFLICT (\"page\", \"day\") DO NOTHING"
            + " RETURNING t.\"page\", t.\"day\", t.\"views\", t.\"last_seen\")"
            + " SELECT \"page\", \"day\", \"views\", \"last_seen\" FROM inserted"
            + " UNION ALL SELECT \"page\", \"day\", \"views\", \"last_seen\" FROM \"page_views\""
            + " WHERE \"page\" = :page AND \"day\" = :day AND NOT EXISTS (SELECT 1 FROM inserted)");
  }

  @Test
  void withoutSystemColumnsTheStatementReadsThePriorKeysInItsOwnSnapshot() {
    TableStatements sql = PostgresDialect.withoutSystemColumns("CockroachDB").render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT)).isEqualTo(
        "WITH upserts_prior AS (SELECT \"page\", \"day\" FROM \"page_views\""
            + " WHERE \"page\" = :page AND \"day\" = :day),"
            + " upserts_written AS (INSERT INTO \"page_views\" AS t (\"page\", \"day\", \"views\", \"last_seen\")"
            + " VALUES (:page, :day, :views, :lastSeen)"
            + " ON CONFLICT (\"page\", \"day\") DO UPDATE SET"
            + " \"views\" = COALESCE(t.\"views\", 0) + COALESCE(EXCLUDED.\"views\", 0),"
            + " \"last_seen\" = EXCLUDED.\"last_seen\""
            + " RETURNING t.\"page\", t.\"day\")"
            + " SELECT (upserts_prior.\"page\" IS NULL) AS inserted FROM upserts_written"
            + " LEFT JOIN upserts_prior ON upserts_written.\"page\" = upserts_prior.\"page\""
            + " AND upserts_written.\"day\" = upserts_prior.\"day\"");
    Table typed = new Table("PageView", "", "page_views", List.of(
        Column.key("page", "page", "page", String.class),
        Column.key("day", "day", "day", java.time.LocalDate.class),
        Column.value("views", "views", "views", MergePolicy.INCREMENT, long.class)));
    assertThat(PostgresDialect.withoutSystemColumns("YugabyteDB").render(typed).batchSql(1)).startsWith(
        "WITH upserts_prior AS (SELECT \"page\", \"day\" FROM \"page_views\""
            + " WHERE (\"page\", \"day\") IN (SELECT * FROM unnest(CAST(:page AS text[]),"
            + " CAST(CAST(:day AS text[]) AS date[])))), upserts_written AS (INSERT INTO");
    assertThat(sql.batchSql(2)).startsWith(
        "WITH upserts_prior AS (SELECT \"page\", \"day\" FROM \"page_views\""
            + " WHERE (\"page\", \"day\") IN ((?, ?), (?, ?))), upserts_written AS (INSERT INTO"
            + " \"page_views\" AS t (\"page\", \"day\", \"views\", \"last_seen\")"
            + " VALUES (?, ?, ?, ?), (?, ?, ?, ?) ON CONFLICT");
    // nothing PostgreSQL-only: no system column, no RETURNING old, in any statement
    for (String statement : List.of(sql.sql(Operation.UPSERT), sql.sql(Operation.UPSERT_RETURNING), sql.sql(Operation.INSERT_IF_ABSENT),
        sql.sql(Operation.GET_OR_INSERT), sql.sql(Operation.FIND), sql.batchSql(3), sql.incrementSql(PAGE_VIEWS.column(2)))) {
      assertThat(statement).doesNotContain("xmax");
      assertThat(statement).doesNotContain("old.");
    }
    // the statements that do not tell inserts from updates are PostgreSQL's
    TableStatements postgres = PostgresDialect.forVersion(17).render(PAGE_VIEWS);
    assertThat(sql.sql(Operation.UPSERT_RETURNING)).isEqualTo(postgres.sql(Operation.UPSERT_RETURNING));
    assertThat(sql.sql(Operation.GET_OR_INSERT)).isEqualTo(postgres.sql(Operation.GET_OR_INSERT));
    assertThat(sql.incrementSql(PAGE_VIEWS.column(2))).isEqualTo(postgres.incrementSql(PAGE_VIEWS.column(2)));
  }

  @Test
  void detectionTellsPostgresFromTheEnginesWithoutSystemColumns() {
    assertThat(Dialects.forPostgresProtocol(17,
            "17.5 PostgreSQL 17.5 on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit"))
        .isEqualTo(PostgresDialect.forVersion(17));
    assertThat(Dialects.forPostgresProtocol(13,
            "13.0.0 CockroachDB CCL v24.1.0 (x86_64-pc-linux-gnu, built 2024/05/15 21:28:29, go1.22.2)"))
        .isEqualTo(PostgresDialect.withoutSystemColumns("CockroachDB"));
    assertThat(Dialects.forPostgresProtocol(11,
            "11.2-YB-2.20.2.0-b0 PostgreSQL 11.2-YB-2.20.2.0-b0 on x86_64-pc-linux-gnu, compiled by clang"))
        .isEqualTo(PostgresDialect.withoutSystemColumns("YugabyteDB"));
    assertThat(Dialects.forPostgresProtocol(15, "15.2-YB-2.25.0.0-b0 "))
        .isEqualTo(PostgresDialect.withoutSystemColumns("YugabyteDB"));
    assertThat(PostgresDialect.withoutSystemColumns("CockroachDB").name())
        .isEqualTo("CockroachDB (PostgreSQL dialect without system columns)");
    assertThrows(IllegalArgumentException.class, () -> PostgresDialect.withoutSystemColumns(" "));
  }

  @Test
  void versionsBeforeOnConflictAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PostgresDialect.forVersion(8));
    assertThat(PostgresDialect.forVersion(16)).isEqualTo(PostgresDialect.forVersion(16));
    assertThat(PostgresDialect.forVersion(16)).isNotEqualTo(PostgresDialect.forVersion(17));
  }

  private static CatalogTable catalog(List<String> key, String... columns) {
    List<CatalogColumn> stored = new java.util.ArrayList<>();
    for (int i = 0; i < columns.length; i += 3) {
      stored.add(new CatalogColumn(columns[i], columns[i + 1], true, null, CatalogTable.Generation.NONE, null, columns[i + 2]));
    }
    return new CatalogTable(stored, List.of(new UniqueIndex("pk", true, key.stream().map(k -> new Part(k, false)).toList(), false, false, false)),
        false, false);
  }

  @Test
  void typedParametersAreCastToTheCatalogsTypeWhereTheValueIsNotBoundAsIt() {
    Table table = new Table("Doc", "", "docs", List.of(
        Column.key("email", "email", "email", String.class),
        Column.value("payload", "payload", "payload", MergePolicy.OVERWRITE, String.class),
        Column.value("at", "at", "at", MergePolicy.OVERWRITE, Instant.class),
        Column.value("hits", "hits", "hits", MergePolicy.INCREMENT, long.class),
        Column.value("name", "name", "name", MergePolicy.OVERWRITE, String.class)));
    TableStatements sql = PostgresDialect.forVersion(17).render(table, catalog(List.of("email"), "email", "citext", "S",
        "payload", "jsonb", "U", "at", "timestamp(3) with time zone", "D", "hits", "integer", "N",
        "name", "character varying(10)", "S"));
    assertThat(sql.sql(Operation.INSERT_IF_ABSENT)).isEqualTo(
        "INSERT INTO \"docs\" AS t (\"email\", \"payload\", \"at\", \"hits\", \"name\")"
            + " VALUES (CAST(:email AS citext), CAST(:payload AS jsonb), :at, :hits, :name)"
            + " ON CONFLICT (\"email\") DO NOTHING");
    assertThat(sql.sql(Operation.FIND)).endsWith(" WHERE \"email\" = CAST(:email AS citext)");
    assertThat(sql.batchSql(2)).contains("FROM unnest(CAST(CAST(:email AS text[]) AS citext[]),"
        + " CAST(CAST(:payload AS text[]) AS jsonb[]), CAST(CAST(:at AS text[]) AS timestamptz[]),"
        + " CAST(:hits AS int8[]), CAST(:name AS text[]))");
  }

  @Test
  void aKeyWithATypeModifierIsCastToItSoItCompares() {
    Table table = new Table("Moment", "", "moments", List.of(
        Column.key("at", "at", "at", Instant.class),
        Column.value("note", "note", "note", MergePolicy.OVERWRITE, String.class)));
    TableStatements sql = PostgresDialect.forVersion(17).render(table, catalog(List.of("at"),
        "at", "timestamp(3) with time zone", "D", "note", "text", "S"));
    assertThat(sql.sql(Operation.FIND)).endsWith(" WHERE \"at\" = CAST(:at AS timestamp(3) with time zone)");
    assertThat(sql.batchSql(2)).contains("unnest(CAST(CAST(:at AS text[]) AS timestamp(3) with time zone[]), CAST(:note AS text[]))");
  }

  @Test
  void anOrdinaryTableRendersTheSameOverItsCatalogAsWithout() {
    Table table = new Table("PageView", "", "page_views", List.of(
        Column.key("page", "page", "page", String.class),
        Column.key("day", "day", "day", LocalDate.class),
        Column.value("views", "views", "views", MergePolicy.INCREMENT, long.class),
        Column.value("last_seen", "lastSeen", "lastSeen", MergePolicy.OVERWRITE, Instant.class)));
    PostgresDialect dialect = PostgresDialect.forVersion(17);
    TableStatements plain = dialect.render(table);
    TableStatements typed = dialect.render(table, catalog(List.of("page", "day"), "page", "text", "S", "day", "date", "D",
        "views", "bigint", "N", "last_seen", "timestamp with time zone", "D"));
    for (Operation operation : Operation.values()) {
      assertThat(typed.sql(operation)).isEqualTo(plain.sql(operation));
    }
    assertThat(typed.batchSql(3)).isEqualTo(plain.batchSql(3));
    assertThat(typed.incrementSql(table.column(2))).isEqualTo(plain.incrementSql(table.column(2)));
  }
}
