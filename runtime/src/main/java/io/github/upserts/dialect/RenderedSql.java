package io.github.upserts.dialect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SQL text of every statement kind for one {@link Table} in one {@link Dialect}, rendered
 * once and then reused for every call. Each text uses named parameters ({@code :name}) as
 * given by the columns' {@link Column#parameter() parameter names}.
 *
 * @param table the table the statements were rendered for
 * @param upsert insert or update one row, telling which happened
 * @param upsertReturning insert or update one row, returning the stored row
 * @param insertIfAbsent insert one row unless its key exists
 * @param getOrInsert insert one row unless its key exists, returning the stored row (empty
 *     only when a concurrent insert committed during the statement: then {@code find} sees it)
 * @param find select one row by key
 * @param increments per {@link MergePolicy#INCREMENT} column name: add a delta to the column,
 *     creating the row when absent, returning the new value
 */
public record RenderedSql(
    Table table,
    String upsert,
    String upsertReturning,
    String insertIfAbsent,
    String getOrInsert,
    String find,
    Map<String, String> increments) {

  public RenderedSql {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(upsert, "upsert");
    Objects.requireNonNull(upsertReturning, "upsertReturning");
    Objects.requireNonNull(insertIfAbsent, "insertIfAbsent");
    Objects.requireNonNull(getOrInsert, "getOrInsert");
    Objects.requireNonNull(find, "find");
    increments = Collections.unmodifiableMap(new LinkedHashMap<>(increments));
  }

  /** The increment statement of {@code column}. */
  public String increment(Column column) {
    String sql = increments.get(column.name());
    if (sql == null) {
      throw new IllegalArgumentException(
          "Column " + column.name() + " of " + table.entity() + " is not an @Increment column");
    }
    return sql;
  }
}
