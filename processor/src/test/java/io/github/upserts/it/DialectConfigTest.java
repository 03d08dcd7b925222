package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.dialect.Binder;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Dialect;
import io.github.upserts.dialect.PostgresDialect;
import io.github.upserts.dialect.RenderedSql;
import io.github.upserts.dialect.Table;
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
    public RenderedSql render(Table table) {
      renders.incrementAndGet();
      return delegate.render(table);
    }

    @Override
    public Outcome upsert(Handle handle, RenderedSql sql, Binder row) {
      calls.incrementAndGet();
      return delegate.upsert(handle, sql, row);
    }

    @Override
    public <T> T upsertReturning(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper) {
      calls.incrementAndGet();
      return delegate.upsertReturning(handle, sql, row, mapper);
    }

    @Override
    public boolean insertIfAbsent(Handle handle, RenderedSql sql, Binder row) {
      calls.incrementAndGet();
      return delegate.insertIfAbsent(handle, sql, row);
    }

    @Override
    public <T> T getOrInsert(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper) {
      calls.incrementAndGet();
      return delegate.getOrInsert(handle, sql, row, mapper);
    }

    @Override
    public void verifySchema(Handle handle, Table table) {
      calls.incrementAndGet();
      delegate.verifySchema(handle, table);
    }

    @Override
    public int batchRows(RenderedSql sql) {
      return delegate.batchRows(sql);
    }

    @Override
    public BatchOutcome upsertBatch(Handle handle, RenderedSql sql, List<Object[]> rows) {
      calls.incrementAndGet();
      return delegate.upsertBatch(handle, sql, rows);
    }

    @Override
    public <T> Optional<T> find(Handle handle, RenderedSql sql, Binder key, RowMapper<T> mapper) {
      calls.incrementAndGet();
      return delegate.find(handle, sql, key, mapper);
    }

    @Override
    public <N> N increment(
        Handle handle, RenderedSql sql, Column column, Binder keyAndDelta, Class<N> type) {
      calls.incrementAndGet();
      return delegate.increment(handle, sql, column, keyAndDelta, type);
    }
  }
}
