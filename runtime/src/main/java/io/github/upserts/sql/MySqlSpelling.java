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

  /**
   * @param storedTable the quoted table that qualifies stored values (empty for none)
   * @param rowAlias the incoming row's alias, or null for {@code VALUES(c)}
   */
  public MySqlSpelling(String storedTable, String rowAlias) {
    this(storedTable, rowAlias, Map.of());
  }

  private MySqlSpelling(String storedTable, String rowAlias, Map<String, String> casts) {
    this.storedTable = storedTable;
    this.rowAlias = rowAlias;
    this.casts = Map.copyOf(casts);
  }

  /**
   * This spelling with the parameters of the columns named in {@code casts} cast to the type
   * given there ({@code CAST(:p AS DECIMAL(10,2))}): a key the column rounds is then compared as stored.
   */
  public MySqlSpelling casting(Map<String, String> casts) {
    return casts.isEmpty() ? this : new MySqlSpelling(storedTable, rowAlias, casts);
  }

  /**
   * The statement's start ({@code NOW()} and {@code UTC_TIMESTAMP()} are evaluated once per
   * statement), to the microsecond: {@code UTC_TIMESTAMP(6)} for an {@code Instant} or
   * {@code OffsetDateTime}, the UTC date and time the driver writes such values as under the
   * documented connection options ({@code connectionTimeZone=UTC}), in a {@code DATETIME} or a
   * {@code TIMESTAMP} column alike, whatever the session's time zone; {@code CURRENT_TIMESTAMP(6)},
   * the session's date and time, for a {@code LocalDateTime}.
   */
  @Override
  public String clock(Column column) {
    return column.rawType() == java.time.LocalDateTime.class ? "CURRENT_TIMESTAMP(6)" : "UTC_TIMESTAMP(6)";
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

  /** The table itself: stored values are qualified by its name. */
  @Override
  public String storedFrom(Table table) {
    return table(table);
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
