package io.github.upserts.exec;

import io.github.upserts.bind.BoundTypes;
import java.util.List;
import java.util.Optional;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.Update;

/**
 * Creates the JDBI statements of one table, set up to bind its column types ({@link BoundTypes}),
 * and runs them in the few shapes every dialect uses.
 */
public final class Statements {
  private final List<ArgumentFactory> arguments;

  public Statements(List<ArgumentFactory> arguments) {
    this.arguments = List.copyOf(arguments);
  }

  public Query query(Handle handle, String sql) {
    Query query = handle.createQuery(sql);
    return arguments.isEmpty() ? query : BoundTypes.register(query, arguments);
  }

  public Update update(Handle handle, String sql) {
    Update update = handle.createUpdate(sql);
    return arguments.isEmpty() ? update : BoundTypes.register(update, arguments);
  }

  /** Runs a write; returns how many rows it inserted or updated. */
  public int execute(Handle handle, String sql, Binder values) {
    try (Update update = update(handle, sql)) {
      values.bind(update);
      return update.execute();
    }
  }

  /** Runs a query; returns its one row, if any. */
  public <T> Optional<T> first(Handle handle, String sql, Binder values, RowMapper<T> mapper) {
    try (Query query = query(handle, sql)) {
      values.bind(query);
      return query.map(mapper).findOne();
    }
  }

  /** Runs a query of one value, read as {@code type}. */
  public <N> N one(Handle handle, String sql, Binder values, Class<N> type) {
    try (Query query = query(handle, sql)) {
      values.bind(query);
      return query.mapTo(type).one();
    }
  }

  /** Runs a query of counts: its one row's first two columns. */
  public long[] counts(Handle handle, String sql, Binder values) {
    try (Query query = query(handle, sql)) {
      values.bind(query);
      return query.map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
    }
  }

  /**
   * Binds {@code bound}, some columns of {@code table}, of each of {@code rows} (values in
   * {@link Table#columns()} order) as positional parameters from {@code start}, row after row.
   */
  public static Binder positional(Table table, List<Column> bound, List<Object[]> rows, int start) {
    int[] indexes = bound.stream().mapToInt(table.columns()::indexOf).toArray();
    return statement -> {
      int position = start;
      for (Object[] row : rows) {
        for (int c = 0; c < indexes.length; c++) {
          statement.bindByType(position++, row[indexes[c]], bound.get(c).type());
        }
      }
    };
  }

  /**
   * Binds each bound column of {@code table} under its parameter name, from {@code row} (values in
   * {@link Table#columns()} order), typed as a batch binds it; for a statement that takes only some.
   */
  public static Binder named(Table table, Object[] row) {
    return statement -> {
      unusedAllowed(statement);
      for (int i = 0; i < row.length; i++) {
        Column column = table.column(i);
        if (column.bound()) {
          statement.bindByType(column.parameter(), row[i], column.type());
        }
      }
    };
  }

  /** {@code row}, a binder of every column, for a statement that takes only some (e.g. the key). */
  public static Binder some(Binder row) {
    return statement -> {
      unusedAllowed(statement);
      row.bind(statement);
    };
  }

  private static void unusedAllowed(SqlStatement<?> statement) {
    statement.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
  }
}
