package io.github.upserts.dialect;

import java.util.Map;

import java.util.LinkedHashMap;

import io.github.upserts.SchemaMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SQL shared by the databases that speak PostgreSQL's {@code INSERT ... ON CONFLICT (keys)
 * DO UPDATE SET c = EXCLUDED.c [WHERE ...]} (PostgreSQL, SQLite): quoting, the insert, the
 * conflict target and each column's merge. A subclass says how to take the larger or smaller of
 * two values and how to compare two rows null-safely, and renders the rest itself.
 */
abstract class OnConflictDialect extends Dialect {
  /** The alias of the target table, so the update can tell the stored row from the incoming one. */
  static final String ALIAS = "t";

  /** Quotes an identifier, doubling embedded quotes, so reserved words and any case work. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String qualifiedName(Table table) {
    return table.schema().isEmpty()
        ? quote(table.name())
        : quote(table.schema()) + "." + quote(table.name());
  }

  static String joined(List<Column> columns, Function<Column, String> each) {
    return columns.stream().map(each).collect(Collectors.joining(", "));
  }

  static String names(List<Column> columns) {
    return joined(columns, c -> quote(c.name()));
  }

  static String parameters(List<Column> columns) {
    return joined(columns, c -> ":" + c.parameter());
  }

  static String stored(Column column) {
    return ALIAS + "." + quote(column.name());
  }

  static String incoming(Column column) {
    return "EXCLUDED." + quote(column.name());
  }

  static String insertInto(Table table, List<Column> columns) {
    return "INSERT INTO " + qualifiedName(table) + " AS " + ALIAS + " (" + names(columns)
        + ") VALUES (" + parameters(columns) + ")";
  }

  static String onConflict(Table table) {
    return " ON CONFLICT (" + names(table.keys()) + ")";
  }

  static String keyCondition(Table table) {
    return table.keys().stream()
        .map(c -> quote(c.name()) + " = :" + c.parameter())
        .collect(Collectors.joining(" AND "));
  }

  /** The larger of two values; a null on either side keeps the other. */
  abstract String greatest(String a, String b);

  /** The smaller of two values; a null on either side keeps the other. */
  abstract String least(String a, String b);

  /** True when two rows, each a comma-separated list of expressions, differ (nulls equal). */
  abstract String rowsDiffer(String a, String b);

  /** The value an update gives {@code column}: the incoming one merged by the column's policy. */
  final String merged(Column column) {
    return switch (column.policy()) {
      case OVERWRITE, NEWER_WINS -> incoming(column);
      case INCREMENT -> "COALESCE(" + stored(column) + ", 0) + COALESCE(" + incoming(column) + ", 0)";
      case COALESCE -> "COALESCE(" + incoming(column) + ", " + stored(column) + ")";
      case MAX -> greatest(stored(column), incoming(column));
      case MIN -> least(stored(column), incoming(column));
      case INSERT_ONLY -> throw new IllegalArgumentException(
          "Column " + column.name() + " is insert-only and never merged");
    };
  }

  /**
   * What happens on conflict: nothing when no column can change, else the merge, guarded by the
   * version check ({@code @NewerWins}) and the change check ({@code skipUnchanged}).
   */
  final String conflictAction(Table table) {
    List<Column> merged = table.merged();
    if (merged.isEmpty()) {
      return " DO NOTHING";
    }
    List<String> conditions = new ArrayList<>();
    table.version().ifPresent(v -> conditions.add(incoming(v) + " IS NOT NULL AND ("
        + stored(v) + " IS NULL OR " + incoming(v) + " > " + stored(v) + ")"));
    if (table.skipUnchanged()) {
      conditions.add(rowsDiffer(joined(merged, OnConflictDialect::stored), joined(merged, this::merged)));
    }
    return " DO UPDATE SET " + joined(merged, c -> quote(c.name()) + " = " + merged(c))
        + (conditions.isEmpty()
            ? ""
            : " WHERE " + conditions.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND ")));
  }

  /** The select of one row by key. */
  static String find(Table table) {
    return "SELECT " + names(table.columns()) + " FROM " + qualifiedName(table) + " WHERE "
        + keyCondition(table);
  }

  /**
   * The error for an {@code ON CONFLICT} target that matches no unique constraint, saying how
   * to fix it.
   */
  static SchemaMismatchException noUniqueKey(
      Table table, String database, String fix, Exception cause) {
    String keys = table.keys().stream().map(Column::name).collect(Collectors.joining(", "));
    return new SchemaMismatchException(
        "Table " + table.displayName() + " has no unique constraint or unique index on exactly ("
            + keys + "), the @Key columns of " + table.entity()
            + ", so " + database + " cannot tell when a row already exists. Fix: " + fix
            + "; or mark exactly the columns of an existing unique constraint with @Key.",
        cause);
  }

  /**
   * Per {@code @Increment} column: insert the key and the delta, or add the delta to the stored
   * value ({@code NULL} counts as zero), then return the new value as {@code returning} says.
   */
  static Map<String, String> increments(Table table, Function<Column, String> returning) {
    Map<String, String> increments = new LinkedHashMap<>();
    for (Column column : table.values()) {
      if (column.policy() == MergePolicy.INCREMENT) {
        List<Column> keysAndCounter = new ArrayList<>(table.keys());
        keysAndCounter.add(column);
        increments.put(
            column.name(),
            insertInto(table, keysAndCounter) + onConflict(table) + " DO UPDATE SET "
                + quote(column.name()) + " = COALESCE(" + stored(column) + ", 0) + "
                + incoming(column) + returning.apply(column));
      }
    }
    return increments;
  }
}
