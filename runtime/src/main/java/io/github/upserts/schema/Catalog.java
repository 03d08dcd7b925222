package io.github.upserts.schema;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.exec.KeyClasses;
import io.github.upserts.sql.Spelling;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * One database's catalog: how to read a table's description from it, how its names compare,
 * and how to write the DDL that fixes a mismatch. {@link SchemaVerifier} checks a table with it.
 */
public abstract class Catalog {
  protected final Spelling spelling;
  private final String database;

  /** @param database the database's name, for messages */
  protected Catalog(Spelling spelling, String database) {
    this.spelling = spelling;
    this.database = database;
  }

  /** The table as the catalog describes it, or empty when the table does not exist. */
  public abstract Optional<CatalogTable> read(Handle handle, Table table);

  /** The database's name, for messages. */
  public String database() {
    return database;
  }

  /** A column type to suggest in DDL for {@code column}, with its leading space. */
  protected abstract String ddlType(Column column);

  /** Whether the entity's name {@code name} and the catalog's {@code stored} are the same identifier. */
  public boolean same(String name, String stored) {
    return name.equals(stored);
  }

  /** Whether {@code name}, as {@code @Upsertable(conflictIndex)} gives it, names the unique index {@code stored}. */
  public boolean sameIndex(String name, CatalogTable.UniqueIndex stored) {
    return same(name, stored.name());
  }

  /** The column name as the catalog stores it, for messages. */
  protected String stored(String name) {
    return name;
  }

  /** Why the table is missing, for the mismatch list. */
  protected String missingTable(Handle handle, Table table) {
    return "the table does not exist";
  }

  /** The DDL that makes the key columns unique. */
  public String addUnique(Table table) {
    return "ALTER TABLE " + spelling.table(table) + " ADD UNIQUE (" + spelling.names(table.keys()) + ")";
  }

  /** The DDL that creates the table. */
  String createTable(Table table) {
    return "CREATE TABLE " + spelling.table(table) + " (" + table.columns().stream()
        .map(c -> spelling.quote(c.name()) + ddlType(c) + (c.key() ? " NOT NULL" : ""))
        .collect(Collectors.joining(", ")) + ", PRIMARY KEY (" + spelling.names(table.keys()) + "))";
  }

  String addColumn(Table table, Column column) {
    return "ALTER TABLE " + spelling.table(table) + " ADD COLUMN " + spelling.quote(column.name()) + ddlType(column);
  }

  /**
   * The DDL that gives {@code column} of {@code table} a default, with a placeholder for its
   * value; null where the database cannot alter a column's default.
   */
  public String setDefault(Table table, CatalogTable.CatalogColumn column) {
    return "ALTER TABLE " + spelling.table(table) + " ALTER COLUMN " + spelling.quote(column.name())
        + " SET DEFAULT /* the value a null takes */";
  }

  /** Reports when {@code column}'s Java values cannot be written to {@code stored}, its column, with the fix (none by default). */
  protected void typeMismatch(Table table, Column column, CatalogTable.CatalogColumn stored, SchemaVerifier.Report report) {}

  /** The key column names of {@code table}. */
  static List<String> keyNames(Table table) {
    return table.keys().stream().map(Column::name).toList();
  }

  /**
   * How the database compares values of the key column {@code column} (entity column {@code key},
   * whose Java type's {@code equals} is not exact everywhere); null or {@link KeyClasses.Equality#PLAIN}
   * when exactly as Java's {@code equals} does.
   */
  public abstract KeyClasses.Equality keyEquality(Column key, CatalogTable.CatalogColumn column);

  /**
   * How the conflict index {@code target} compares values of the key column {@code key}: its
   * expression over the value ({@code (SELECT lower(email) FROM (SELECT ? AS "email") AS upserts_k)})
   * where one expression part reads {@code key} alone, else the value as it is (a part reading
   * several key columns is not compared so in batches).
   */
  public KeyClasses.Equality indexEquality(Table table, Column key, io.github.upserts.dialect.ConflictTarget target) {
    return target.parts().stream().filter(p -> p.expression() != null)
        .filter(p -> SchemaVerifier.referenced(p.expression(), keyNames(table), this).equals(List.of(key.name())))
        .findFirst().map(p -> new KeyClasses.Equality("(SELECT " + p.expression() + " FROM (SELECT ? AS "
            + spelling.quote(key.name()) + ") AS upserts_k)", "")).orElse(KeyClasses.Equality.PLAIN);
  }

  /**
   * Whether every text equality this database's collations make is letter case or trailing
   * spaces, as folding text in Java removes (false by default: a collation may equate other
   * spellings).
   */
  public boolean foldsText() {
    return false;
  }

  /**
   * Whether an upsert into a view finds the unique index of the view's table, which the catalog
   * does not show through the view (PostgreSQL's {@code ON CONFLICT}); false by default, where a
   * view shows no key index and is refused.
   */
  public boolean writesThroughViews() {
    return false;
  }

  /**
   * Whether an upsert can name one unique index as its conflict target (with its expressions and
   * predicate), as {@code @Upsertable(conflictIndex)} asks: PostgreSQL's and SQLite's
   * {@code ON CONFLICT}; false by default, where an upsert conflicts on every unique index.
   */
  public boolean targetsOneIndex() {
    return false;
  }

  /** How this database writes a derived table of literal rows. */
  public abstract KeyClasses.Rows rows();

  /**
   * The type whose arithmetic an addition to {@code column} follows, in PostgreSQL's and the
   * standard's names (e.g. {@code integer}, {@code bigint unsigned}, {@code numeric(10,2)}, {@code real}).
   */
  public String arithmeticType(CatalogTable.CatalogColumn column) {
    return column.type();
  }
}
