package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Dialect;
import io.github.upserts.dialect.PostgresDialect;
import io.github.upserts.dialect.Table;
import io.github.upserts.exec.Binder;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.schema.Catalog;
import io.github.upserts.schema.CatalogTable;
import io.github.upserts.it.TestDatabases.Database;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dialect is detected from the connection once per Jdbi, and can be set explicitly. */
class DialectConfigTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void detectsPostgresOfTheServersVersionOncePerJdbi(Database db) throws Exception {
    Jdbi jdbi = db.jdbi();
    int major = jdbi.withHandle(h -> h.getConnection().getMetaData().getDatabaseMajorVersion());
    Dialect first = jdbi.withHandle(Upserts::dialect);
    Dialect second = jdbi.withHandle(Upserts::dialect);
    assertThat(first).isEqualTo(PostgresDialect.forVersion(major));
    assertThat(second).isSameInstanceAs(first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void anExplicitDialectIsUsedInsteadOfDetection(Database db) {
    try (Handle h = db.jdbi().open()) {
      Schema.reset(h);
      CountingDialect counting = new CountingDialect(PostgresDialect.forVersion(15));
      h.getConfig(Upserts.class).setDialect(counting);
      assertThat(PageViewUpserts.upsert(h, new PageView("/d", DAY, 1, null))).isEqualTo(Outcome.INSERTED);
      assertThat(PageViewUpserts.incrementViews(h, "/d", DAY, 1)).isEqualTo(2);
      assertThat(counting.calls.get()).isEqualTo(2);
      assertThat(counting.renders.get()).isEqualTo(1); // SQL rendered once, then cached
    }
  }

  /** Delegates to PostgreSQL and counts what the generated code asked of it. */
  private static final class CountingDialect extends Dialect {
    final Dialect delegate;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger renders = new AtomicInteger();

    CountingDialect(Dialect delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return "counting " + delegate.name();
    }

    @Override
    public TableStatements render(Table table, CatalogTable stored) {
      renders.incrementAndGet();
      TableStatements statements = delegate.render(table, stored);
      return new Counted(statements);
    }

    @Override
    public Catalog catalog() {
      return delegate.catalog();
    }

    /** The delegate's statements, counting the operations the generated code runs. */
    private final class Counted implements TableStatements {
      private final TableStatements delegate;

      Counted(TableStatements delegate) {
        this.delegate = delegate;
      }

      @Override
      public Rendering rendering() {
        return delegate.rendering();
      }

      @Override
      public String batchSql(int rows) {
        return delegate.batchSql(rows);
      }

      @Override
      public Outcome upsert(Handle handle, Binder row) {
        calls.incrementAndGet();
        return delegate.upsert(handle, row);
      }

      @Override
      public <T> T writeThenRead(Handle handle, String statement, Binder row, RowMapper<T> mapper) {
        calls.incrementAndGet();
        return delegate.writeThenRead(handle, statement, row, mapper);
      }

      @Override
      public boolean insertIfAbsent(Handle handle, Binder row) {
        calls.incrementAndGet();
        return delegate.insertIfAbsent(handle, row);
      }

      @Override
      public <T> Optional<T> find(Handle handle, Binder key, RowMapper<T> mapper) {
        calls.incrementAndGet();
        return delegate.find(handle, key, mapper);
      }

      @Override
      public <N> N increment(Handle handle, Column counter, Binder keyAndDelta, Class<N> type) {
        calls.incrementAndGet();
        return delegate.increment(handle, counter, keyAndDelta, type);
      }

      @Override
      public int batchRows() {
        return delegate.batchRows();
      }

      @Override
      public BatchOutcome upsertBatch(Handle handle, List<Object[]> rows) {
        calls.incrementAndGet();
        return delegate.upsertBatch(handle, rows);
      }
    }
  }
}
