package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.ConflictTarget;
import io.github.upserts.dialect.Table;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one database writes the nodes that differ between databases: identifiers, where the stored
 * and the incoming values are found, "the larger ignoring nulls", a sum with nulls as zero, and a
 * null-safe row comparison. The defaults are the standard forms; a database overrides a node.
 */
public interface Spelling {

  /** The identifier quoted (embedded quotes doubled), so reserved words and any case work. */
  default String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** The table's name, schema-qualified when it has a schema, quoted. */
  default String table(Table table) {
    return table.schema().isEmpty()
        ? quote(table.name())
        : quote(table.schema()) + "." + quote(table.name());
  }

  /** The stored value of {@code column}, by the target table's alias {@code t}. */
  default String stored(Column column) {
    return "t." + quote(column.name());
  }

  /** The target table as a query reads it so that {@link #stored} names its columns: {@code "t" AS t}. */
  default String storedFrom(Table table) {
    return table(table) + " AS t";
  }

  /** The incoming value of {@code column}. */
  String incoming(Column column);

  /**
   * The database's current time as {@code column} (a {@code @CreatedAt} or {@code @UpdatedAt}
   * column) stores it: the standard {@code CURRENT_TIMESTAMP} by default.
   */
  default String clock(Column column) {
    return "CURRENT_TIMESTAMP";
  }

  /** The larger ({@code max}) or smaller of two values; a null on either side keeps the other. */
  default String extreme(boolean max, String a, String b) {
    // GREATEST and LEAST return NULL on a NULL argument outside PostgreSQL: keep the other side
    return "COALESCE(" + (max ? "GREATEST(" : "LEAST(") + a + ", " + b + "), " + a + ", " + b + ")";
  }

  /** {@code stored + delta}, nulls counting as zero ({@code delta} only when it may be null). */
  default String sum(String stored, String delta, boolean deltaNullable) {
    return "COALESCE(" + stored + ", 0) + " + (deltaNullable ? "COALESCE(" + delta + ", 0)" : delta);
  }

  /** True when some stored value differs from its merged one, nulls equal. */
  default String differs(List<String> stored, List<String> merged) {
    return "ROW(" + String.join(", ", stored) + ") IS DISTINCT FROM ROW(" + String.join(", ", merged) + ")";
  }

  /** The quoted names of {@code columns}, comma-separated. */
  default String names(List<Column> columns) {
    return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
  }

  /** The named parameter of {@code column}, {@code :name}, as {@link #cast} types it. */
  default String parameter(Column column) {
    return cast(column, ":" + column.parameter());
  }

  /**
   * {@code value}, a parameter of {@code column}, made to reach the column's type where the
   * type it is bound as does not (e.g. {@code CAST(:p AS jsonb)}); as it is by default.
   */
  default String cast(Column column, String value) {
    return value;
  }

  /** {@code CAST(value AS type)}, or {@code value} as it is when {@code type} is null. */
  static String castAs(String value, String type) {
    return type == null ? value : "CAST(" + value + " AS " + type + ")";
  }

  /**
   * {@code "k1" = :k1 AND ...} over the key columns; for a table with a {@link Table#target()},
   * the row its conflict index finds for the keys ({@link #matches}).
   */
  default String keyCondition(Table table) {
    if (table.target() != null) {
      return matches(table.target(), table.keys().stream().map(c -> parameter(c) + " AS " + quote(c.name()))
          .collect(Collectors.joining(", ", "(SELECT ", ")")));
    }
    return table.keys().stream()
        .map(c -> quote(c.name()) + " = " + parameter(c))
        .collect(Collectors.joining(" AND "));
  }

  /**
   * What {@code ON CONFLICT} names: {@code ("k1", "k2")}, or for a table with a
   * {@link Table#target()} its index's parts and predicate, {@code ((lower(email)))},
   * {@code ("email") WHERE deleted_at IS NULL}.
   */
  default String conflictTarget(Table table) {
    ConflictTarget target = table.target();
    if (target == null) {
      return "(" + names(table.keys()) + ")";
    }
    return "(" + indexParts(target) + ")" + (target.predicate() == null ? "" : " WHERE " + target.predicate());
  }

  /** The parts of a conflict index, a column quoted, an expression in parentheses, comma-separated. */
  default String indexParts(ConflictTarget target) {
    return target.parts().stream().map(p -> p.column() != null ? quote(p.column()) : "(" + p.expression() + ")")
        .collect(Collectors.joining(", "));
  }

  /**
   * The condition that the row of the table in scope (its columns unqualified) is the one
   * {@code target} finds for a key of {@code incoming}, a derived table (without its alias) whose
   * columns are named as the key columns: the index's parts over the stored row among those over
   * an incoming key (evaluated where only the incoming key's names are in scope), and the
   * index's predicate. Nulls are equal where the index says so.
   */
  default String matches(ConflictTarget target, String incoming) {
    String parts = indexParts(target);
    String match;
    if (target.nullsNotDistinct()) {
      // the stored row's parts outside the incoming key's scope: only upserts_p<i> names are in it
      List<String> named = java.util.stream.IntStream.range(0, target.parts().size()).mapToObj(i -> "upserts_p" + i).toList();
      match = "EXISTS (SELECT 1 FROM (SELECT " + java.util.stream.IntStream.range(0, named.size())
          .mapToObj(i -> indexParts(new ConflictTarget(target.index(), List.of(target.parts().get(i)), null, false))
              + " AS " + named.get(i)).collect(Collectors.joining(", ")) + " FROM " + incoming
          + " AS upserts_in) AS upserts_m WHERE " + java.util.stream.IntStream.range(0, named.size()).mapToObj(i -> {
            // IS NOT DISTINCT FROM, spelled so that an index finds it (IS NOT DISTINCT FROM is never indexed)
            String part = indexParts(new ConflictTarget(target.index(), List.of(target.parts().get(i)), null, false));
            String in = "upserts_m." + named.get(i);
            return "(" + part + " = " + in + " OR " + part + " IS NULL AND " + in + " IS NULL)";
          }).collect(Collectors.joining(" AND ")) + ")";
    } else {
      match = "(" + parts + ") IN (SELECT " + parts + " FROM " + incoming + " AS upserts_in)";
    }
    return match + (target.predicate() == null ? "" : " AND (" + target.predicate() + ")");
  }

  /**
   * A derived table (without its alias) of {@code rows} keys given as positional parameters (row
   * after row, {@link #keyParameter} each), its columns named as the key columns.
   */
  default String positionalKeys(Table table, int rows) {
    String key = table.keys().stream().map(this::keyParameter).collect(Collectors.joining(", ", "(", ")"));
    return "(SELECT " + java.util.stream.IntStream.range(0, table.keys().size())
        .mapToObj(i -> "column" + (i + 1) + " AS " + quote(table.keys().get(i).name())).collect(Collectors.joining(", "))
        + " FROM (VALUES " + String.join(", ", java.util.Collections.nCopies(rows, key)) + ") AS upserts_v)";
  }

  /** The select of one row by key. */
  default String find(Table table) {
    return "SELECT " + names(table.columns()) + " FROM " + table(table) + " WHERE " + keyCondition(table);
  }

  /**
   * The select of the rows with {@code rows} keys given as positional parameters (row after row,
   * {@link #keyParameter} each), in key order: what a bulk write hands back.
   */
  default String findMany(Table table, int rows) {
    if (table.target() != null) {
      return "SELECT " + names(table.columns()) + " FROM " + table(table) + " WHERE "
          + matches(table.target(), positionalKeys(table, rows)) + " ORDER BY " + names(table.keys());
    }
    String key = table.keys().stream().map(this::keyParameter).collect(Collectors.joining(", ", "(", ")"));
    return "SELECT " + names(table.columns()) + " FROM " + table(table) + " WHERE (" + names(table.keys())
        + ") IN (" + String.join(", ", java.util.Collections.nCopies(rows, key)) + ") ORDER BY " + names(table.keys());
  }

  /** A positional parameter of the key column {@code key} where a list of keys compares it ({@link #cast} by default). */
  default String keyParameter(Column key) {
    return cast(key, "?");
  }

  /** {@code :p1, :p2, ...} for named parameters. */
  static String parameters(List<Column> columns) {
    return columns.stream().map(c -> ":" + c.parameter()).collect(Collectors.joining(", "));
  }

  /** {@code (?, ?, ...), (?, ?, ...)}: {@code rows} rows of {@code width} positional parameters. */
  static String positionalRows(int rows, int width) {
    String row = "(" + String.join(", ", java.util.Collections.nCopies(width, "?")) + ")";
    return String.join(", ", java.util.Collections.nCopies(rows, row));
  }

  /**
   * The stored value of {@code column} in the row of {@code table} with the key {@code key} gives
   * each key column (a parameter, a column of a source row), as a scalar subquery, null when no
   * row has the key: the row the conflict target finds, by the key columns or, for a table with a
   * {@link Table#target()}, as its index does ({@link #matches}). What an insert proposes for a
   * {@link Column.Source#STORED_IF_NULL} column: {@code (SELECT "c" FROM "t" WHERE "k" = :k)}.
   */
  default String storedByKey(Table table, Column column, java.util.function.Function<Column, String> key) {
    return "(" + selectByKey(table, column, key) + ")";
  }

  /** {@code SELECT "c" FROM "t" WHERE <the key matches>}: the query of {@link #storedByKey}. */
  default String selectByKey(Table table, Column column, java.util.function.Function<Column, String> key) {
    String match = table.target() != null
        ? matches(table.target(), table.keys().stream().map(c -> key.apply(c) + " AS " + quote(c.name()))
            .collect(Collectors.joining(", ", "(SELECT ", ")")))
        : table.keys().stream().map(c -> quote(c.name()) + " = " + key.apply(c)).collect(Collectors.joining(" AND "));
    return "SELECT " + quote(column.name()) + " FROM " + table(table) + " WHERE " + match;
  }

  /**
   * {@code SELECT rows.*, stored, ..., clock, ... FROM from}: the rows of {@code from} (the source
   * rows {@code rows} of {@code table}'s bound columns), the stored value by key of each of its
   * {@link Table#storedIfNull()} columns, {@code key} naming a source row's key column, then the
   * clock of each of its {@link Table#clocks()}; {@link #selectWithClocks} when it has no such column.
   */
  default String selectWithStored(Table table, String rows, java.util.function.Function<Column, String> key, String from) {
    if (table.storedIfNull().isEmpty()) {
      return selectWithClocks(table.clocks(), from);
    }
    return "SELECT " + rows + ".*" + table.storedIfNull().stream().map(c -> ", " + storedByKey(table, c, key))
        .collect(Collectors.joining()) + table.clocks().stream().map(c -> ", " + clock(c)).collect(Collectors.joining())
        + " FROM " + from;
  }

  /**
   * {@code (?, ?, ..., stored, clock), ...}: {@code rows} rows of positional parameters of
   * {@code table}'s bound columns, each cast, then the stored value by key of each of its
   * {@link Table#storedIfNull()} columns (its key again as positional parameters,
   * {@link #keyParameter} each), then its clocks; each row binds {@link #positionalColumns}.
   */
  default String positionalRows(Table table, int rows) {
    String row = java.util.stream.Stream.of(table.bound().stream().map(c -> cast(c, "?")),
        table.storedIfNull().stream().map(c -> storedByKey(table, c, this::keyParameter)),
        table.clocks().stream().map(this::clock)).flatMap(v -> v).collect(Collectors.joining(", ", "(", ")"));
    return String.join(", ", java.util.Collections.nCopies(rows, row));
  }

  /**
   * The columns each row of {@link #positionalRows(Table, int)} binds, in order: the bound ones,
   * then the keys once per {@link Table#storedIfNull()} column.
   */
  static List<Column> positionalColumns(Table table) {
    List<Column> columns = new java.util.ArrayList<>(table.bound());
    table.storedIfNull().forEach(c -> columns.addAll(table.keys()));
    return columns;
  }

  /** {@code SELECT *, clock, ... FROM from}: the rows of {@code from} with the clock of each of {@code clocks} after them. */
  default String selectWithClocks(List<Column> clocks, String from) {
    return "SELECT *" + clocks.stream().map(c -> ", " + clock(c)).collect(Collectors.joining()) + " FROM " + from;
  }
}
