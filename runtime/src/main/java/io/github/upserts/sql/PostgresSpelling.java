package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import java.util.Map;

/**
 * PostgreSQL's nodes: the incoming row is {@code EXCLUDED}, {@code GREATEST} and {@code LEAST}
 * ignore nulls, and a parameter whose value is not bound as its column's type is cast to it
 * ({@code CAST(:p AS jsonb)}), by column name, as the catalog tells for one table.
 */
public final class PostgresSpelling implements OnConflict.Excluded {
  /** Every parameter as it is bound: for a table rendered without the catalog. */
  public static final PostgresSpelling PLAIN = new PostgresSpelling(Map.of());

  private final Map<String, String> casts;

  private PostgresSpelling(Map<String, String> casts) {
    this.casts = Map.copyOf(casts);
  }

  /** This spelling with the parameter of each column named in {@code casts} cast to its type there. */
  public PostgresSpelling casting(Map<String, String> casts) {
    return casts.isEmpty() ? PLAIN : new PostgresSpelling(casts);
  }

  /** The type {@code column}'s parameters are cast to, or null when none. */
  public String castType(Column column) {
    return casts.get(column.name());
  }

  @Override
  public String cast(Column column, String value) {
    return Spelling.castAs(value, casts.get(column.name()));
  }

  /** A date-time bound as text is cast to its type: a list of keys would take it for text. */
  @Override
  public String keyParameter(Column key) {
    io.github.upserts.bind.ArrayType text = io.github.upserts.bind.ArrayType.of(key.rawType());
    return castType(key) == null && text != null && text.asText() ? "CAST(? AS " + text.sqlName + ")" : cast(key, "?");
  }

  /**
   * {@code statement_timestamp()}: the time the statement started, the same for every row it
   * writes, later for a later statement of the same transaction (unlike {@code now()}); PostgreSQL
   * converts it to a {@code timestamp} column's local time by the session's {@code TimeZone}.
   */
  @Override
  public String clock(Column column) {
    return "statement_timestamp()";
  }

  /**
   * The subquery locks the row it reads ({@code FOR KEY SHARE}): one deleted concurrently is
   * waited for and then not found (the insert fails on {@code NOT NULL}), never inserted again
   * with its former value; a {@code FOR KEY SHARE} lock does not conflict with the update that follows.
   */
  @Override
  public String storedByKey(io.github.upserts.dialect.Table table, Column column, java.util.function.Function<Column, String> key) {
    return "(" + selectByKey(table, column, key) + " FOR KEY SHARE)";
  }

  @Override
  public String extreme(boolean max, String a, String b) {
    return (max ? "GREATEST(" : "LEAST(") + a + ", " + b + ")";
  }
}
