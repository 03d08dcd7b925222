package io.github.upserts.dialect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The SQL text of every statement kind for one {@link Table} in one {@link Dialect}, rendered
 * once and then reused for every call. Single-row statements use named parameters
 * ({@code :name}) as given by the columns' {@link Column#parameter() parameter names}.
 */
public final class RenderedSql {
  private final Table table;
  private final String upsert;
  private final String upsertReturning;
  private final String insertIfAbsent;
  private final String getOrInsert;
  private final String find;
  private final Map<String, String> increments;
  private final String batchUpsert;
  private final IntFunction<String> batchUpsertRows;
  private final Map<Integer, String> batchUpsertByRows = new ConcurrentHashMap<>();

  /**
   * @param table the table the statements were rendered for
   * @param upsert insert or update one row, telling which happened
   * @param upsertReturning insert or update one row, returning the stored row
   * @param insertIfAbsent insert one row unless its key exists
   * @param getOrInsert insert one row unless its key exists, returning the stored row (empty
   *     only when a concurrent insert committed during the statement: then {@code find} sees it)
   * @param find select one row by key
   * @param increments per {@link MergePolicy#INCREMENT} column name: add a delta to the column,
   *     creating the row when absent, returning the new value
   * @param batchUpsert upsert many rows in one statement whatever their number (e.g. one array
   *     parameter per column), or null when the dialect cannot for this table
   * @param batchUpsertRows renders the upsert of exactly n rows with one positional parameter
   *     per value, in row-major order; the text is cached per n
   */
  public RenderedSql(
      Table table,
      String upsert,
      String upsertReturning,
      String insertIfAbsent,
      String getOrInsert,
      String find,
      Map<String, String> increments,
      String batchUpsert,
      IntFunction<String> batchUpsertRows) {
    this.table = Objects.requireNonNull(table, "table");
    this.upsert = Objects.requireNonNull(upsert, "upsert");
    this.upsertReturning = Objects.requireNonNull(upsertReturning, "upsertReturning");
    this.insertIfAbsent = Objects.requireNonNull(insertIfAbsent, "insertIfAbsent");
    this.getOrInsert = Objects.requireNonNull(getOrInsert, "getOrInsert");
    this.find = Objects.requireNonNull(find, "find");
    this.increments = Collections.unmodifiableMap(new LinkedHashMap<>(increments));
    this.batchUpsert = batchUpsert;
    this.batchUpsertRows = Objects.requireNonNull(batchUpsertRows, "batchUpsertRows");
  }

  public Table table() {
    return table;
  }

  public String upsert() {
    return upsert;
  }

  public String upsertReturning() {
    return upsertReturning;
  }

  public String insertIfAbsent() {
    return insertIfAbsent;
  }

  public String getOrInsert() {
    return getOrInsert;
  }

  public String find() {
    return find;
  }

  /** The increment statements by column name. */
  public Map<String, String> increments() {
    return increments;
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

  /** The many-rows upsert that takes any number of rows, or null when there is none. */
  public String batchUpsert() {
    return batchUpsert;
  }

  /** The upsert of exactly {@code rows} rows, with positional parameters; rendered once per count. */
  public String batchUpsert(int rows) {
    return batchUpsertByRows.computeIfAbsent(rows, batchUpsertRows::apply);
  }
}
