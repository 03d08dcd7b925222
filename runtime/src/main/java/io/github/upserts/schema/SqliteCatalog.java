package io.github.upserts.schema;

import io.github.upserts.bind.SqlTypes;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.schema.CatalogTable.CatalogColumn;
import io.github.upserts.schema.CatalogTable.Generation;
import io.github.upserts.schema.CatalogTable.Part;
import io.github.upserts.schema.CatalogTable.UniqueIndex;
import io.github.upserts.exec.KeyClasses;
import io.github.upserts.sql.Spelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** SQLite's catalog: {@code pragma_table_info}, {@code pragma_index_list} and {@code pragma_index_info}. */
public final class SqliteCatalog extends Catalog {

  public SqliteCatalog(Spelling spelling) {
    super(spelling, "SQLite");
  }

  @Override
  public Optional<CatalogTable> read(Handle handle, Table table) {
    String schema = table.schema().isEmpty() ? "" : ", :schema";
    List<Part> primaryKey = new ArrayList<>();
    List<CatalogColumn> columns = bind(handle.createQuery(
            // table_xinfo shows generated columns too (hidden 2 virtual, 3 stored), which table_info hides
            "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(:table" + schema + ")"
                + " WHERE hidden IN (0, 2, 3) ORDER BY cid"), table)
        .map((rs, ctx) -> {
          if (rs.getInt(5) > 0) {
            primaryKey.add(new Part(rs.getString(1), false));
          }
          return new CatalogColumn(rs.getString(1), rs.getString(2), rs.getInt(3) == 0, rs.getString(4),
              rs.getInt(6) == 0 ? Generation.NONE : Generation.ALWAYS, null);
        })
        .list();
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    List<UniqueIndex> unique = new ArrayList<>();
    if (!primaryKey.isEmpty()) {
      // an INTEGER PRIMARY KEY has no index of its own
      unique.add(new UniqueIndex("PRIMARY KEY", true, primaryKey, false, false, false));
    }
    Map<String, Boolean> partial = new java.util.HashMap<>();
    List<Map.Entry<String, Part>> parts = bind(handle.createQuery("SELECT il.name, ii.name, il.partial FROM pragma_index_list(:table" + schema
            + ") AS il, pragma_index_info(il.name" + schema + ") AS ii"
            + " WHERE il.\"unique\" = 1 AND il.origin <> 'pk' ORDER BY il.seq, ii.seqno"), table)
        .map((rs, ctx) -> {
          partial.put(rs.getString(1), rs.getInt(3) == 1);
          return Map.entry(rs.getString(1), new Part(rs.getString(2), false));
        })
        .list();
    for (UniqueIndex index : CatalogTable.indexes(parts, n -> false, partial::get)) {
      unique.add(index.plain() ? index : defined(handle, table, index));
    }
    // a key's equality is its unique index's collation, which the column's declaration gives unless the index names one
    Map<String, String> collations = new java.util.HashMap<>();
    bind(handle.createQuery("SELECT ii.name, ii.coll FROM pragma_index_list(:table" + schema + ") AS il,"
            + " pragma_index_xinfo(il.name" + schema + ") AS ii WHERE il.\"unique\" = 1 AND ii.\"key\" = 1"
            + " AND ii.name IS NOT NULL AND ii.coll <> 'BINARY'"), table)
        .map((rs, ctx) -> collations.putIfAbsent(rs.getString(1), rs.getString(2))).forEach(c -> {});
    String rowid = rowidAlias(handle, table, primaryKey, columns);
    columns = columns.stream().map(c -> (c.name().equals(rowid) ? new CatalogColumn(c.name(), c.type(), c.nullable(),
        c.defaultValue(), Generation.BY_DEFAULT, null) : c).withCollation(collations.get(c.name()))).toList();
    boolean view = bind(handle.createQuery("SELECT COUNT(*) > 0 FROM "
            + (table.schema().isEmpty() ? "" : spelling.quote(table.schema()) + ".")
            + "sqlite_master WHERE type = 'view' AND name = :table COLLATE NOCASE"), table)
        .mapTo(Boolean.class).one();
    return Optional.of(new CatalogTable(columns, unique, false, view));
  }

  /**
   * The column that is the table's rowid, which an insert that leaves it out numbers: the one
   * primary key column declared exactly {@code INTEGER} of a rowid table (whose primary key then
   * has no index); null when there is none.
   */
  private static String rowidAlias(Handle handle, Table table, List<Part> primaryKey, List<CatalogColumn> columns) {
    if (primaryKey.size() != 1) {
      return null;
    }
    String name = primaryKey.get(0).column();
    boolean integer = columns.stream().anyMatch(c -> c.name().equals(name) && "INTEGER".equalsIgnoreCase(c.type()));
    String schema = table.schema().isEmpty() ? "" : ", :schema";
    return integer && bind(handle.createQuery("SELECT COUNT(*) = 0 FROM pragma_index_list(:table" + schema + ")"
        + " WHERE origin = 'pk'"), table).mapTo(Boolean.class).one() ? name : null;
  }

  /**
   * {@code index} with its expression parts' texts and its predicate, from its {@code CREATE INDEX}
   * statement in {@code sqlite_master} (an expression part is a part without a column; the
   * predicate is the text after the closing parenthesis's {@code WHERE}).
   */
  private UniqueIndex defined(Handle handle, Table table, UniqueIndex index) {
    String sql = handle.createQuery("SELECT sql FROM " + (table.schema().isEmpty() ? "" : spelling.quote(table.schema()) + ".")
            + "sqlite_master WHERE type = 'index' AND name = :index")
        .bind("index", index.name()).mapTo(String.class).findOne().orElse(null);
    List<String> elements = new ArrayList<>();
    String predicate = sql == null ? null : indexDefinition(sql, elements);
    if (sql == null || elements.size() != index.parts().size()) {
      return index;
    }
    List<Part> defined = new ArrayList<>();
    for (int k = 0; k < elements.size(); k++) {
      Part part = index.parts().get(k);
      defined.add(part.column() != null ? part : new Part(null, false, elements.get(k)));
    }
    return new UniqueIndex(index.name(), index.primary(), defined, index.partial(), index.deferrable(),
        index.nullsNotDistinct(), index.partial() ? predicate : null);
  }

  /**
   * Splits a {@code CREATE INDEX ... ON t (e1, e2) [WHERE p]} statement: adds each indexed
   * element (without a trailing {@code ASC}/{@code DESC}) to {@code elements}, returns {@code p}
   * (null when none). Parentheses inside quotes and string literals are skipped.
   */
  static String indexDefinition(String sql, List<String> elements) {
    int depth = 0;
    int start = -1;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '[') {
        quote = ']';
      } else if (c == '(') {
        if (depth++ == 0) {
          start = i + 1;
        }
      } else if (c == ',' && depth == 1) {
        elements.add(element(sql.substring(start, i)));
        start = i + 1;
      } else if (c == ')' && --depth == 0) {
        elements.add(element(sql.substring(start, i)));
        java.util.regex.Matcher where = java.util.regex.Pattern.compile("(?is)\\s*WHERE\\s+(.*?)\\s*;?\\s*")
            .matcher(sql.substring(i + 1));
        return where.matches() ? where.group(1) : null;
      }
    }
    return null;
  }

  private static String element(String text) {
    return text.trim().replaceFirst("(?i)\\s+(ASC|DESC)$", "");
  }

  private static Query bind(Query query, Table table) {
    query.bind("table", table.name());
    if (!table.schema().isEmpty()) {
      query.bind("schema", table.schema());
    }
    return query;
  }

  /** SQLite compares identifiers case-insensitively, folding ASCII letters only. */
  @Override
  public boolean same(String name, String stored) {
    return stored != null && folded(name).equals(folded(stored));
  }

  private static String folded(String identifier) {
    StringBuilder folded = new StringBuilder(identifier.length());
    for (char c : identifier.toCharArray()) {
      folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return folded.toString();
  }

  /** SQLite has no ALTER TABLE ... ADD UNIQUE: a unique index does the same. */
  @Override
  public String addUnique(Table table) {
    String index = table.name() + "_" + keyNames(table).stream().collect(Collectors.joining("_")) + "_key";
    return "CREATE UNIQUE INDEX " + (table.schema().isEmpty() ? "" : spelling.quote(table.schema()) + ".")
        + spelling.quote(index) + " ON " + spelling.quote(table.name()) + " (" + spelling.names(table.keys()) + ")";
  }

  /** SQLite cannot alter a column's default. */
  @Override
  public String setDefault(Table table, CatalogColumn column) {
    return null;
  }

  /** A declared type to suggest in DDL (SQLite derives the affinity from it). */
  @Override
  protected String ddlType(Column column) {
    SqlTypes family = SqlTypes.of(column.rawType());
    return SqlTypes.orChoose(family == null ? null : family.sqlite, "", column);
  }

  /**
   * A key compares in the collation of its unique index ({@code NOCASE}, {@code RTRIM}); a
   * number that Java's {@code equals} does not compare exactly ({@code -0.0}, {@code 1.0} and
   * {@code 1.00}) as its column's affinity makes it.
   */
  @Override
  public KeyClasses.Equality keyEquality(Column key, CatalogColumn column) {
    String collate = column.collation() == null ? "" : " COLLATE " + column.collation();
    String affinity = affinity(column.type());
    boolean number = Number.class.isAssignableFrom(key.rawType()) || key.rawType().isPrimitive();
    return new KeyClasses.Equality(number && !affinity.equals("BLOB") && !affinity.equals("TEXT")
        ? "CAST(? AS " + affinity + ")" : "?", collate);
  }

  /** Integers are 64 bits whatever the declared type; other values have no fixed arithmetic. */
  @Override
  public String arithmeticType(CatalogColumn column) {
    return affinity(column.type()).equals("INTEGER") ? "bigint" : null;
  }

  /** SQLite's type affinity of a declared type, by its documented rules. */
  private static String affinity(String declared) {
    String type = declared == null ? "" : declared.toUpperCase(java.util.Locale.ROOT);
    return type.contains("INT") ? "INTEGER"
        : type.matches(".*(CHAR|CLOB|TEXT).*") ? "TEXT"
        : type.isEmpty() || type.contains("BLOB") ? "BLOB"
        : type.matches(".*(REAL|FLOA|DOUB).*") ? "REAL" : "NUMERIC";
  }

  /** SQLite's own collations: {@code NOCASE} folds ASCII letters, {@code RTRIM} trailing spaces. */
  @Override
  public boolean foldsText() {
    return true;
  }

  /** {@code ON CONFLICT (parts) WHERE predicate} names one index. */
  @Override
  public boolean targetsOneIndex() {
    return true;
  }

  @Override
  public KeyClasses.Rows rows() {
    return KeyClasses.Rows.SQLITE_VALUES;
  }
}
