package io.github.upserts.schema;

import io.github.upserts.SchemaMismatchException;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.schema.CatalogTable.CatalogColumn;
import io.github.upserts.schema.CatalogTable.UniqueIndex;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.StatementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Checks a table against an entity, on every database the same way: the table exists, has every
 * mapped column, of a type its Java values can be written to (where the catalog tells), and a plain, non-deferrable unique index on exactly the key columns (the
 * conflict target every upsert needs). Each mismatch comes with the DDL that fixes it.
 */
public final class SchemaVerifier {
  private SchemaVerifier() {}

  /** Mismatches and their fixes, in order. */
  static final class Report {
    final List<String> mismatches = new ArrayList<>();
    final List<String> fixes = new ArrayList<>();

    void add(String mismatch, String fix) {
      mismatches.add(mismatch);
      fixes.add(fix);
    }
  }

  /**
   * Checks the table in the catalog.
   *
   * @throws SchemaMismatchException listing every mismatch and the DDL that fixes it
   */
  public static void verify(Handle handle, Table table, Catalog catalog) {
    Optional<CatalogTable> stored = catalog.read(handle, table);
    Report report = new Report();
    if (stored.isEmpty()) {
      report.add(catalog.missingTable(handle, table), catalog.createTable(table));
    } else {
      for (Column column : table.columns()) {
        CatalogColumn found = stored.get().column(column.name(), catalog);
        if (found == null) {
          report.add("column " + catalog.stored(column.name()) + " (of " + column.property() + ") is missing",
              catalog.addColumn(table, column));
        } else {
          catalog.typeMismatch(table, column, found, report);
        }
      }
      if (!(stored.get().view() && catalog.writesThroughViews())) {
        keyIndex(table, stored.get(), catalog, report);
      }
    }
    if (!report.mismatches.isEmpty()) {
      throw new SchemaMismatchException(table.entity(), table.displayName(), report.mismatches, report.fixes);
    }
  }

  /**
   * Checks, before the first write, that the key has the unique index every upsert needs.
   *
   * @throws SchemaMismatchException saying what is missing and the DDL that adds it
   */
  public static void requireKeyIndex(Table table, CatalogTable stored, Catalog catalog) {
    Report report = new Report();
    if (keyIndex(table, stored, catalog, report)) {
      throw noUniqueKey(table, catalog, report.fixes.get(0), null);
    }
    if (!report.mismatches.isEmpty()) {
      throw new SchemaMismatchException(table.entity(), table.displayName(), report.mismatches, report.fixes);
    }
  }

  /** The error for a key without its unique index, saying how to fix it. */
  public static SchemaMismatchException noUniqueKey(
      Table table, Catalog catalog, String fix, Exception cause) {
    return new SchemaMismatchException("Table " + table.displayName() + " has no unique constraint"
        + " or unique index on exactly (" + keyList(table, catalog) + "), the @Key columns of "
        + table.entity() + ", so " + catalog.database() + " cannot tell when a row already exists. Fix: " + fix + "; or mark exactly the columns of an existing unique constraint"
        + " with @Key.", List.of(fix), cause);
  }

  /**
   * Runs {@code work}; the error a database raises for a conflict target without its unique
   * index (which {@code missingKeyIndex} recognizes) becomes the {@link SchemaMismatchException}
   * that says how to fix it. For statements rendered without the catalog, or a table altered since.
   */
  public static <R> R translated(
      Table table, Catalog catalog, Predicate<SQLException> missingKeyIndex, Supplier<R> work) {
    try {
      return work.get();
    } catch (StatementException e) {
      if (e.getCause() instanceof SQLException cause && missingKeyIndex.test(cause)) {
        throw noUniqueKey(table, catalog, catalog.addUnique(table), e);
      }
      throw e;
    }
  }

  /** Reports what the key's unique index lacks; true when there is none at all. */
  private static boolean keyIndex(Table table, CatalogTable stored, Catalog catalog, Report report) {
    List<String> keys = Catalog.keyNames(table);
    List<UniqueIndex> onKey = stored.uniqueIndexes().stream()
        .filter(i -> CatalogTable.covers(i, keys, catalog)).toList();
    // PostgreSQL takes every unique index on the key as an arbiter, and refuses a deferrable one
    Optional<UniqueIndex> deferrable = onKey.stream().filter(UniqueIndex::deferrable).findFirst();
    if (!onKey.isEmpty() && deferrable.isEmpty()) {
      return false;
    }
    if (deferrable.isPresent()) {
      UniqueIndex deferred = deferrable.get();
      report.add("the unique constraint " + deferred.name() + " on the @Key columns (" + keyList(table, catalog)
          + ") is DEFERRABLE, and " + catalog.database() + " cannot use a deferrable constraint"
          + " to find the existing row", "ALTER TABLE " + catalog.spelling.table(table) + " DROP CONSTRAINT "
          + catalog.spelling.quote(deferred.name()) + ", ADD CONSTRAINT " + catalog.spelling.quote(deferred.name())
          + (deferred.primary() ? " PRIMARY KEY (" : " UNIQUE (") + catalog.spelling.names(table.keys()) + ")");
      return false;
    }
    List<UniqueIndex> plain = stored.uniqueIndexes().stream().filter(UniqueIndex::plain).toList();
    report.add("no unique constraint or unique index covers exactly the @Key columns ("
        + keyList(table, catalog) + ")" + (plain.isEmpty() ? "" : "; the unique ones cover "
        + plain.stream().map(UniqueIndex::columnList).collect(Collectors.joining(", ", "[", "]"))),
        catalog.addUnique(table));
    return true;
  }

  private static String keyList(Table table, Catalog catalog) {
    return table.keys().stream().map(c -> catalog.stored(c.name())).collect(Collectors.joining(", "));
  }
}
