package io.github.upserts.dialect;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * One database's way of running the statements of a generated DAO: it renders the SQL of a
 * {@link Table} once ({@link #render}) and executes each statement kind, reading the result the
 * way that database reports it. Every statement is a single atomic statement.
 *
 * <p>Instances are immutable and thread-safe; two dialects are equal when they render the same
 * SQL, which lets rendered statements be cached per dialect.
 */
public abstract class Dialect {

  /** A short human-readable name, e.g. {@code PostgreSQL 17}. */
  public abstract String name();

  /** Renders every statement kind of {@code table}. Called once per table and dialect. */
  public abstract RenderedSql render(Table table);

  /**
   * Inserts or updates one row, bound by {@code row}; tells which happened, including
   * {@link Outcome#SKIPPED} and {@link Outcome#UNCHANGED} when nothing was written.
   */
  public abstract Outcome upsert(Handle handle, RenderedSql sql, Binder row);

  /** Inserts or updates one row, bound by {@code row}; returns the row as now stored. */
  public abstract <T> T upsertReturning(
      Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper);

  /** Inserts one row unless its key exists; true when it inserted. */
  public abstract boolean insertIfAbsent(Handle handle, RenderedSql sql, Binder row);

  /**
   * Inserts one row unless its key exists, never writing to an existing row; returns the stored
   * row: the existing one untouched, or the inserted one.
   */
  public abstract <T> T getOrInsert(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper);

  /** Selects the row with the key bound by {@code key}: a plain select, the same everywhere. */
  public <T> Optional<T> find(Handle handle, RenderedSql sql, Binder key, RowMapper<T> mapper) {
    try (Query query = query(handle, sql.find())) {
      key.bind(query);
      return query.map(mapper).findOne();
    }
  }

  /**
   * Adds the delta bound under {@code column}'s parameter to that column of the row whose key
   * {@code keyAndDelta} binds, creating the row when absent; returns the new stored value.
   */
  public abstract <N> N increment(
      Handle handle, RenderedSql sql, Column column, Binder keyAndDelta, Class<N> type);

  /** How many distinct rows one batch statement takes at most, e.g. by the bind-parameter limit. */
  public abstract int batchRows(RenderedSql sql);

  /**
   * Upserts {@code rows} (values in {@link Table#columns()} order, distinct keys, already in
   * lock order) in one statement. The returned outcome counts those rows ({@code rows} and
   * {@code merged} are the caller's to fill in).
   */
  public abstract BatchOutcome upsertBatch(Handle handle, RenderedSql sql, List<Object[]> rows);

  /**
   * Checks that the table of {@code table} exists, has every mapped column and a unique
   * constraint or unique index on exactly the key columns.
   *
   * @throws io.github.upserts.SchemaMismatchException listing every mismatch and the DDL that
   *     fixes it
   */
  public abstract void verifySchema(Handle handle, Table table);

  /**
   * A query of {@code sql} on {@code handle}, set up as this database needs before any value is
   * bound: by default as JDBI creates it.
   */
  protected Query query(Handle handle, String sql) {
    return handle.createQuery(sql);
  }

  /** An update of {@code sql} on {@code handle}, set up like {@link #query}. */
  protected Update update(Handle handle, String sql) {
    return handle.createUpdate(sql);
  }

  @Override
  public String toString() {
    return name();
  }
}
