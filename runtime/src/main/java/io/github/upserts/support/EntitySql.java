package io.github.upserts.support;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.dialect.Binder;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Dialect;
import io.github.upserts.dialect.RenderedSql;
import io.github.upserts.dialect.Table;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The statements of one entity: its {@link Table}, the SQL rendered from it once per
 * {@link Dialect}, and the row mapper that reads it back. A generated DAO holds one as a
 * constant and delegates every method to it, so the SQL is never rebuilt per call.
 *
 * @param <T> the entity type
 */
public final class EntitySql<T> {
  private final Table table;
  private final RowMapper<T> mapper;
  private final Renderings rendered;
  private final Batches.Projection incrementColumns;
  private final Renderings incrementsRendered;

  public EntitySql(Table table, RowMapper<T> mapper) {
    this.table = Objects.requireNonNull(table, "table");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.rendered = new Renderings(table);
    this.incrementColumns = Batches.Projection.increments(table);
    this.incrementsRendered = new Renderings(incrementColumns.table());
  }

  public Table table() {
    return table;
  }

  /** The statements of this entity in {@code dialect}, rendered on first use. */
  public RenderedSql sql(Dialect dialect) {
    return rendered.in(dialect);
  }

  /** One table's statements per dialect, rendered once. */
  private static final class Renderings {
    private final Table table;
    private final Map<Dialect, RenderedSql> byDialect = new ConcurrentHashMap<>();
    /** The last dialect's statements: almost every application talks to one database. */
    private volatile Rendering last;

    private record Rendering(Dialect dialect, RenderedSql sql) {}

    Renderings(Table table) {
      this.table = table;
    }

    RenderedSql in(Dialect dialect) {
      Rendering recent = last;
      if (recent != null && recent.dialect().equals(dialect)) {
        return recent.sql();
      }
      RenderedSql sql = byDialect.computeIfAbsent(dialect, d -> d.render(table));
      last = new Rendering(dialect, sql);
      return sql;
    }
  }

  public Outcome upsert(Handle handle, Binder row) {
    Dialect dialect = Upserts.dialect(handle);
    return dialect.upsert(handle, sql(dialect), row);
  }

  public T upsertReturning(Handle handle, Binder row) {
    Dialect dialect = Upserts.dialect(handle);
    return dialect.upsertReturning(handle, sql(dialect), row, mapper);
  }

  public boolean insertIfAbsent(Handle handle, Binder row) {
    Dialect dialect = Upserts.dialect(handle);
    return dialect.insertIfAbsent(handle, sql(dialect), row);
  }

  public T getOrInsert(Handle handle, Binder row) {
    Dialect dialect = Upserts.dialect(handle);
    return dialect.getOrInsert(handle, sql(dialect), row, mapper);
  }

  public Optional<T> find(Handle handle, Binder key) {
    Dialect dialect = Upserts.dialect(handle);
    return dialect.find(handle, sql(dialect), key, mapper);
  }

  /**
   * Upserts every row, in chunks; see {@link Batches}. {@code values} gives a row's column
   * values in {@link Table#columns()} order, after checking the row (null keys throw).
   */
  public BatchOutcome upsertAll(
      Handle handle, Iterator<? extends T> rows, Function<? super T, Object[]> values) {
    if (!rows.hasNext()) {
      return BatchOutcome.EMPTY;
    }
    Dialect dialect = Upserts.dialect(handle);
    return Batches.write(handle, dialect, rendered.in(dialect), Batches.values(rows, values));
  }

  /**
   * Upserts every row, in chunks; see {@link Batches}. A collection larger than one chunk is
   * written in key order as a whole, so that concurrent calls cannot deadlock.
   */
  public BatchOutcome upsertAll(
      Handle handle, Iterable<? extends T> rows, Function<? super T, Object[]> values) {
    if (!(rows instanceof Collection<? extends T> collection)) {
      // iterated once only: some iterables hand out a single iterator
      return upsertAll(handle, rows.iterator(), values);
    }
    if (collection.isEmpty()) {
      return BatchOutcome.EMPTY;
    }
    Dialect dialect = Upserts.dialect(handle);
    RenderedSql sql = rendered.in(dialect);
    return Batches.write(handle, dialect, sql,
        Batches.inKeyOrder(collection, sql.table(), dialect.batchRows(sql), values));
  }

  /**
   * Adds each row's {@code @Increment} values to the stored row with its key, creating rows
   * (key and deltas) where absent; the row's other columns are ignored.
   */
  public BatchOutcome incrementAll(
      Handle handle, Iterator<? extends T> rows, Function<? super T, Object[]> values) {
    if (!rows.hasNext()) {
      return BatchOutcome.EMPTY;
    }
    Dialect dialect = Upserts.dialect(handle);
    return Batches.write(handle, dialect, incrementsRendered.in(dialect),
        Batches.values(rows, incrementValues(values)));
  }

  /** As {@link #incrementAll(Handle, Iterator, Function)}; a large collection goes in key order. */
  public BatchOutcome incrementAll(
      Handle handle, Iterable<? extends T> rows, Function<? super T, Object[]> values) {
    if (!(rows instanceof Collection<? extends T> collection)) {
      return incrementAll(handle, rows.iterator(), values);
    }
    if (collection.isEmpty()) {
      return BatchOutcome.EMPTY;
    }
    Dialect dialect = Upserts.dialect(handle);
    RenderedSql sql = incrementsRendered.in(dialect);
    Function<T, Object[]> increments = incrementValues(values);
    return Batches.write(handle, dialect, sql,
        Batches.inKeyOrder(collection, sql.table(), dialect.batchRows(sql), increments));
  }

  private Function<T, Object[]> incrementValues(Function<? super T, Object[]> values) {
    return row -> incrementColumns.of(values.apply(row));
  }

  /** Checks the database schema against this entity; see {@link Dialect#verifySchema}. */
  public void verifySchema(Handle handle) {
    Upserts.dialect(handle).verifySchema(handle, table);
  }

  /** Increments the column at {@code columnIndex} in {@link Table#columns()}. */
  public <N> N increment(Handle handle, int columnIndex, Binder keyAndDelta, Class<N> type) {
    Dialect dialect = Upserts.dialect(handle);
    return dialect.increment(handle, sql(dialect), table.column(columnIndex), keyAndDelta, type);
  }
}
