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
  public static final PostgresSpelling PLAIN = new PostgresSpelling(Map.of(), java.util.Set.of());

  private final Map<String, String> casts;
  /** The clock columns whose values are UTC wall times, by name. */
  private final java.util.Set<String> utcClocks;

  private PostgresSpelling(Map<String, String> casts, java.util.Set<String> utcClocks) {
    this.casts = Map.copyOf(casts);
    this.utcClocks = java.util.Set.copyOf(utcClocks);
  }

  /** This spelling with the parameter of each column named in {@code casts} cast to its type there. */
  public PostgresSpelling casting(Map<String, String> casts) {
    return casts.isEmpty() && utcClocks.isEmpty() ? PLAIN : new PostgresSpelling(casts, utcClocks);
  }

  /**
   * This spelling with the clock of each column named in {@code columns} given as a UTC wall time:
   * an {@code Instant} or {@code OffsetDateTime} field on a {@code timestamp} (without time zone)
   * column, whose written values are the instant's UTC date and time whatever the session's zone.
   */
  public PostgresSpelling clocksInUtc(java.util.Set<String> columns) {
    return columns.isEmpty() && casts.isEmpty() ? PLAIN : new PostgresSpelling(casts, columns);
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
   * converts it to a {@code timestamp} column's local time by the session's {@code TimeZone}, but
   * for an {@code Instant} or {@code OffsetDateTime} field there it is the UTC wall time, as every
   * value of that field is written ({@link #clocksInUtc}).
   */
  @Override
  public String clock(Column column) {
    return utcClocks.contains(column.name()) ? "(statement_timestamp() AT TIME ZONE 'UTC')" : "statement_timestamp()";
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
