package io.github.upserts.benchmarks;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.dialect.PostgresDialect;
import io.github.upserts.exec.Operation;
import io.github.upserts.exec.TableStatements;
import java.time.Instant;
import java.util.Locale;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The hand-written contenders run the generated DAO's statements, not easier ones: the same
 * text up to identifier quotes and parameter markers; the {@code COPY} contender and jOOQ merge
 * by the same clause. (Hibernate cannot: it overwrites every column.)
 */
class HandWrittenSqlTest {
  private final TableStatements generated =
      PostgresDialect.forVersion(17).render(BenchRowUpserts.table());

  private static String unquoted(String sql) {
    return sql.replace("\"", "");
  }

  private static String positional(String sql) {
    return unquoted(sql).replaceAll(":[a-zA-Z]+", "?");
  }

  @Test
  void singleRowUpsertIsTheGeneratedOne() {
    assertThat(HandWritten.UPSERT_NAMED).isEqualTo(unquoted(generated.sql(Operation.UPSERT)));
    assertThat(HandWritten.UPSERT).isEqualTo(positional(generated.sql(Operation.UPSERT)));
  }

  @Test
  void batchedRowIsTheGeneratedUpsertWithoutReturning() {
    String upsert = positional(generated.sql(Operation.UPSERT));
    assertThat(HandWritten.UPSERT_IN_BATCH).isEqualTo(upsert.substring(0, upsert.indexOf(" RETURNING")));
  }

  @Test
  void unnestIsTheGeneratedBulkStatement() {
    assertThat(HandWritten.UPSERT_UNNEST_TEXT_ARRAY).isEqualTo(positional(generated.batchSql(1)));
  }

  @Test
  void unnestAsDocumentedDiffersOnlyInHowTheInstantsAreBound() {
    assertThat(HandWritten.UPSERT_UNNEST).isEqualTo(positional(generated.batchSql(1))
        .replace("CAST(CAST(? AS text[]) AS timestamptz[])", "CAST(? AS timestamptz[])"));
    assertThat(HandWritten.UPSERT_UNNEST).isNotEqualTo(HandWritten.UPSERT_UNNEST_TEXT_ARRAY);
  }

  @Test
  void incrementIsTheGeneratedOne() {
    String increment = generated.incrementSql(BenchRowUpserts.table().column(2));
    assertThat(HandWritten.INCREMENT_NAMED).isEqualTo(unquoted(increment));
    assertThat(HandWritten.INCREMENT).isEqualTo(positional(increment));
  }

  @Test
  void chunksAsTheGeneratedDao() {
    assertThat(HandWritten.CHUNK).isEqualTo(generated.batchRows());
  }

  @Test
  void copyMergesByTheGeneratedConflictClause() {
    String upsert = positional(generated.sql(Operation.UPSERT));
    String conflict = upsert.substring(upsert.indexOf(" ON CONFLICT"));
    assertThat(HandWritten.UPSERT_FROM_COPY).contains(
        "INSERT INTO bench_rows AS t (id, name, hits, seen) SELECT id, name, hits, seen FROM bench_rows_in"
            + conflict + ")");
  }

  @Test
  void copyTextEscapesWhatTheFormatReserves() {
    assertThat(HandWritten.copyText(new StringBuilder(), "a\\b\tc\nd\re").toString())
        .isEqualTo("a\\\\b\\tc\\nd\\re");
    assertThat(HandWritten.copyText(new StringBuilder(), null).toString()).isEqualTo("\\N");
  }

  /** jOOQ renders the generated statement, up to case, quotes, parentheses and a cast. */
  @Test
  void jooqRendersTheGeneratedStatement() {
    String sql = Jooq.upsertQuery(DSL.using(SQLDialect.POSTGRES),
        new BenchRow(1, "name", 1, Instant.EPOCH)).getSQL();

    assertThat(sql.replace("\"", "")
        .replace("cast(? as timestamp with time zone)", "?")
        .replace("= (coalesce(t.hits, 0) + coalesce(excluded.hits, 0))",
            "= coalesce(t.hits, 0) + coalesce(excluded.hits, 0)"))
        .isEqualTo(positional(generated.sql(Operation.UPSERT)).toLowerCase(Locale.ROOT));
    String batched = Jooq.batchQuery(DSL.using(SQLDialect.POSTGRES)).getSQL();
    assertThat(batched).isEqualTo(sql.substring(0, sql.indexOf(" returning")));
  }
}
