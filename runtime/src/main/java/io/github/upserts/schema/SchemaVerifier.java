package io.github.upserts.schema;

import io.github.upserts.SchemaMismatchException;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.ConflictTarget;
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

    /** A mismatch no DDL fixes: {@code mismatch} says what to change. */
    void advise(String mismatch) {
      mismatches.add(mismatch);
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
      if (!table.conflictIndex().isEmpty()) {
        conflictIndex(table, stored.get(), catalog, report);
      } else if (!(stored.get().view() && catalog.writesThroughViews())) {
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

  /**
   * Checks, before the first write, the index {@code @Upsertable(conflictIndex)} names: it exists
   * and is unique, reads exactly the {@code @Key} columns, and this database can target it.
   *
   * @param stored the table as the catalog describes it, or null when it was not read
   * @return its definition to render ({@link Table#target()}), or null when it is the key
   *     columns' plain index, which statements name by the key columns as without it (also when
   *     the catalog was not read: a database's refusal then says to read it, {@link #noUniqueKey})
   * @throws SchemaMismatchException saying what is wrong and what to change
   */
  public static ConflictTarget requireConflictIndex(Table table, CatalogTable stored, Catalog catalog) {
    if (stored == null) {
      // rendered from the entity alone (documentation, catalog reading off): as by the key columns
      return null;
    }
    Report report = new Report();
    ConflictTarget target = conflictIndex(table, stored, catalog, report);
    if (!report.mismatches.isEmpty()) {
      throw new SchemaMismatchException(table.entity(), table.displayName(), report.mismatches, report.fixes);
    }
    return target;
  }

  /** Reports what is wrong with the index {@code conflictIndex} names; its definition, or null (see {@link #requireConflictIndex}). */
  private static ConflictTarget conflictIndex(Table table, CatalogTable stored, Catalog catalog, Report report) {
    String name = table.conflictIndex();
    String named = "@Upsertable(conflictIndex = \"" + name + "\") of " + table.entity();
    List<String> keys = Catalog.keyNames(table);
    Optional<UniqueIndex> found = stored.uniqueIndexes().stream().filter(i -> catalog.sameIndex(name, i)).findFirst();
    if (found.isEmpty()) {
      List<String> unique = stored.uniqueIndexes().stream().map(i -> i.name() + " " + i.columnList()).toList();
      report.add(named + " names no unique index or unique constraint of the table: " + name
          + " does not exist, or is not unique" + (unique.isEmpty() ? " (the table has none)"
          : " (its unique ones: " + String.join(", ", unique) + ")") + "; create it unique (dropping a non-unique"
          + " index of that name first), or set conflictIndex to the name of a unique index", "CREATE UNIQUE INDEX "
          + catalog.spelling.quote(name) + " ON " + catalog.spelling.table(table) + " (" + catalog.spelling.names(table.keys()) + ")");
      return null;
    }
    UniqueIndex index = found.get();
    if (!catalog.targetsOneIndex()) {
      if (!CatalogTable.covers(index, keys, catalog)) {
        report.advise(named + " names the unique index " + index.name() + " on " + index.columnList()
            + (index.partial() ? " (partial)" : "") + ", but " + catalog.database() + " cannot target one unique"
            + " index: its upsert conflicts on every unique index, so it works only by the plain unique index on"
            + " exactly the @Key columns (" + keyList(table, catalog) + "). Fix: mark exactly the columns of a plain"
            + " unique index with @Key and remove conflictIndex (or name that index); or use PostgreSQL or SQLite,"
            + " which target one index such as " + index.name());
      }
      return null;
    }
    if (index.deferrable()) {
      report.add(named + " names the unique constraint " + index.name() + ", which is DEFERRABLE, and "
          + catalog.database() + " cannot use a deferrable constraint to find the existing row",
          "ALTER TABLE " + catalog.spelling.table(table) + " ALTER CONSTRAINT " + catalog.spelling.quote(index.name())
          + " NOT DEFERRABLE");
      return null;
    }
    if (index.partial() && index.predicate() == null
        || index.parts().stream().anyMatch(p -> p.column() == null && p.expression() == null)) {
      report.advise(named + " names the unique index " + index.name() + ", whose definition the " + catalog.database()
          + " catalog does not tell. Fix: name an index whose definition the catalog tells, or remove conflictIndex");
      return null;
    }
    java.util.Set<String> read = reads(index, stored, catalog);
    List<String> notKeys = read.stream().filter(c -> table.keys().stream().noneMatch(k -> catalog.same(k.name(), c))).toList();
    List<String> unread = table.keys().stream().map(c -> catalog.stored(c.name()))
        .filter(k -> read.stream().noneMatch(c -> catalog.same(k, c))).toList();
    if (!notKeys.isEmpty() || !unread.isEmpty()) {
      report.advise(named + " names the unique index " + index.name() + " on " + index.columnList() + ", which reads "
          + read + ", but the @Key columns are (" + keyList(table, catalog) + "). Fix: " + (notKeys.isEmpty() ? ""
          : "map " + notKeys + " as @Key fields") + (notKeys.isEmpty() || unread.isEmpty() ? "" : ", and ")
          + (unread.isEmpty() ? "" : "remove @Key from " + unread) + ", so that the @Key columns are exactly the"
          + " columns the index reads; or name another index");
      return null;
    }
    if (CatalogTable.covers(index, keys, catalog) && !index.nullsNotDistinct()) {
      return null;
    }
    return new ConflictTarget(index.name(), index.parts().stream()
        .map(p -> new ConflictTarget.Part(p.column(), p.column() == null ? p.expression() : null)).toList(),
        index.partial() ? index.predicate() : null, index.nullsNotDistinct());
  }

  /** The columns {@code index} reads: its column parts' and those its expressions name, as stored. */
  private static java.util.Set<String> reads(UniqueIndex index, CatalogTable stored, Catalog catalog) {
    List<String> names = stored.columns().stream().map(CatalogTable.CatalogColumn::name).toList();
    java.util.Set<String> read = new java.util.LinkedHashSet<>();
    for (CatalogTable.Part part : index.parts()) {
      if (part.column() != null) {
        read.add(part.column());
      } else if (part.expression() != null) {
        read.addAll(referenced(part.expression(), names, catalog));
      }
    }
    return read;
  }

  /**
   * The columns (of {@code columns}, the table's) an index expression names: its identifiers,
   * quoted or not, outside string literals, that are column names.
   */
  static List<String> referenced(String expression, List<String> columns, Catalog catalog) {
    List<String> found = new ArrayList<>();
    java.util.regex.Matcher token = java.util.regex.Pattern
        .compile("'(?:[^']|'')*'|\"((?:[^\"]|\"\")*)\"|`([^`]*)`|\\[([^\\]]*)\\]|([A-Za-z_][A-Za-z0-9_$]*)")
        .matcher(expression);
    while (token.find()) {
      String identifier = token.group(1) != null ? token.group(1).replace("\"\"", "\"")
          : token.group(2) != null ? token.group(2) : token.group(3) != null ? token.group(3) : token.group(4);
      if (identifier != null) {
        columns.stream().filter(c -> catalog.same(identifier, c) || token.group(4) != null
            && catalog.same(identifier.toLowerCase(java.util.Locale.ROOT), c)).findFirst().ifPresent(found::add);
      }
    }
    return found;
  }

  /** The error for a key without its unique index, saying how to fix it. */
  public static SchemaMismatchException noUniqueKey(
      Table table, Catalog catalog, String fix, Exception cause) {
    if (!table.conflictIndex().isEmpty()) {
      return new SchemaMismatchException("Table " + table.displayName() + " of " + table.entity() + " names"
          + " @Upsertable(conflictIndex = \"" + table.conflictIndex() + "\"), whose definition Upserts reads from the"
          + " catalog, but it was not read, so the statement named the @Key columns (" + keyList(table, catalog)
          + "), which " + catalog.database() + " refused. Fix: leave catalog reading on"
          + " (jdbi.getConfig(Upserts.class).setCatalogReading(true)), and grant the connection's user access to it.",
          List.of(), cause);
    }
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
    // a partial or expression index on the key: the user must say that it is the one, it changes which rows match
    List<UniqueIndex> special = !catalog.targetsOneIndex() ? List.of() : stored.uniqueIndexes().stream()
        .filter(i -> !i.plain() && !i.deferrable()).filter(i -> {
          java.util.Set<String> read = reads(i, stored, catalog);
          return read.size() == keys.size() && keys.stream().allMatch(k -> read.stream().anyMatch(c -> catalog.same(k, c)));
        }).toList();
    if (!special.isEmpty()) {
      report.advise("no plain unique index covers exactly the @Key columns (" + keyList(table, catalog) + "); "
          + (special.size() == 1 ? "the one on them is " : "those on them are ") + special.stream()
          .map(i -> i.name() + " on " + i.columnList() + (i.partial() ? " WHERE " + (i.predicate() == null ? "..."
          : i.predicate()) + " (partial: unique on some rows only)" : " (on expressions)")).collect(Collectors.joining(", "))
          + ", which " + catalog.database() + " uses only when the upsert names it. Fix: set @Upsertable(conflictIndex = \""
          + special.get(0).name() + "\")" + (special.size() == 1 ? "" : " (or another of them)") + " on " + table.entity()
          + ", so that every upsert, find and read-back matches rows as that index does");
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
