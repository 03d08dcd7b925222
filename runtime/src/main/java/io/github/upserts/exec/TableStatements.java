package io.github.upserts.exec;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The statements of one table in one database, rendered once, and how each operation runs them
 * and reads what the database reports. Each dialect has its own implementation, holding exactly
 * the statements it needs. Instances are immutable and thread-safe.
 */
public interface TableStatements {

  /** The table the statements were rendered for. */
  Table table();

  /** The main statement of {@code operation}, e.g. for documentation. */
  String sql(Operation operation);

  /**
   * The statement that upserts {@code rows} rows at once (the same text for every count where
   * it does not depend on it).
   *
   * @throws IllegalStateException when this table's batches are written row by row
   */
  String batchSql(int rows);

  /** The statement of the increment method of {@code counter}. */
  String incrementSql(Column counter);

  /**
   * Inserts or updates one row; tells which happened, including {@link Outcome#SKIPPED} and
   * {@link Outcome#UNCHANGED} when nothing was written.
   */
  Outcome upsert(Handle handle, Binder row);

  /** Inserts or updates one row; returns the row as now stored. */
  <T> T upsertReturning(Handle handle, Binder row, RowMapper<T> mapper);

  /** Inserts one row unless its key exists; true when it inserted. */
  boolean insertIfAbsent(Handle handle, Binder row);

  /** Inserts one row unless its key exists, never writing to an existing row; returns the stored row. */
  <T> T getOrInsert(Handle handle, Binder row, RowMapper<T> mapper);

  /** Selects the row with the key bound by {@code key}. */
  <T> Optional<T> find(Handle handle, Binder key, RowMapper<T> mapper);

  /** Adds the delta bound under {@code counter}'s parameter, creating the row when absent; returns the new value. */
  <N> N increment(Handle handle, Column counter, Binder keyAndDelta, Class<N> type);

  /** How many distinct rows one batch statement takes at most. */
  int batchRows();

  /**
   * Upserts {@code rows} (values in {@link Table#columns()} order, distinct keys, in lock order)
   * in one statement; the outcome counts those rows ({@code merged} is the caller's to fill in).
   */
  BatchOutcome upsertBatch(Handle handle, List<Object[]> rows);
}
