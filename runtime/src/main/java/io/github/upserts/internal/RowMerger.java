package io.github.upserts.internal;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.sql.Expr;
import io.github.upserts.sql.UpsertPlan;
import io.github.upserts.sql.UpsertPlan.Assignment;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.sql.SQLDataException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Merges two rows with the same key the way the database merges an upsert into a stored row,
 * so a batch can write each key once (PostgreSQL refuses to touch a row twice in one statement):
 * it evaluates the very assignments of the table's {@link UpsertPlan}, in Java. Rows are
 * {@code Object[]}s in {@link Table#columns()} order.
 *
 * <p>Without a {@code @NewerWins} column, merging row by row gives exactly what writing the rows
 * one after another would: last wins, deltas add up (null as zero), min, max, first for
 * insert-only, last non-null for coalesce. With one, the row with the highest version wins
 * whole (insert-only columns keep the first row's value), as a stored row would end up.
 */
final class RowMerger {
  private final Table table;
  private final List<Assignment> assignments;
  private final Expr versionCheck;
  private final Map<Column, Integer> index = new IdentityHashMap<>();
  /** The SQL type whose arithmetic each column's additions follow, where known. */
  private final Function<Column, String> sqlType;

  /** Merges in Java's arithmetic (the catalog not read). */
  RowMerger(Table table) {
    this(table, column -> null);
  }

  /**
   * @param sqlType the type of a column as the catalog describes it, whose arithmetic an
   *     {@code @Increment} column's sums follow; null where unknown (then Java's arithmetic)
   */
  RowMerger(Table table, Function<Column, String> sqlType) {
    this.table = table;
    this.sqlType = sqlType;
    UpsertPlan plan = UpsertPlan.upsert(table);
    this.assignments = plan.assignments();
    this.versionCheck = table.version().map(Expr.Newer::new).orElse(null);
    for (int i = 0; i < table.columns().size(); i++) {
      index.put(table.columns().get(i), i);
    }
    this.unmergeableNulls = java.util.stream.IntStream.range(0, table.columns().size())
        .filter(i -> table.column(i).source() == Column.Source.DEFAULT_IF_NULL
            && java.util.Set.of(io.github.upserts.dialect.MergePolicy.INCREMENT, io.github.upserts.dialect.MergePolicy.MAX,
                io.github.upserts.dialect.MergePolicy.MIN).contains(table.column(i).policy()))
        .toArray();
  }

  /** The {@code @DefaultIfNull} columns whose null cannot be merged with a later value ({@link #mergeable}). */
  private final int[] unmergeableNulls;

  /**
   * Whether {@code incoming} can be merged into {@code stored} as one row that writes what the two
   * written one after another would: not when a {@code @DefaultIfNull} column that adds up or keeps
   * an extreme ({@code @Increment}, {@code @Max}, {@code @Min}) is null in {@code stored} and not in
   * {@code incoming}, as the null stands for the database's default (a new row) or the stored value
   * (an existing one), which only the database knows. Such rows go to separate statements.
   */
  boolean mergeable(Object[] stored, Object[] incoming) {
    for (int i : unmergeableNulls) {
      if (stored[i] == null && incoming[i] != null) {
        return false;
      }
    }
    return true;
  }

  /** {@code incoming} merged into {@code stored}; may return either array, possibly updated. */
  Object[] merge(Object[] stored, Object[] incoming) {
    Expr.Values values = new Expr.Values() {
      @Override
      public Object stored(Column column) {
        return stored[index.get(column)];
      }

      @Override
      public Object incoming(Column column) {
        return incoming[index.get(column)];
      }

      @Override
      public Object sum(Column column, Object a, Object b) {
        if (a == null && b == null && column.source() == Column.Source.DEFAULT_IF_NULL) {
          // two nulls left to the database: still the default, or the stored value
          return null;
        }
        try {
          return ColumnArithmetic.add(column, sqlType.apply(column), a, b);
        } catch (ArithmeticException e) {
          throw overflow(column, incoming, a, b);
        }
      }
    };
    if (versionCheck != null) {
      if (!Boolean.TRUE.equals(versionCheck.evaluate(values))) {
        return stored;
      }
      Object[] merged = stored.clone();
      assignments.forEach(a -> merged[index.get(a.column())] = incoming[index.get(a.column())]);
      return merged;
    }
    Object[] merged = new Object[assignments.size()];
    for (int i = 0; i < merged.length; i++) {
      merged[i] = assignments.get(i).value().evaluate(values);
    }
    for (int i = 0; i < merged.length; i++) {
      stored[index.get(assignments.get(i).column())] = merged[i];
    }
    return stored;
  }

  /** An addition that would overflow: the error the database gives when the rows are written one by one. */
  private RuntimeException overflow(Column column, Object[] row, Object a, Object b) {
    String type = sqlType.apply(column);
    String message = "The rows of one batch with key " + table.keys().stream().map(k -> k.name() + "="
        + row[index.get(k)]).collect(Collectors.joining(", ", "(", ")")) + " add " + a + " and " + b
        + " in the @Increment column " + column.name() + " of " + table.entity() + ", out of the range of its "
        + (type == null ? column.rawType().getSimpleName() : type) + " type; writing them one after another fails"
        + " the same way, so nothing was written. Keep the deltas within the column's range, or widen the column's type.";
    return new UnableToExecuteStatementException(message, new SQLDataException(message, "22003"), null);
  }
}
