package io.github.upserts.schema;

import io.github.upserts.bind.ArrayType;
import io.github.upserts.bind.SqlTypes;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.schema.CatalogTable.CatalogColumn;
import io.github.upserts.schema.CatalogTable.Generation;
import io.github.upserts.schema.CatalogTable.Part;
import io.github.upserts.schema.CatalogTable.UniqueIndex;
import io.github.upserts.exec.KeyClasses;
import io.github.upserts.sql.Spelling;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** PostgreSQL's catalog ({@code pg_class}, {@code pg_attribute}, {@code pg_index}), from 10 on. */
public final class PostgresCatalog extends Catalog {

  public PostgresCatalog(Spelling spelling) {
    super(spelling, "PostgreSQL");
  }

  @Override
  public Optional<CatalogTable> read(Handle handle, Table table) {
    Optional<String> kind = handle.createQuery(
            "SELECT relkind::text FROM pg_class WHERE oid = to_regclass(:name)")
        .bind("name", spelling.table(table)).mapTo(String.class).findOne();
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    // columns added in later versions are read through to_jsonb, null where they do not exist
    List<CatalogColumn> columns = handle.createQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
            + " NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid), COALESCE(to_jsonb(a) ->> 'attidentity', '')"
            + " || '/' || COALESCE(to_jsonb(a) ->> 'attgenerated', ''), NULLIF(co.collname, 'default'),"
            + " ty.typcategory::text"
            + " FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
            + " WHERE a.attrelid = to_regclass(:name) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")
        .bind("name", spelling.table(table))
        .map((rs, ctx) -> {
          Generation generation = generation(rs.getString(5), rs.getString(4));
          // a generated column's expression is no default
          String defaultValue = rs.getString(5).endsWith("/") ? rs.getString(4) : null;
          return new CatalogColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3),
              defaultValue, generation, rs.getString(6), rs.getString(7));
        })
        .list();
    List<UniqueIndex> unique = handle.createQuery("SELECT c.relname, i.indisprimary,"
            // the key columns only: INCLUDE columns follow them (indnkeyatts since PostgreSQL 11)
            + " ARRAY(SELECT COALESCE(a.attname::text, '') FROM unnest(i.indkey) WITH ORDINALITY AS k(n, o)"
            + " LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n"
            + " WHERE k.o <= COALESCE((to_jsonb(i) ->> 'indnkeyatts')::int, i.indnatts) ORDER BY k.o),"
            + " i.indpred IS NOT NULL, COALESCE(con.condeferrable, false),"
            + " COALESCE((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),"
            // each expression part's text ('' for a column), and the predicate, columns unqualified
            + " ARRAY(SELECT CASE WHEN k.n = 0 THEN pg_get_indexdef(i.indexrelid, k.o::int, true) ELSE '' END"
            + " FROM unnest(i.indkey) WITH ORDINALITY AS k(n, o)"
            + " WHERE k.o <= COALESCE((to_jsonb(i) ->> 'indnkeyatts')::int, i.indnatts) ORDER BY k.o),"
            + " pg_get_expr(i.indpred, i.indrelid)"
            + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u')"
            // an invalid index (a failed CREATE INDEX CONCURRENTLY) is no arbiter
            + " WHERE i.indrelid = to_regclass(:name) AND i.indisunique AND i.indisvalid ORDER BY c.relname")
        .bind("name", spelling.table(table))
        .map((rs, ctx) -> {
          String[] names = (String[]) rs.getArray(3).getArray();
          String[] expressions = (String[]) rs.getArray(7).getArray();
          return new UniqueIndex(rs.getString(1), rs.getBoolean(2), java.util.stream.IntStream.range(0, names.length)
              .mapToObj(k -> new Part(names[k].isEmpty() ? null : names[k], false,
                  expressions[k].isEmpty() ? null : expressions[k])).toList(),
              rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getString(8));
        })
        .list();
    return Optional.of(new CatalogTable(columns, unique, kind.get().equals("p"), "vm".contains(kind.get())));
  }

  /**
   * How the column is generated, from {@code attidentity/attgenerated} ({@code a} always or
   * {@code d} by default; {@code s} stored or {@code v} virtual) and its default: a
   * {@code nextval(...)} default is {@code serial}'s.
   */
  private static Generation generation(String kinds, String defaultValue) {
    if (kinds.startsWith("a") || !kinds.endsWith("/")) {
      return Generation.ALWAYS;
    }
    return kinds.startsWith("d") || defaultValue != null && defaultValue.startsWith("nextval(")
        ? Generation.BY_DEFAULT : Generation.NONE;
  }

  @Override
  protected String missingTable(Handle handle, Table table) {
    return "the table does not exist (or is not on the search path)";
  }

  /** A value whose type's category the column's is not ({@link SqlTypes#postgresWritable}): a {@code long} in {@code text}. */
  @Override
  protected void typeMismatch(Table table, Column column, CatalogColumn stored, SchemaVerifier.Report report) {
    SqlTypes family = SqlTypes.of(column.rawType());
    if (family != null && !family.postgresWritable(stored.category())) {
      String type = ddlType(column).trim();
      String name = spelling.quote(stored.name());
      report.add("column " + stored.name() + " (of " + column.property() + ") is " + stored.type() + ", to which a "
          + column.type().getTypeName() + " cannot be written; change the column's type, or the field's to one"
          + " that " + stored.type() + " takes", "ALTER TABLE " + spelling.table(table) + " ALTER COLUMN " + name
          + " TYPE " + type + " USING " + name + "::" + type);
    }
  }

  @Override
  protected String ddlType(Column column) {
    ArrayType type = ArrayType.of(column.rawType());
    if (type != null) {
      return " " + type.sqlName;
    }
    return column.rawType().isEnum() ? " text" : " text /* choose the type for " + column.type().getTypeName() + " */";
  }

  /**
   * Text in the database's default or a bytewise collation compares as Java does; any other key
   * is cast to its column's type ({@code citext}, {@code numeric(10,2)}, {@code timestamptz(3)},
   * an enum type) and compared in its collation.
   */
  @Override
  public KeyClasses.Equality keyEquality(Column key, CatalogColumn column) {
    boolean bytewise = column.collation() == null || BYTEWISE.contains(column.collation());
    if ((key.rawType() == String.class || key.rawType().isEnum()) && bytewise
        && column.type().matches("text|character varying(\\(\\d+\\))?")) {
      return null;
    }
    return new KeyClasses.Equality("CAST(? AS " + column.type() + ")",
        bytewise ? "" : " COLLATE " + spelling.quote(column.collation()));
  }

  private static final java.util.Set<String> BYTEWISE = java.util.Set.of("C", "POSIX", "ucs_basic");

  @Override
  public boolean writesThroughViews() {
    return true;
  }

  /** {@code ON CONFLICT (parts) WHERE predicate} names one index. */
  @Override
  public boolean targetsOneIndex() {
    return true;
  }

  @Override
  public KeyClasses.Rows rows() {
    return KeyClasses.Rows.NAMED_VALUES;
  }
}
