package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MariaDB's and MySQL's nodes: backtick quotes, the stored values qualified by their table (so
 * they are unambiguous beside the row alias), the incoming row as {@code VALUES(c)} or the row
 * alias of MySQL 8.0.19+, and a null-safe comparison with {@code <=>}.
 */
public final class MySqlSpelling implements Spelling {
  private final String storedTable;
  private final String rowAlias;
  private final Map<String, String> casts;
  /** The clock columns the catalog shows as {@code TIMESTAMP}, by name. */
  private final java.util.Set<String> zoned;

  /**
   * @param storedTable the quoted table that qualifies stored values (empty for none)
   * @param rowAlias the incoming row's alias, or null for {@code VALUES(c)}
   */
  public MySqlSpelling(String storedTable, String rowAlias) {
    this(storedTable, rowAlias, Map.of(), java.util.Set.of());
  }

  private MySqlSpelling(String storedTable, String rowAlias, Map<String, String> casts, java.util.Set<String> zoned) {
    this.storedTable = storedTable;
    this.rowAlias = rowAlias;
    this.casts = Map.copyOf(casts);
    this.zoned = java.util.Set.copyOf(zoned);
  }

  /**
   * This spelling with the parameters of the columns named in {@code casts} cast to the type
   * given there ({@code CAST(:p AS DECIMAL(10,2))}): a key the column rounds is then compared as stored.
   */
  public MySqlSpelling casting(Map<String, String> casts) {
    return casts.isEmpty() ? this : new MySqlSpelling(storedTable, rowAlias, casts, zoned);
  }

  /**
   * This spelling with the clock columns named in {@code zoned} stored as {@code TIMESTAMP}
   * (which MariaDB/MySQL convert from the session's time zone), the others as {@code DATETIME}.
   */
  public MySqlSpelling timestamps(java.util.Set<String> zoned) {
    return zoned.isEmpty() ? this : new MySqlSpelling(storedTable, rowAlias, casts, zoned);
  }

  /**
   * The statement's start ({@code NOW()} and {@code UTC_TIMESTAMP()} are evaluated once per
   * statement), to the microsecond: {@code UTC_TIMESTAMP(6)} for an {@code Instant} or
   * {@code OffsetDateTime} in a {@code DATETIME} column, which the documented connection options
   * ({@code connectionTimeZone=UTC}) write and read as UTC; {@code CURRENT_TIMESTAMP(6)}, the
   * session's time, for a {@code TIMESTAMP} column (stored as UTC by the server) and for a
   * {@code LocalDateTime}.
   */
  @Override
  public String clock(Column column) {
    boolean local = zoned.contains(column.name()) || column.rawType() == java.time.LocalDateTime.class;
    return local ? "CURRENT_TIMESTAMP(6)" : "UTC_TIMESTAMP(6)";
  }

  @Override
  public String cast(Column column, String value) {
    return Spelling.castAs(value, casts.get(column.name()));
  }

  /** The incoming row's alias (MySQL 8.0.19+), or null for {@code VALUES(c)}. */
  public String rowAlias() {
    return rowAlias;
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public String stored(Column column) {
    return storedTable + "." + quote(column.name());
  }

  @Override
  public String incoming(Column column) {
    return rowAlias != null ? quote(rowAlias) + "." + quote(column.name()) : "VALUES(" + quote(column.name()) + ")";
  }

  /**
   * Whether the row {@code ON DUPLICATE KEY UPDATE} found has the incoming key: {@code <=>} on
   * each key column, so the column's collation applies as in the key's index. False when the
   * row was found through another unique index.
   */
  public String keyMatches(Table table) {
    return "(" + table.keys().stream().map(c -> stored(c) + " <=> " + incoming(c))
        .collect(Collectors.joining(" AND ")) + ")";
  }

  /**
   * Through a derived table, which MariaDB and MySQL materialize ({@code LIMIT}), as an insert
   * may read its own table only so (MySQL's error 1093 otherwise); the row locked
   * ({@code FOR UPDATE}) as the update that follows locks it, so a concurrent delete is waited
   * for and two partial updates of one row queue instead of deadlocking.
   */
  @Override
  public String storedByKey(Table table, Column column, java.util.function.Function<Column, String> key) {
    return "(SELECT upserts_s." + quote(column.name()) + " FROM (" + selectByKey(table, column, key)
        + " LIMIT 1 FOR UPDATE) AS upserts_s)";
  }

  @Override
  public String differs(List<String> stored, List<String> merged) {
    List<String> same = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      same.add(stored.get(i) + " <=> " + merged.get(i));
    }
    return "NOT (" + String.join(" AND ", same) + ")";
  }
}
