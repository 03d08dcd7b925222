package io.github.upserts.schema;

import io.github.upserts.bind.SqlTypes;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.schema.CatalogTable.CatalogColumn;
import io.github.upserts.schema.CatalogTable.Part;
import io.github.upserts.exec.KeyClasses;
import io.github.upserts.sql.Spelling;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/** H2's {@code INFORMATION_SCHEMA} (2.x), with names folded as the dialect folds them. */
public final class H2Catalog extends Catalog {
  private final UnaryOperator<String> identifier;

  /** @param identifier a name as H2 stores it (folded to upper case when the dialect folds) */
  public H2Catalog(Spelling spelling, UnaryOperator<String> identifier) {
    super(spelling, "H2");
    this.identifier = identifier;
  }

  private String schema(Handle handle, Table table) {
    return table.schema().isEmpty()
        ? handle.createQuery("SELECT SCHEMA()").mapTo(String.class).one()
        : identifier.apply(table.schema());
  }

  /** The declared type with its length, precision and scale, e.g. {@code NUMERIC(10, 2)}, {@code TIMESTAMP(3) WITH TIME ZONE}. */
  private static final String FULL_TYPE = "CASE WHEN DATA_TYPE IN ('NUMERIC', 'DECIMAL')"
      + " THEN DATA_TYPE || '(' || NUMERIC_PRECISION || ', ' || NUMERIC_SCALE || ')'"
      + " WHEN DATA_TYPE = 'CHARACTER' THEN DATA_TYPE || '(' || CHARACTER_MAXIMUM_LENGTH || ')'"
      + " WHEN DATA_TYPE LIKE 'TIME%' THEN REGEXP_REPLACE(DATA_TYPE, '^(TIMESTAMP|TIME)', '$1(' || DATETIME_PRECISION || ')')"
      + " ELSE DATA_TYPE END";

  @Override
  public Optional<CatalogTable> read(Handle handle, Table table) {
    String schema = schema(handle, table);
    String name = identifier.apply(table.name());
    List<CatalogColumn> columns = handle.createQuery("SELECT COLUMN_NAME, " + FULL_TYPE + ", IS_NULLABLE = 'YES',"
            + " COLUMN_DEFAULT, CASE WHEN IS_GENERATED = 'ALWAYS' OR IDENTITY_GENERATION = 'ALWAYS' THEN 'ALWAYS'"
            + " WHEN IS_IDENTITY = 'YES' OR UPPER(COLUMN_DEFAULT) LIKE 'NEXT VALUE FOR %' THEN 'BY_DEFAULT'"
            + " ELSE 'NONE' END FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_SCHEMA = :schema AND TABLE_NAME = :name ORDER BY ORDINAL_POSITION")
        .bind("schema", schema).bind("name", name)
        .map((rs, ctx) -> new CatalogColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3),
            rs.getString(4), CatalogTable.Generation.valueOf(rs.getString(5)), null))
        .list();
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    // constraints are normally backed by an index; both are read so neither can be missed
    List<Map.Entry<String, Part>> parts = handle.createQuery("SELECT tc.CONSTRAINT_TYPE || ':' || tc.CONSTRAINT_NAME, k.COLUMN_NAME"
            + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
            + " ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " WHERE tc.TABLE_SCHEMA = :schema AND tc.TABLE_NAME = :name"
            + " AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE')"
            + " UNION ALL SELECT i.INDEX_TYPE_NAME || ':' || i.INDEX_NAME, c.COLUMN_NAME"
            + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
            + " ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME"
            + " WHERE i.TABLE_SCHEMA = :schema AND i.TABLE_NAME = :name"
            + " AND i.INDEX_TYPE_NAME IN ('PRIMARY KEY', 'UNIQUE INDEX')")
        .bind("schema", schema).bind("name", name)
        .map((rs, ctx) -> Map.entry(rs.getString(1), new Part(rs.getString(2), false)))
        .list();
    boolean view = handle.createQuery("SELECT TABLE_TYPE = 'VIEW' FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA = :schema AND TABLE_NAME = :name")
        .bind("schema", schema).bind("name", name).mapTo(Boolean.class).one();
    return Optional.of(new CatalogTable(columns, CatalogTable.indexes(parts, n -> n.startsWith("PRIMARY KEY"), n -> false), false, view));
  }

  @Override
  public boolean same(String name, String stored) {
    return identifier.apply(name).equals(stored);
  }

  /** The index's name after its type, as {@link #read} names it ({@code UNIQUE INDEX:NAME}). */
  @Override
  public boolean sameIndex(String name, CatalogTable.UniqueIndex stored) {
    return same(name, stored.name().substring(stored.name().indexOf(':') + 1));
  }

  @Override
  protected String stored(String name) {
    return identifier.apply(name);
  }

  @Override
  protected String missingTable(Handle handle, Table table) {
    String schema = schema(handle, table);
    String name = identifier.apply(table.name());
    List<String> otherCase = handle.createQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA = :schema AND UPPER(TABLE_NAME) = UPPER(:name)")
        .bind("schema", schema).bind("name", name).mapTo(String.class).list();
    return "the table " + schema + "." + name + " does not exist" + (otherCase.isEmpty() ? ""
        : "; " + otherCase + " differs only in letter case: H2 compares quoted names exactly, and"
            + " Upserts looks for " + spelling.table(table));
  }

  @Override
  protected String ddlType(Column column) {
    Class<?> type = column.rawType();
    if (type == java.math.BigDecimal.class || type == java.math.BigInteger.class) {
      return type == java.math.BigInteger.class ? " NUMERIC(38)" : " NUMERIC(38, 10) /* choose the precision and scale */";
    }
    return SqlTypes.orChoose(SqlTypes.h2(type), "CHARACTER VARYING ", column);
  }

  /**
   * Text compares as Java does but in a {@code VARCHAR_IGNORECASE} or padded {@code CHARACTER}
   * column; any other key is cast to its column's type (a {@code NUMERIC} scale, a timestamp
   * precision).
   */
  @Override
  public KeyClasses.Equality keyEquality(Column key, CatalogColumn column) {
    boolean text = key.rawType() == String.class || key.rawType().isEnum();
    return text && !column.type().matches("VARCHAR_IGNORECASE|CHARACTER\\(.*") || column.type().equals("ENUM")
        ? null : KeyClasses.Equality.cast(column.type());
  }

  /** {@code VARCHAR_IGNORECASE} ignores letter case; {@code CHARACTER} pads with spaces. */
  @Override
  public boolean foldsText() {
    return true;
  }

  @Override
  public KeyClasses.Rows rows() {
    return KeyClasses.Rows.NAMED_VALUES;
  }
}
