package io.github.upserts.dialect;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.Outcome;
import io.github.upserts.exec.Operation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQL of the open merge rules (#16) on every database; run for real by the processor module's tests. */
class MergeRulesRenderingTest {
  private static final Table NOTES = new Table("Note", "", "notes", List.of(
      Column.key("id", "id", "id", long.class),
      Column.value("body", "body", "body", MergePolicy.OVERWRITE, String.class).mergingWith("{stored} || ',' || {incoming}"),
      Column.value("score", "score", "score", MergePolicy.OVERWRITE, long.class).mergingWith("{stored} + 2 * {incoming.bonus}"),
      Column.value("bonus", "bonus", "bonus", MergePolicy.FILL_IF_NULL, Long.class),
      Column.value("status", "status", "status", MergePolicy.OVERWRITE, String.class)))
      .updatingWhen("{stored.status} <> 'locked'");

  private static final Table DOCS = new Table("Doc", "", "docs", List.of(
      Column.key("id", "id", "id", long.class),
      Column.value("text", "text", "text", MergePolicy.OVERWRITE, String.class),
      Column.value("version", "version", "version", MergePolicy.VERSION, long.class)));

  @Test
  void postgresRendersExpressionsFillConditionAndVersion() {
    String upsert = PostgresDialect.forVersion(17).render(NOTES).sql(Operation.UPSERT_RETURNING);
    assertThat(upsert).contains("\"body\" = (t.\"body\" || ',' || EXCLUDED.\"body\")");
    assertThat(upsert).contains("\"score\" = (t.\"score\" + 2 * EXCLUDED.\"bonus\")");
    assertThat(upsert).contains("\"bonus\" = COALESCE(t.\"bonus\", EXCLUDED.\"bonus\")");
    assertThat(upsert).contains(" WHERE ((t.\"status\" <> 'locked'))");

    String doc = PostgresDialect.forVersion(17).render(DOCS).sql(Operation.UPSERT);
    assertThat(doc).isEqualTo("INSERT INTO \"docs\" AS t (\"id\", \"text\", \"version\") VALUES (:id, :text,"
        + " CASE WHEN COALESCE(:version, 0) = 0 THEN 1 ELSE :version END) ON CONFLICT (\"id\") DO UPDATE SET"
        + " \"text\" = EXCLUDED.\"text\", \"version\" = COALESCE(t.\"version\", 0) + 1"
        + " WHERE (COALESCE(t.\"version\", 0) = COALESCE(:version, 0)) RETURNING (t.xmax = 0) AS inserted");
  }

  @Test
  void mariaDbReadsIncomingRowsAsValuesAndGuardsEachAssignment() {
    String upsert = MySqlDialect.forMariaDb().render(NOTES).sql(Operation.UPSERT);
    assertThat(upsert).contains("`body` = IF(LAST_INSERT_ID() & 1, (`notes`.`body` || ',' || VALUES(`body`)), `notes`.`body`)");
    assertThat(upsert).contains("IF((`notes`.`status` <> 'locked'), ");
    String doc = MySqlDialect.forMariaDb().render(DOCS).sql(Operation.UPSERT);
    assertThat(doc).contains("CASE WHEN COALESCE(:version, 0) = 0 THEN 1 ELSE :version END");
    assertThat(doc).contains("IF(COALESCE(`docs`.`version`, 0) = COALESCE(:version, 0), ");
    // the version is assigned last: the guard and every other expression read the stored one
    assertThat(doc.indexOf("`version` = IF(")).isGreaterThan(doc.indexOf("`text` = IF("));
  }

  @Test
  void mariaDbAssignsAColumnOnlyAfterTheExpressionsThatReadItsStoredValue() {
    Table table = new Table("Pair", "", "pairs", List.of(
        Column.key("id", "id", "id", long.class),
        Column.value("a", "a", "a", MergePolicy.OVERWRITE, long.class),
        Column.value("b", "b", "b", MergePolicy.OVERWRITE, long.class).mergingWith("{stored} + {stored.a}")));
    String upsert = MySqlDialect.forMariaDb().render(table).sql(Operation.UPSERT);
    assertThat(upsert.indexOf("`b` = IF(")).isLessThan(upsert.indexOf("`a` = IF("));

    Table cycle = new Table("Cycle", "", "cycles", List.of(
        Column.key("id", "id", "id", long.class),
        Column.value("a", "a", "a", MergePolicy.OVERWRITE, long.class).mergingWith("{stored.b}"),
        Column.value("b", "b", "b", MergePolicy.OVERWRITE, long.class).mergingWith("{stored.a}")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MySqlDialect.forMariaDb().render(cycle));
    assertThat(e).hasMessageThat().contains("The @MergeWith expressions of Cycle's fields [a, b] (table cycles) read each"
        + " other's stored values");
    // where every column is assigned from the stored row at once, a cycle is fine
    assertThat(PostgresDialect.forVersion(17).render(cycle).sql(Operation.UPSERT)).contains("\"a\" = (t.\"b\")");
  }

  @Test
  void h2AndSqliteRenderTheSamePlan() {
    String h2 = H2Dialect.standard().render(NOTES).sql(Operation.UPSERT);
    assertThat(h2).contains("WHEN MATCHED AND ((T.\"STATUS\" <> 'locked'))".replace("T.", "t."));
    assertThat(h2).contains("\"BODY\" = (t.\"BODY\" || ',' || :body)");
    String sqlite = SqliteDialect.forVersion(3, 45).render(NOTES).sql(Operation.UPSERT);
    assertThat(sqlite).contains("\"body\" = (t.\"body\" || ',' || EXCLUDED.\"body\")");
    assertThat(sqlite).contains("WHERE ((t.\"status\" <> 'locked'))");
  }

  @Test
  void untouchedOutcomesAndWhatTellsThemApart() {
    assertThat(NOTES.untouchedOutcomes()).containsExactly(Outcome.SKIPPED);
    assertThat(DOCS.untouchedOutcomes()).containsExactly(Outcome.STALE);
    assertThat(DOCS.writtenRowByRow()).isTrue();
    assertThat(NOTES.writtenRowByRow()).isFalse();
    assertThat(NOTES.mergesInJava()).isFalse();

    Table both = new Table("Doc", "", "docs", DOCS.columns(), true).updatingWhen("{stored.text} <> 'frozen'");
    assertThat(both.untouchedOutcomes()).containsExactly(Outcome.STALE, Outcome.SKIPPED);
    String query = io.github.upserts.sql.UpsertPlan.upsert(both).untouchedQuery(io.github.upserts.sql.PostgresSpelling.PLAIN);
    assertThat(query).isEqualTo("SELECT CASE WHEN (COALESCE(t.\"version\", 0) = COALESCE(:version, 0)) THEN"
        + " CASE WHEN ((t.\"text\" <> 'frozen')) THEN CASE WHEN (ROW(t.\"text\", t.\"version\") IS DISTINCT FROM"
        + " ROW(:text, COALESCE(t.\"version\", 0) + 1)) THEN 'UNCHANGED' ELSE 'UNCHANGED' END ELSE 'SKIPPED' END"
        + " ELSE 'STALE' END FROM \"docs\" AS t WHERE \"id\" = :id");

    Table unchangedOrSkipped = new Table("Note", "", "notes", List.of(NOTES.column(0), NOTES.column(4)), true)
        .updatingWhen("{stored.status} <> 'locked'");
    assertThat(unchangedOrSkipped.untouchedOutcomes()).containsExactly(Outcome.SKIPPED, Outcome.UNCHANGED);
    assertThat(unchangedOrSkipped.writtenRowByRow()).isTrue();
    assertThat(MySqlDialect.forMariaDb().render(unchangedOrSkipped).rendering().untouchedQuery())
        .contains("FROM `notes` WHERE `id` = :id");
  }

  @Test
  void namedColumnsLeaveTheOthersToTheInsert() {
    Table chosen = NOTES.updating(Set.of(NOTES.column("status")));
    String upsert = PostgresDialect.forVersion(17).render(chosen).sql(Operation.UPSERT);
    assertThat(upsert).contains("DO UPDATE SET \"status\" = EXCLUDED.\"status\" WHERE");
    assertThat(upsert).startsWith("INSERT INTO \"notes\" AS t (\"id\", \"body\", \"score\", \"bonus\", \"status\")");
    // the version is always checked and moved
    Table doc = DOCS.updating(Set.of());
    assertThat(PostgresDialect.forVersion(17).render(doc).sql(Operation.UPSERT))
        .contains("DO UPDATE SET \"version\" = COALESCE(t.\"version\", 0) + 1 WHERE");
  }

  @Test
  void malformedTemplatesAndUnknownFieldsAreRefusedWhenTheTableIsBuilt() {
    Column body = Column.value("body", "body", "body", MergePolicy.OVERWRITE, String.class);
    for (String bad : List.of("{stored} || {incomming}", "{stored", "({stored}", "{stored})", "'{stored}",
        "{stored} -- x", "{stored}; DROP TABLE x", " ", "{stored.nope}")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Table("Note", "", "notes",
          List.of(Column.key("id", "id", "id"), body.mergingWith(bad))), bad);
      assertThat(e).hasMessageThat().contains("@MergeWith of body of Note");
    }
    IllegalArgumentException own = assertThrows(IllegalArgumentException.class,
        () -> new Table("Note", "", "notes", List.of(Column.key("id", "id", "id"), body)).updatingWhen("{stored} <> 'x'"));
    assertThat(own).hasMessageThat().contains("names no column here");
    // braces in quotes are SQL text
    Table json = new Table("Note", "", "notes", List.of(Column.key("id", "id", "id"), body.mergingWith("'{\"a\": 1}'")));
    assertThat(PostgresDialect.forVersion(17).render(json).sql(Operation.UPSERT)).contains("\"body\" = ('{\"a\": 1}')");
    assertThrows(IllegalArgumentException.class, () -> new Table("Doc", "", "docs", List.of(DOCS.column(0),
        DOCS.column(2), Column.value("v2", "v2", "v2", MergePolicy.NEWER_WINS, long.class))));
  }
}
