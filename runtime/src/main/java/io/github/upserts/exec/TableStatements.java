package io.github.upserts.exec;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import io.github.upserts.Upserted;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The statements of one table in one database, rendered once, and how each operation runs them
 * and reads what the database reports. Each dialect has its own implementation, holding exactly
 * the statements it needs beside the {@link Rendering} every dialect has. Instances are
 * immutable and thread-safe.
 */
public interface TableStatements {

  /**
   * What every dialect renders for a table: the main statement of each operation, the increment
   * statement of each counter, and the factory of the table's JDBI statements.
   */
  record Rendering(Table table, Statements run, Map<Operation, String> sql, Map<String, String> increments,
      IntFunction<String> findMany, String untouchedQuery) {
    public Rendering {
      sql = new EnumMap<>(sql);
      increments = Map.copyOf(increments);
      java.util.Objects.requireNonNull(findMany, "findMany");
    }

    /**
     * With the plain select of many keys ({@link io.github.upserts.sql.Spelling#findMany}) and the
     * {@link io.github.upserts.sql.UpsertPlan#untouchedQuery} of {@code spelling}.
     */
    public Rendering(Table table, Statements run, Map<Operation, String> sql, Map<String, String> increments,
        io.github.upserts.sql.Spelling spelling) {
      this(table, run, sql, increments, Texts.byRows(rows -> spelling.findMany(table, rows)),
          io.github.upserts.sql.UpsertPlan.upsert(table).untouchedQuery(spelling));
    }

    /** The main statement of {@code operation}. */
    public String of(Operation operation) {
      return sql.get(operation);
    }
  }

  /** What this dialect rendered for the table. */
  Rendering rendering();

  /** The factory of the table's JDBI statements. */
  default Statements run() {
    return rendering().run();
  }

  /** The table the statements were rendered for. */
  default Table table() {
    return rendering().table();
  }

  /** The main statement of {@code operation}, e.g. for documentation. */
  default String sql(Operation operation) {
    return rendering().of(operation);
  }

  /** The statement of the increment method of {@code counter}. */
  default String incrementSql(Column counter) {
    String text = rendering().increments().get(counter.name());
    if (text == null) {
      throw new IllegalArgumentException(
          "Column " + counter.name() + " of " + table().entity() + " is not an @Increment column");
    }
    return text;
  }

  /** Selects the row with the key bound by {@code key}: a plain select, the same everywhere. */
  default <T> Optional<T> find(Handle handle, Binder key, RowMapper<T> mapper) {
    return rendering().run().first(handle, sql(Operation.FIND), key, mapper);
  }

  /**
   * Reads the row with the key {@code row} binds, as a write of it just left it: in the write's
   * transaction, after it, seeing what it wrote (MariaDB/MySQL: a locking read, as
   * {@code REPEATABLE READ} would read its snapshot otherwise). Empty when there is none.
   */
  default <T> Optional<T> readBack(Handle handle, Binder row, RowMapper<T> mapper) {
    return find(handle, Statements.some(row), mapper);
  }

  /**
   * The stored rows with the keys of {@code rows} (values in {@link Table#columns()} order), in
   * key order, as {@link #readBack} reads one: after a bulk write in its transaction.
   */
  default <T> List<T> readBack(Handle handle, List<Object[]> rows, RowMapper<T> mapper) {
    try (org.jdbi.v3.core.statement.Query query = run().query(handle, rendering().findMany().apply(rows.size()))) {
      Statements.positional(table(), table().keys(), rows, 0).bind(query);
      return query.map(mapper).list();
    }
  }

  /**
   * What an upsert of {@code row} that met the stored row with its key and wrote nothing reports:
   * the one outcome {@link Table#untouchedOutcomes()} allows (UNCHANGED where it allows none);
   * where it allows more, the stored row tells, read by {@link Rendering#untouchedQuery()} in the
   * write's transaction, which must still hold the row's lock (the caller runs both in one,
   * {@link Outcomes#atomically}).
   */
  default Outcome untouched(Handle handle, Binder row) {
    java.util.Set<Outcome> outcomes = table().untouchedOutcomes();
    if (outcomes.size() <= 1) {
      return outcomes.isEmpty() ? Outcome.UNCHANGED : outcomes.iterator().next();
    }
    return run().first(handle, rendering().untouchedQuery(), Statements.some(row), (rs, ctx) -> Outcome.valueOf(rs.getString(1)))
        .orElseThrow(() -> Outcomes.notReadBack(table(), "left untouched by its upsert, its row locked by this transaction", false));
  }

  /**
   * Upserts one row and returns it as stored with what happened to it: the upsert, then the row
   * read back, all or nothing ({@link Outcomes#atomically}); the write leaves the row locked (or,
   * SQLite, the database), so the read sees exactly what it did. A dialect that can return both
   * from one statement overrides this.
   */
  default <T> Upserted<T> upsertReturningOutcome(Handle handle, Binder row, RowMapper<T> mapper) {
    return Outcomes.atomically(handle, h -> {
      Outcome outcome = upsert(h, row);
      return new Upserted<>(readBack(h, row, mapper).orElseThrow(
          () -> Outcomes.notReadBack(table(), "just written, its row locked by this transaction", false)), outcome);
    });
  }

  /**
   * Inserts one row unless its key exists and returns the stored row, {@link Outcome#INSERTED}
   * or {@link Outcome#UNCHANGED}: the insert, then the row read back, all or nothing, as
   * {@link #upsertReturningOutcome}. A dialect that can do both in one statement overrides this.
   */
  default <T> Upserted<T> getOrInsertOutcome(Handle handle, Binder row, RowMapper<T> mapper) {
    return Outcomes.atomically(handle, h -> {
      boolean inserted = insertIfAbsent(h, row);
      return new Upserted<>(readBack(h, row, mapper).orElseThrow(
          () -> Outcomes.notReadBack(table(), inserted ? "just inserted" : "found by its insert", !inserted)),
          inserted ? Outcome.INSERTED : Outcome.UNCHANGED);
    });
  }

  /**
   * The statement that upserts {@code rows} rows at once (the same text for every count where
   * it does not depend on it).
   *
   * @throws IllegalStateException when this table's batches are written row by row
   */
  String batchSql(int rows);

  /**
   * Inserts or updates one row; tells which happened, including {@link Outcome#SKIPPED} and
   * {@link Outcome#UNCHANGED} when nothing was written.
   */
  Outcome upsert(Handle handle, Binder row);

  /** Inserts or updates one row; returns the row as now stored. */
  default <T> T upsertReturning(Handle handle, Binder row, RowMapper<T> mapper) {
    return writeThenRead(handle, sql(Operation.UPSERT_RETURNING), row, mapper);
  }

  /** Inserts one row unless its key exists; true when it inserted. */
  boolean insertIfAbsent(Handle handle, Binder row);

  /** Inserts one row unless its key exists, never writing to an existing row; returns the stored row. */
  default <T> T getOrInsert(Handle handle, Binder row, RowMapper<T> mapper) {
    return writeThenRead(handle, sql(Operation.GET_OR_INSERT), row, mapper);
  }

  /**
   * This database's read-back strategy: runs {@code statement}, a write that returns the stored
   * row where the database can, and returns that row, reading it by key when the write returned
   * none (nothing written, no {@code RETURNING}) in a way that sees the row as the write left it.
   */
  <T> T writeThenRead(Handle handle, String statement, Binder row, RowMapper<T> mapper);

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
