package io.github.upserts.benchmarks;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.dialect.PostgresDialect;
import io.github.upserts.dialect.RenderedSql;
import org.junit.jupiter.api.Test;

/**
 * The hand-written contenders run the generated DAO's statements, not easier ones: the same
 * text up to identifier quotes and parameter markers.
 */
class HandWrittenSqlTest {
  private final RenderedSql generated =
      PostgresDialect.forVersion(17).render(BenchRowUpserts.table());

  private static String unquoted(String sql) {
    return sql.replace("\"", "");
  }

  private static String positional(String sql) {
    return unquoted(sql).replaceAll(":[a-zA-Z]+", "?");
  }

  @Test
  void singleRowUpsertIsTheGeneratedOne() {
    assertThat(HandWritten.UPSERT_NAMED).isEqualTo(unquoted(generated.upsert()));
    assertThat(HandWritten.UPSERT).isEqualTo(positional(generated.upsert()));
  }

  @Test
  void batchedRowIsTheGeneratedUpsertWithoutReturning() {
    String upsert = positional(generated.upsert());
    assertThat(HandWritten.UPSERT_IN_BATCH).isEqualTo(upsert.substring(0, upsert.indexOf(" RETURNING")));
  }

  @Test
  void unnestIsTheGeneratedBulkStatement() {
    assertThat(HandWritten.UPSERT_UNNEST).isEqualTo(positional(generated.batchUpsert()));
  }

  @Test
  void incrementIsTheGeneratedOne() {
    String increment = generated.increment(BenchRowUpserts.table().column(2));
    assertThat(HandWritten.INCREMENT_NAMED).isEqualTo(unquoted(increment));
    assertThat(HandWritten.INCREMENT).isEqualTo(positional(increment));
  }

  @Test
  void chunksAsTheGeneratedDao() {
    assertThat(HandWritten.CHUNK).isEqualTo(PostgresDialect.forVersion(17).batchRows(generated));
  }
}
