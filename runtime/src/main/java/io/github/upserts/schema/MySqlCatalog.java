package io.github.upserts.schema;

import io.github.upserts.bind.SqlTypes;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.schema.CatalogTable.CatalogColumn;
import io.github.upserts.schema.CatalogTable.Part;
import io.github.upserts.exec.KeyClasses;
import io.github.upserts.sql.Spelling;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * MariaDB's and MySQL's {@code information_schema}. Column names compare ignoring case. Other
 * unique indexes are no mismatch: the dialect fails a row that collides on one of them, as
 * other databases raise a unique violation there.
 */
public final class MySqlCatalog extends Catalog {

  public MySqlCatalog(Spelling spelling) {
    super(spelling, "MariaDB/MySQL");
  }

  private static Query bind(Query query, Table table) {
    return query.bind("schema", table.schema().isEmpty() ? null : table.schema()).bind("table", table.name());
  }

  private static final String WHERE = " WHERE TABLE_SCHEMA = COALESCE(:schema, DATABASE()) AND TABLE_NAME = :table";

  @Override
  public Optional<CatalogTable> read(Handle handle, Table table) {
    List<CatalogColumn> columns = bind(handle.createQuery("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES',"
            + " COLUMN_DEFAULT, EXTRA, COLLATION_NAME FROM information_schema.COLUMNS" + WHERE + " ORDER BY ORDINAL_POSITION"), table)
        // MariaDB writes a nullable column's want of a default as NULL (and quotes a text default)
        .map((rs, ctx) -> new CatalogColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3),
            "NULL".equals(rs.getString(4)) ? null : rs.getString(4),
            generation(rs.getString(5)),
            rs.getString(6)))
        .list();
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    List<Map.Entry<String, Part>> parts = bind(handle.createQuery("SELECT INDEX_NAME, COLUMN_NAME, SUB_PART"
            + " FROM information_schema.STATISTICS" + WHERE + " AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX"), table)
        // a functional key part (MySQL 8.0.13+) has no column name
        .map((rs, ctx) -> Map.entry(rs.getString(1), new Part(rs.getString(2), rs.getObject(3) != null)))
        .list();
    boolean view = bind(handle.createQuery("SELECT TABLE_TYPE = 'VIEW' FROM information_schema.TABLES" + WHERE), table)
        .mapTo(Boolean.class).one();
    return Optional.of(new CatalogTable(columns, CatalogTable.indexes(parts, "PRIMARY"::equals, n -> false), false, view));
  }

  /**
   * How the column is generated, from {@code EXTRA}: {@code VIRTUAL GENERATED}, {@code STORED
   * GENERATED} (MariaDB's {@code PERSISTENT} too) always, {@code auto_increment} by default;
   * MySQL's {@code DEFAULT_GENERATED} is an expression default, not a generated column.
   */
  private static CatalogTable.Generation generation(String extra) {
    String text = String.valueOf(extra).toLowerCase(Locale.ROOT);
    return text.matches(".*\\b(virtual|stored|persistent) generated.*") ? CatalogTable.Generation.ALWAYS
        : text.contains("auto_increment") ? CatalogTable.Generation.BY_DEFAULT : CatalogTable.Generation.NONE;
  }

  @Override
  public boolean same(String name, String stored) {
    return name.equalsIgnoreCase(stored);
  }

  @Override
  protected String missingTable(Handle handle, Table table) {
    return "the table does not exist (in " + (table.schema().isEmpty()
        ? "the connection's database" : "database " + table.schema()) + ")";
  }

  @Override
  protected String ddlType(Column column) {
    Class<?> type = column.rawType();
    // a TEXT or BLOB column cannot be in a plain unique index
    if (type == String.class || type.isEnum() || type == byte[].class) {
      return type == byte[].class ? (column.key() ? " VARBINARY(255)" : " BLOB")
          : column.key() || type.isEnum() ? " VARCHAR(255)" : " TEXT";
    }
    SqlTypes family = SqlTypes.of(type);
    return SqlTypes.orChoose(family == null ? null : family.mySql, "TEXT ", column);
  }

  /**
   * A character key compares in its column's collation (case- and accent-insensitive, trailing
   * spaces ignored, as the collation says) unless that is a no-pad binary one; a decimal or
   * temporal key as its column's type rounds or truncates it.
   */
  @Override
  public KeyClasses.Equality keyEquality(Column key, CatalogColumn column) {
    String collation = column.collation();
    if (collation != null) {
      return collation.endsWith("_nopad_bin") ? null : new KeyClasses.Equality(
          "CONVERT(? USING " + collation.substring(0, collation.indexOf('_')) + ")", " COLLATE " + collation);
    }
    java.util.regex.Matcher type = CASTABLE.matcher(column.type().toLowerCase(Locale.ROOT));
    return type.lookingAt()
        ? KeyClasses.Equality.cast(type.group(1).replace("timestamp", "datetime") + java.util.Objects.toString(type.group(2), ""))
        : null;
  }

  /** The column types whose values CAST rounds or truncates as the column does, with their size. */
  private static final java.util.regex.Pattern CASTABLE =
      java.util.regex.Pattern.compile("(decimal|datetime|timestamp|time|double|float)(\\([0-9, ]+\\))?");

  @Override
  public KeyClasses.Rows rows() {
    return KeyClasses.Rows.UNION_ALL;
  }
}
