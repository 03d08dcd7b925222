package io.github.upserts.dialect;

import io.github.upserts.bind.BoundTypes;
import io.github.upserts.exec.KeyClasses;
import io.github.upserts.exec.Statements;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.schema.Catalog;
import io.github.upserts.schema.CatalogTable;
import io.github.upserts.schema.SchemaVerifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.ArgumentFactory;

/**
 * One database's way of running the statements of a generated DAO. A dialect composes the
 * parts: a spelling of the SQL nodes that differ ({@code io.github.upserts.sql}), a renderer of
 * its SQL family, the execution strategies and outcome decoders it needs
 * ({@code io.github.upserts.exec}) and its catalog ({@code io.github.upserts.schema}).
 *
 * <p>Instances are immutable and thread-safe; two dialects are equal when they render the same
 * SQL, which lets rendered statements be cached per dialect.
 */
public abstract class Dialect {

  /** A short human-readable name, e.g. {@code PostgreSQL 17}. */
  public abstract String name();

  /**
   * Renders every statement of {@code table}, over the table as the catalog describes it
   * ({@code stored}), or from the entity alone when {@code stored} is null. Called once per table.
   *
   * @throws io.github.upserts.SchemaMismatchException when {@code stored} shows that no upsert
   *     can work (no unique index on the key, with the DDL that fixes it; a column the entity
   *     writes that the database generates, saying to mark it {@code @DatabaseGenerated})
   */
  public abstract TableStatements render(Table table, CatalogTable stored);

  /** Renders the statements of {@code table} from the entity alone, as for the documentation. */
  public final TableStatements render(Table table) {
    return render(table, null);
  }

  /** This database's catalog. */
  public abstract Catalog catalog();

  /**
   * Whether a table's unique index may hold nulls equal, so that a null key value is a real key
   * where the catalog says so ({@link Table#nullKeys()}): PostgreSQL 15+ {@code NULLS NOT DISTINCT}.
   * Where not, a null key is refused before any SQL.
   */
  public boolean takesNullKeys() {
    return false;
  }

  /**
   * Checks that the table of {@code table} exists, has every mapped column and a unique
   * constraint or unique index on exactly the key columns.
   *
   * @throws io.github.upserts.SchemaMismatchException listing every mismatch and the DDL that fixes it
   */
  public void verifySchema(Handle handle, Table table) {
    SchemaVerifier.verify(handle, table, catalog());
  }

  /** Argument factories this database needs for a {@code UUID} column, beside JDBI's. */
  protected List<ArgumentFactory> uuidArguments() {
    return List.of();
  }

  /** The statement factory of {@code table}, set up to bind its column types here. */
  protected final Statements statements(Table table) {
    return new Statements(BoundTypes.forTable(table, uuidArguments()));
  }

  /**
   * Checks the key's unique index before the first write, when the catalog was read; or, for a
   * table naming its {@link Table#conflictIndex()}, that index (read from the catalog).
   *
   * @return {@code table}, with the conflict index's definition where statements must name it
   *     ({@link Table#target()}): also the key columns' unique index where its nulls are equal
   *     (PostgreSQL 15+ {@code NULLS NOT DISTINCT}), so that every read by key matches a null key
   * @throws io.github.upserts.SchemaMismatchException saying what is wrong and what to change
   */
  protected final Table requireKeyIndex(Table table, CatalogTable stored) {
    if (!table.conflictIndex().isEmpty()) {
      ConflictTarget target = SchemaVerifier.requireConflictIndex(table, stored, catalog());
      return target == null ? table : table.targeting(target);
    }
    if (stored != null) {
      SchemaVerifier.requireKeyIndex(table, stored, catalog());
      // every unique index on the key is an arbiter: one whose nulls are equal makes a null key a real key
      List<String> keys = table.keys().stream().map(Column::name).toList();
      java.util.Optional<CatalogTable.UniqueIndex> nullsEqual = stored.uniqueIndexes().stream()
          .filter(i -> i.nullsNotDistinct() && CatalogTable.covers(i, keys, catalog())).findFirst();
      if (nullsEqual.isPresent()) {
        return table.targeting(new ConflictTarget(nullsEqual.get().name(), nullsEqual.get().parts().stream()
            .map(p -> new ConflictTarget.Part(p.column(), null)).toList(), null, true));
      }
    }
    return table;
  }

  /**
   * The columns an increment's insert gives the stored value of the row with the same key
   * ({@link io.github.upserts.sql.UpsertPlan#increment(Table, Column, List)}): the non-key
   * columns it does not write (neither {@code counter} nor a clock; with {@code counter} null,
   * a bulk increment's, which writes every {@code @Increment} column, none of those either) that
   * the catalog ({@code stored}) shows {@code NOT NULL}, without a default and not generated.
   * Without them the proposed row would fail NOT NULL before the conflict is seen, also for an
   * existing row. Empty where the catalog is not read.
   */
  public final List<Column> keptByIncrements(Table table, CatalogTable stored, Column counter) {
    if (stored == null) {
      return List.of();
    }
    return table.values().stream()
        .filter(c -> !c.source().clock() && (counter == null ? c.policy() != MergePolicy.INCREMENT : !c.equals(counter)))
        .filter(c -> {
          CatalogTable.CatalogColumn found = stored.column(c.name(), catalog());
          return found != null && !found.nullable() && found.defaultValue() == null && !found.generated();
        })
        .toList();
  }

  /**
   * The database's equality of {@code table}'s keys for batches, where the catalog ({@code stored})
   * shows that it is not Java's {@code equals}; null where it is, or where the catalog is not read.
   */
  public final KeyClasses keyClasses(Table table, CatalogTable stored) {
    if (stored == null) {
      return null;
    }
    ConflictTarget target = table.conflictIndex().isEmpty() ? null : requireKeyIndex(table, stored).target();
    if (target != null && target.parts().stream().anyMatch(p -> p.expression() != null)) {
      // keys the index holds equal (lower(email): 'Ann@X' and 'ann@x') are one key in a batch too
      return KeyClasses.of(table, table.keys().stream().map(key -> catalog().indexEquality(table, key, target)).toList(),
          catalog().rows(), false);
    }
    return KeyClasses.of(table, table.keys().stream().map(key -> keyEquality(stored, key)).toList(),
        catalog().rows(), catalog().foldsText());
  }

  /** How the database compares values of {@code key}, where not as Java's {@code equals}; else null. */
  private KeyClasses.Equality keyEquality(CatalogTable stored, Column key) {
    CatalogTable.CatalogColumn column = stored == null ? null : stored.column(key.name(), catalog());
    return column == null || KeyClasses.exactInJava(key) ? null : catalog().keyEquality(key, column);
  }

  /**
   * The key columns whose column rounds or truncates what is written (a decimal scale, a time
   * precision), by name, with the type to cast their parameters to: a key cast so is compared as
   * the column stores it, and every read by key finds the row its insert rounded to.
   */
  protected final Map<String, String> roundingKeys(Table table, CatalogTable stored) {
    Map<String, String> casts = new HashMap<>();
    for (Column key : table.keys()) {
      KeyClasses.Equality equality = keyEquality(stored, key);
      if (equality != null && equality.castType() != null) {
        casts.put(key.name(), equality.castType());
      }
    }
    return casts;
  }

  @Override
  public String toString() {
    return name();
  }
}
