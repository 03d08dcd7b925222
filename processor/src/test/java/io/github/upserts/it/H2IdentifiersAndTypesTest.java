package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.dialect.Dialect;
import io.github.upserts.dialect.Dialects;
import io.github.upserts.dialect.H2Dialect;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * What only H2 needs: identifier case folding (detected from the connection), verbatim names,
 * schemas, and column types carried exactly through multi-row batches (cast per Java type) and
 * through row-by-row batches (types H2 cannot be told: lists, the user's own).
 */
class H2IdentifiersAndTypesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private static Jdbi database(String name, String settings) {
    return Jdbi.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + settings);
  }

  @Test
  void theCaseFoldingIsDetectedFromTheConnection() throws SQLException {
    assertThat(detect("folding_upper", "")).isEqualTo(H2Dialect.standard());
    assertThat(detect("folding_lower", ";DATABASE_TO_LOWER=TRUE")).isEqualTo(H2Dialect.withoutCaseFolding());
    assertThat(detect("folding_none", ";DATABASE_TO_UPPER=FALSE")).isEqualTo(H2Dialect.withoutCaseFolding());
  }

  private static Dialect detect(String name, String settings) throws SQLException {
    try (Handle h = database(name, settings).open()) {
      return Dialects.detect(h.getConnection());
    }
  }

  @Test
  void aDatabaseThatFoldsToLowerCaseTakesTheNamesVerbatim() {
    try (Handle h = database("lower_case", ";DATABASE_TO_LOWER=TRUE").open()) {
      h.execute("CREATE TABLE page_views (page varchar NOT NULL, \"day\" date NOT NULL,"
          + " views bigint NOT NULL DEFAULT 0, last_seen timestamp with time zone,"
          + " PRIMARY KEY (page, \"day\"))");
      PageViewUpserts.verifySchema(h);
      assertThat(PageViewUpserts.upsert(h, new PageView("/l", DAY, 2, T0))).isEqualTo(Outcome.INSERTED);
      assertThat(PageViewUpserts.incrementViews(h, "/l", DAY, 3)).isEqualTo(5);
      assertThat(PageViewUpserts.upsertAll(h, List.of(new PageView("/l", DAY, 1, T0))).updated())
          .isEqualTo(1);
      assertThat(PageViewUpserts.find(h, "/l", DAY)).hasValue(new PageView("/l", DAY, 6, T0));
    }
  }

  @Test
  void aTableCreatedWithAQuotedLowerCaseNameIsReportedWithTheCaseDifference() {
    try (Handle h = database("quoted_lower_case", "").open()) {
      h.execute("CREATE TABLE \"tags\" (\"name\" varchar PRIMARY KEY)");
      SchemaMismatchException e =
          assertThrows(SchemaMismatchException.class, () -> TagUpserts.verifySchema(h));
      assertThat(e.getMessage()).contains("[tags] differs only in letter case");
      assertThat(e.fixes()).containsExactly(
          "CREATE TABLE \"TAGS\" (\"NAME\" CHARACTER VARYING NOT NULL, PRIMARY KEY (\"NAME\"))");
      e.fixes().forEach(h::execute);
      TagUpserts.verifySchema(h);
      assertThat(TagUpserts.upsert(h, new Tag("java"))).isEqualTo(Outcome.INSERTED);
    }
  }

  @Test
  void missingColumnsAndAKeyWithoutUniqueIndexAreFoundAndFixed() {
    try (Handle h = database("missing_columns", "").open()) {
      h.execute("CREATE TABLE page_views (page varchar NOT NULL, \"DAY\" date NOT NULL)");
      SchemaMismatchException e =
          assertThrows(SchemaMismatchException.class, () -> PageViewUpserts.verifySchema(h));
      assertThat(e.fixes()).containsExactly(
          "ALTER TABLE \"PAGE_VIEWS\" ADD COLUMN \"VIEWS\" BIGINT",
          "ALTER TABLE \"PAGE_VIEWS\" ADD COLUMN \"LAST_SEEN\" TIMESTAMP(9) WITH TIME ZONE",
          "ALTER TABLE \"PAGE_VIEWS\" ADD UNIQUE (\"PAGE\", \"DAY\")");
      e.fixes().forEach(h::execute);
      PageViewUpserts.verifySchema(h);
      // a unique index (not a constraint) on the key counts too
      h.execute("DROP TABLE page_views");
      h.execute("CREATE TABLE page_views (page varchar, \"DAY\" date, views bigint,"
          + " last_seen timestamp with time zone)");
      h.execute("CREATE UNIQUE INDEX page_views_key ON page_views (\"DAY\", page)");
      PageViewUpserts.verifySchema(h);
    }
  }

  @Test
  void verbatimNamesAndSchemas() {
    try (Handle h = database("verbatim", "").open()) {
      h.execute("CREATE SCHEMA upserts_it");
      h.execute("CREATE TABLE upserts_it.\"Label Set\" (code varchar PRIMARY KEY, \"Display Name\" varchar)");
      LabelUpserts.verifySchema(h);
      assertThat(LabelUpserts.upsert(h, new Label("en", "English"))).isEqualTo(Outcome.INSERTED);
      assertThat(LabelUpserts.upsert(h, new Label("en", "Anglais"))).isEqualTo(Outcome.UPDATED);
      assertThat(LabelUpserts.upsertAll(h, List.of(new Label("fr", "French"), new Label("en", "E")))
          .inserted()).isEqualTo(1);
      assertThat(h.createQuery("SELECT \"Display Name\" FROM UPSERTS_IT.\"Label Set\" ORDER BY code")
          .mapTo(String.class).list()).containsExactly("E", "French").inOrder();
    }
  }

  @Test
  void multiRowBatchesCarryUuidsDecimalsAndEnumsExactly() {
    try (Handle h = database("typed_batches", "").open()) {
      h.execute("CREATE TABLE accounts (id uuid PRIMARY KEY, email varchar,"
          + " balance numeric(20, 2), status varchar)");
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      BatchOutcome first = AccountUpserts.upsertAll(h, List.of(
          Account.of(a, "a@x.org", "0.10", Account.Status.OPEN),
          Account.of(b, "b@x.org", "1.00", Account.Status.FROZEN),
          Account.of(a, "a2@x.org", "0.20", Account.Status.FROZEN)));
      assertThat(first).isEqualTo(new BatchOutcome(3, 1, 2, 0, 0, 0, true));
      BatchOutcome second = AccountUpserts.incrementAll(h, List.of(
          Account.of(a, null, "0.05", null), Account.of(b, null, "12345678901234567.89", null)));
      assertThat(second).isEqualTo(new BatchOutcome(2, 0, 0, 2, 0, 0, true));
      Account stored = AccountUpserts.find(h, a).orElseThrow();
      assertThat(stored.email).isEqualTo("a2@x.org");
      assertThat(stored.balance).isEqualTo(new BigDecimal("0.35"));
      assertThat(stored.status).isEqualTo(Account.Status.FROZEN);
      assertThat(AccountUpserts.find(h, b).orElseThrow().balance)
          .isEqualTo(new BigDecimal("12345678901234568.89"));
    }
  }

  @Test
  void batchesLargerThanAChunkAreWrittenChunkByChunk() {
    try (Handle h = database("chunks", "").open()) {
      h.execute("CREATE TABLE page_views (page varchar NOT NULL, \"DAY\" date NOT NULL,"
          + " views bigint NOT NULL DEFAULT 0, last_seen timestamp with time zone,"
          + " PRIMARY KEY (page, \"DAY\"))");
      List<PageView> rows = new java.util.ArrayList<>();
      for (int i = 0; i < 2_500; i++) {
        rows.add(new PageView("/c" + i, DAY, i, T0));
      }
      assertThat(PageViewUpserts.upsertAll(h, rows)).isEqualTo(new BatchOutcome(2_500, 0, 2_500, 0, 0, 0, true));
      rows.add(new PageView("/new", DAY, 1, T0));
      assertThat(PageViewUpserts.incrementAll(h, rows)).isEqualTo(new BatchOutcome(2_501, 0, 1, 2_500, 0, 0, true));
      assertThat(PageViewUpserts.find(h, "/c2499", DAY).orElseThrow().views()).isEqualTo(2 * 2_499);
    }
  }

  @Test
  void typesH2CannotBeToldAreBatchedRowByRowAndStayExact() {
    try (Handle h = database("row_by_row", "").open()) {
      h.execute("CREATE TABLE documents (id uuid PRIMARY KEY, body varbinary,"
          + " tags varchar array, price bigint)");
      Document.registerMoney(h);
      UUID id = UUID.randomUUID();
      UUID other = UUID.randomUUID();
      byte[] body = {1, 2, 3, (byte) 0xff};
      BatchOutcome first = DocumentUpserts.upsertAll(h, List.of(
          new Document(id, new byte[] {9}, List.of("x"), new Document.Money(1)),
          new Document(other, new byte[0], List.of(), null),
          new Document(id, body, List.of("a", "b"), new Document.Money(150))));
      assertThat(first).isEqualTo(new BatchOutcome(3, 1, 2, 0, 0, 0, true));
      assertThat(DocumentUpserts.upsertAll(h, List.of(new Document(other, body, List.of("c"), null))))
          .isEqualTo(new BatchOutcome(1, 0, 0, 1, 0, 0, true));
      Document found = DocumentUpserts.find(h, id).orElseThrow();
      assertThat(found.body()).isEqualTo(body);
      assertThat(found.tags()).containsExactly("a", "b").inOrder();
      assertThat(found.price()).isEqualTo(new Document.Money(150));
      assertThat(DocumentUpserts.find(h, other).orElseThrow().tags()).containsExactly("c");
    }
  }

  @Test
  void conditionalBatchesCountSkippedAndUnchangedRowsExactly() {
    try (Handle h = database("conditional_batches", "").open()) {
      h.execute("CREATE TABLE readings (sensor varchar PRIMARY KEY, taken_at timestamp with time zone,"
          + " \"VALUE\" double precision)");
      h.execute("CREATE TABLE settings (name varchar PRIMARY KEY, \"VALUE\" varchar,"
          + " created_at timestamp with time zone)");
      ReadingUpserts.upsertAll(h, List.of(
          new Reading("a", T0, 1.0), new Reading("b", T0, 2.0), new Reading("c", null, 3.0)));
      BatchOutcome readings = ReadingUpserts.upsertAll(h, List.of(
          new Reading("a", T0.minusSeconds(1), 9.0),
          new Reading("b", T0.plusSeconds(1), 9.0),
          new Reading("c", T0, 9.0),
          new Reading("d", T0, 9.0)));
      assertThat(readings).isEqualTo(new BatchOutcome(4, 0, 1, 2, 1, 0, true));
      assertThat(ReadingUpserts.find(h, "a")).hasValue(new Reading("a", T0, 1.0));

      SettingUpserts.upsertAll(h, List.of(new Setting("x", "1", T0), new Setting("y", "2", T0)));
      BatchOutcome settings = SettingUpserts.upsertAll(h, List.of(
          new Setting("x", "1", T0), new Setting("y", "3", T0), new Setting("z", "4", T0)));
      assertThat(settings).isEqualTo(new BatchOutcome(3, 0, 1, 1, 0, 1, true));
    }
  }
}
