package io.github.upserts.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A table as the database's catalog describes it, read once per {@code Jdbi} and table at first
 * use: its columns and its unique indexes (primary key and unique constraints included), and
 * whether it is partitioned. Names are as the catalog stores them.
 *
 * @param columns the columns, in table order
 * @param uniqueIndexes every unique index, constraint or primary key
 * @param partitioned whether rows live in partitions (PostgreSQL's partitioned tables)
 * @param view whether it is a view: its key's uniqueness is the underlying table's, unseen here
 */
public record CatalogTable(
    List<CatalogColumn> columns, List<UniqueIndex> uniqueIndexes, boolean partitioned, boolean view) {

  public CatalogTable {
    columns = List.copyOf(columns);
    uniqueIndexes = List.copyOf(uniqueIndexes);
  }

  /**
   * One column.
   *
   * @param name the name as stored
   * @param type the declared type, as the catalog writes it
   * @param nullable whether it takes nulls
   * @param defaultValue the default expression, or null
   * @param generated whether the database generates its values (identity, auto-increment, generated)
   * @param collation the collation when it is not the database's default, else null (or unknown)
   * @param category the type's category, PostgreSQL's {@code pg_type.typcategory} ({@code S}
   *     string, {@code N} numeric, {@code D} date-time, {@code U} user-defined, ...; a domain has
   *     its base type's); null elsewhere
   */
  public record CatalogColumn(String name, String type, boolean nullable, String defaultValue, boolean generated,
      String collation, String category) {

    /** A column whose type has no category. */
    public CatalogColumn(
        String name, String type, boolean nullable, String defaultValue, boolean generated, String collation) {
      this(name, type, nullable, defaultValue, generated, collation, null);
    }
  }

  /**
   * One part of a unique index.
   *
   * @param column the column, or null for an expression
   * @param prefix whether only a prefix of the column is indexed (MariaDB/MySQL)
   * @param expression an expression part's text as the catalog writes it, its columns unqualified
   *     (e.g. {@code lower(email)}); null for a column, or where the catalog does not tell
   */
  public record Part(String column, boolean prefix, String expression) {
    /** A part whose expression text, if any, the catalog does not tell. */
    public Part(String column, boolean prefix) {
      this(column, prefix, null);
    }

    @Override
    public String toString() {
      return (column == null ? expression == null ? "(expression)" : expression : column) + (prefix ? "(prefix)" : "");
    }
  }

  /**
   * One unique index, constraint or primary key.
   *
   * @param name its name
   * @param primary whether it is the primary key
   * @param parts its parts, in index order
   * @param partial whether it has a predicate ({@code WHERE ...}), so it is unique on some rows only
   * @param deferrable whether its check can be deferred to commit
   * @param nullsNotDistinct whether nulls are equal in it (PostgreSQL 15+ {@code NULLS NOT DISTINCT})
   * @param predicate a partial index's predicate as the catalog writes it, its columns unqualified
   *     (e.g. {@code deleted_at IS NULL}); null when it has none, or where the catalog does not tell
   */
  public record UniqueIndex(String name, boolean primary, List<Part> parts, boolean partial, boolean deferrable,
      boolean nullsNotDistinct, String predicate) {
    public UniqueIndex {
      parts = List.copyOf(parts);
    }

    /** An index whose predicate text, if any, the catalog does not tell. */
    public UniqueIndex(
        String name, boolean primary, List<Part> parts, boolean partial, boolean deferrable, boolean nullsNotDistinct) {
      this(name, primary, parts, partial, deferrable, nullsNotDistinct, null);
    }

    /** Whether it is on whole columns only, and on every row: a conflict target by its columns. */
    public boolean plain() {
      return !partial && parts.stream().allMatch(p -> p.column() != null && !p.prefix());
    }

    /** The indexed column names, for messages, e.g. {@code [page, day]}. */
    public String columnList() {
      return parts.stream().map(Part::toString).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /**
   * The unique indexes of catalog rows, one per index part in index order: by index name, each
   * with its parts; {@code primary} and {@code partial} tell those of an index by its name.
   */
  static List<UniqueIndex> indexes(List<Map.Entry<String, Part>> rows, Predicate<String> primary, Predicate<String> partial) {
    Map<String, List<Part>> parts = new LinkedHashMap<>();
    rows.forEach(r -> parts.computeIfAbsent(r.getKey(), k -> new ArrayList<>()).add(r.getValue()));
    return parts.entrySet().stream().map(e -> new UniqueIndex(e.getKey(), primary.test(e.getKey()),
        e.getValue(), partial.test(e.getKey()), false, false)).toList();
  }

  /** The catalog's name of the column the entity calls {@code name}, or null when there is none. */
  public CatalogColumn column(String name, Catalog catalog) {
    return columns.stream().filter(c -> catalog.same(name, c.name())).findFirst().orElse(null);
  }

  /** Whether {@code index} is on exactly the columns {@code names} (in any order), whole, on every row. */
  public static boolean covers(UniqueIndex index, List<String> names, Catalog catalog) {
    return index.plain() && index.parts().size() == names.size()
        && names.stream().allMatch(n -> index.parts().stream().anyMatch(p -> catalog.same(n, p.column())));
  }
}
