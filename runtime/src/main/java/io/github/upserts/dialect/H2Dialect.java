package io.github.upserts.dialect;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.bind.SqlTypes;
import io.github.upserts.exec.Binder;
import io.github.upserts.exec.Operation;
import io.github.upserts.exec.Outcomes;
import io.github.upserts.exec.Statements;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.exec.TableStatements.Rendering;
import io.github.upserts.exec.Texts;
import io.github.upserts.schema.Catalog;
import io.github.upserts.schema.CatalogTable;
import io.github.upserts.schema.H2Catalog;
import io.github.upserts.sql.H2Spelling;
import io.github.upserts.sql.Merge;
import io.github.upserts.sql.UpsertPlan;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * H2 2.x: the standard {@code MERGE INTO t USING ... ON (key) WHEN MATCHED [AND ...] THEN UPDATE
 * ... WHEN NOT MATCHED THEN INSERT ...}, read through H2's data change delta tables
 * ({@code OLD TABLE (MERGE ...)}, {@code FINAL TABLE (...)}), since H2 has no {@code RETURNING}.
 *
 * <p><b>A unique violation is retried, never returned.</b> H2's {@code MERGE} is not atomic
 * against concurrent inserts: when a rival's insert of the same key commits between its look-up
 * and its insert, it fails with SQLSTATE 23505 (an uncommitted rival H2 waits for itself, up to
 * {@code LOCK_TIMEOUT}). The failed attempt is undone, and the next one finds the rival's row
 * and takes {@code WHEN MATCHED}; so the statement runs again, up to {@value #MAX_ATTEMPTS} times
 * in all. A violation that persists (another unique constraint, or a
 * {@code REPEATABLE READ}/{@code SERIALIZABLE} transaction whose snapshot never shows the rival's
 * row) is rethrown. The guarantee holds at H2's default {@code READ COMMITTED} and needs a unique
 * index on the key columns, which is checked before the first write.
 *
 * <p><b>All or nothing.</b> A query over a data change delta table that fails (a foreign key, a
 * check, a unique violation) leaves in the transaction what it wrote, the failing row included,
 * autocommit or not: H2 does not undo it as it undoes a failed plain statement. So each attempt of
 * a write runs under a savepoint in the caller's transaction, or in a transaction of its own,
 * and is rolled back when it fails.
 *
 * <p><b>Outcomes are exact</b>: an entity whose update always writes runs
 * {@code SELECT COUNT(*) FROM OLD TABLE (MERGE ...)} (1 is {@code UPDATED}, 0 {@code INSERTED});
 * one with nothing to update, the insert-only {@code MERGE} (1 row {@code INSERTED}, 0
 * {@code UNCHANGED}); one whose update is conditional ({@code @NewerWins}, {@code skipUnchanged})
 * two statements in one transaction: the insert-only {@code MERGE} (which locks the row it
 * matches), then the conditional one ({@code UPDATED}, else {@code SKIPPED}/{@code UNCHANGED}).
 * The stored row comes from {@code FINAL TABLE}, or, when nothing was written, from a read by key
 * under the {@code MERGE}'s lock. Bulk: one multi-row {@code MERGE} per chunk of up to
 * {@value #BATCH_ROWS} keys, each parameter cast to its Java type's H2 type ({@link SqlTypes}: a
 * bare {@code ?} in {@code VALUES} is typed as text); conditional entities and column types H2
 * cannot be told go row by row in the batch's transaction.
 *
 * <p><b>Identifiers.</b> H2 folds unquoted identifiers to upper case. Names are always quoted (H2
 * reserves {@code DAY}, {@code VALUE}, {@code USER}, {@code ORDER} and more), and a name written
 * like an unquoted lower-case identifier ({@code [a-z_][a-z0-9_]*}) is folded first, as H2 would
 * fold it unquoted; any other name is used verbatim. A connection that does not fold
 * ({@code DATABASE_TO_UPPER=FALSE}, as {@link DatabaseMetaData#storesUpperCaseIdentifiers()}
 * reports) gets every name verbatim ({@link #withoutCaseFolding()}). {@code GREATEST}/{@code LEAST}
 * return NULL on a NULL argument here, so {@code @Max}/{@code @Min} add a {@code COALESCE}.
 */
public final class H2Dialect extends Dialect {
  private static final int BATCH_ROWS = 1_000;
  /** Bind parameters per statement we stay under (H2 refuses parameter indexes past 100,000). */
  private static final int MAX_BIND_PARAMETERS = 32_767;
  private static final int MAX_ATTEMPTS = 10;
  private static final String UNIQUE_VIOLATION = "23505";
  /** H2's error code for "concurrent update" (a rival's uncommitted row in a unique index). */
  private static final int CONCURRENT_UPDATE = 90_131;
  private static final H2Dialect UPPER_CASE = new H2Dialect(true);
  private static final H2Dialect VERBATIM = new H2Dialect(false);

  private final boolean foldsToUpperCase;
  /** Incoming values as named parameters (single-row statements) and as the source rows (bulk). */
  private final H2Spelling parameters;
  private final H2Spelling sourceRows;
  private final Catalog catalog;

  private H2Dialect(boolean foldsToUpperCase) {
    this.foldsToUpperCase = foldsToUpperCase;
    this.parameters = new H2Spelling(foldsToUpperCase, false);
    this.sourceRows = new H2Spelling(foldsToUpperCase, true);
    this.catalog = new H2Catalog(parameters, parameters::identifier);
  }

  /** H2 with its default identifier handling: unquoted names are folded to upper case. */
  public static H2Dialect standard() {
    return UPPER_CASE;
  }

  /** H2 with a connection that does not fold unquoted names: names are used verbatim. */
  public static H2Dialect withoutCaseFolding() {
    return VERBATIM;
  }

  /**
   * The dialect for the H2 database {@code meta} describes.
   *
   * @throws IllegalArgumentException for H2 before 2.0, whose catalog and MERGE differ
   */
  public static H2Dialect forMetaData(DatabaseMetaData meta) throws SQLException {
    if (meta.getDatabaseMajorVersion() < 2) {
      throw new IllegalArgumentException("H2 " + meta.getDatabaseProductVersion()
          + " is not supported; Upserts needs H2 2.0 or later (MERGE ... USING, data change"
          + " delta tables and the 2.x INFORMATION_SCHEMA)");
    }
    return meta.storesUpperCaseIdentifiers() ? UPPER_CASE : VERBATIM;
  }

  @Override
  public String name() {
    return foldsToUpperCase ? "H2" : "H2 (identifiers verbatim)";
  }

  /** Whether lower-case names are folded to upper case, as H2 folds unquoted identifiers. */
  public boolean foldsToUpperCase() {
    return foldsToUpperCase;
  }

  @Override
  public Catalog catalog() {
    return catalog;
  }

  /** Which statements an upsert of this table needs; see the class Javadoc. */
  private enum Shape { ALWAYS_UPDATES, NOTHING_TO_UPDATE, CONDITIONAL }

  @Override
  public TableStatements render(Table entityTable, CatalogTable stored) {
    // H2 cannot target one index: a conflictIndex is accepted only as the key columns' own, rendered as without it
    Table table = requireKeyIndex(entityTable, stored);
    H2Spelling parameters = stored == null ? this.parameters
        : this.parameters.withJsonText(jsonText(table, stored)).casting(roundingKeys(table, stored));
    UpsertPlan plan = UpsertPlan.upsert(table);
    Shape shape = plan.assignments().isEmpty() ? Shape.NOTHING_TO_UPDATE
        : plan.alwaysUpdates() ? Shape.ALWAYS_UPDATES : Shape.CONDITIONAL;
    String one = Merge.into(table, parameters, "(VALUES (1)) AS s");
    String insert = Merge.whenNotMatched(plan, parameters);
    String update = Merge.whenMatched(plan, parameters);
    String insertIfAbsent = one + insert;
    String merge = one + update + insert;
    String columns = parameters.names(table.columns());
    Map<Operation, String> sql = new EnumMap<>(Operation.class);
    sql.put(Operation.UPSERT, switch (shape) {
      case ALWAYS_UPDATES -> "SELECT COUNT(*) FROM OLD TABLE (" + merge + ")";
      case NOTHING_TO_UPDATE -> insertIfAbsent;
      // run after insertIfAbsent found the row (and locked it): the conditional update alone
      case CONDITIONAL -> one + update;
    });
    sql.put(Operation.UPSERT_RETURNING, "SELECT " + columns + " FROM FINAL TABLE (" + merge + ")");
    sql.put(Operation.INSERT_IF_ABSENT, insertIfAbsent);
    sql.put(Operation.GET_OR_INSERT, "SELECT " + columns + " FROM FINAL TABLE (" + insertIfAbsent + ")");
    sql.put(Operation.FIND, parameters.find(table));
    boolean multiRow = shape != Shape.CONDITIONAL && table.bound().stream().allMatch(c -> SqlTypes.h2(c.rawType()) != null);
    return new Rendered(new Rendering(table, statements(table), sql, Texts.perCounter(table, c -> {
          UpsertPlan increment = UpsertPlan.increment(table, c);
          return "SELECT " + parameters.quote(c.name()) + " FROM FINAL TABLE (" + one
              + Merge.whenMatched(increment, parameters) + Merge.whenNotMatched(increment, parameters) + ")";
        }), parameters), shape,
        multiRow ? Texts.byRows(rows -> batch(plan, shape, parameters, rows)) : null,
        Math.min(BATCH_ROWS, MAX_BIND_PARAMETERS / table.bound().size()));
  }

  /**
   * The columns of {@code table} whose text values are JSON text for a {@code JSON} column, by name
   * ({@link H2Spelling#withJsonText}).
   */
  private Set<String> jsonText(Table table, CatalogTable stored) {
    return table.columns().stream().filter(c -> SqlTypes.of(c.rawType()) == SqlTypes.TEXT)
        .filter(c -> Optional.ofNullable(stored.column(c.name(), catalog)).map(s -> s.type().equals("JSON")).orElse(false))
        .map(Column::name).collect(Collectors.toSet());
  }

  /**
   * The merge of {@code rows} rows of positional parameters, each cast to its Java type's H2 type
   * (and read as JSON text where {@code parameters} says).
   */
  private String batch(UpsertPlan plan, Shape shape, H2Spelling parameters, int rows) {
    Table table = plan.table();
    String row = "(" + table.bound().stream().map(c -> parameters.cast(c, "CAST(? AS " + SqlTypes.h2(c.rawType()) + ")"))
        .collect(Collectors.joining(", ")) + ")";
    String merge = Merge.into(table, sourceRows, "(VALUES " + String.join(", ", java.util.Collections.nCopies(rows, row))
        + ") AS s (" + sourceRows.names(table.bound()) + ")")
        + Merge.whenMatched(plan, sourceRows) + Merge.whenNotMatched(plan, sourceRows);
    return shape == Shape.ALWAYS_UPDATES ? "SELECT COUNT(*) FROM OLD TABLE (" + merge + ")" : merge;
  }

  /** The statements of one table; see the class documentation. */
  private record Rendered(Rendering rendering, Shape shape, IntFunction<String> batch, int batchRows)
      implements TableStatements {

    @Override
    public String batchSql(int rows) {
      if (batch == null) {
        throw new IllegalStateException(table().entity() + " has no batch statement on H2: its rows are"
            + " written one by one, as its update is conditional or a column's Java type has no known H2 type");
      }
      return batch.apply(rows);
    }

    @Override
    public Outcome upsert(Handle handle, Binder row) {
      String upsert = sql(Operation.UPSERT);
      return switch (shape) {
        case ALWAYS_UPDATES -> retried(handle, h -> run().one(h, upsert, row, Long.class)) == 0 ? Outcome.INSERTED : Outcome.UPDATED;
        case NOTHING_TO_UPDATE -> insertIfAbsent(handle, row) ? Outcome.INSERTED : Outcome.UNCHANGED;
        // the insert-if-absent MERGE locks the row it matches, unchanged, for the guarded update
        case CONDITIONAL -> Outcomes.insertThenUpdate(handle, table(), h -> insertIfAbsent(h, row),
            h -> execute(h, upsert, row) == 1, h -> untouched(h, row));
      };
    }

    /** A {@code FINAL TABLE} query; when it wrote nothing, the row by key under the MERGE's lock. */
    @Override
    public <T> T writeThenRead(Handle handle, String statement, Binder row, RowMapper<T> mapper) {
      return Outcomes.atomically(handle, h -> retried(h, w -> run().first(w, statement, Statements.some(row), mapper))
          .or(() -> run().first(h, sql(Operation.FIND), Statements.some(row), mapper))
          .orElseThrow(() -> Outcomes.notReadBack(table(), "the MERGE found and left unchanged", true)));
    }

    @Override
    public boolean insertIfAbsent(Handle handle, Binder row) {
      return retried(handle, h -> execute(h, sql(Operation.INSERT_IF_ABSENT), row)) == 1;
    }

    private int execute(Handle handle, String statement, Binder row) {
      // the row binder binds every column; an update without the guard's columns leaves some unused
      return run().execute(handle, statement, Statements.some(row));
    }

    @Override
    public <N> N increment(Handle handle, Column counter, Binder keyAndDelta, Class<N> type) {
      return retried(handle, h -> run().one(h, incrementSql(counter), keyAndDelta, type));
    }

    @Override
    public BatchOutcome upsertBatch(Handle handle, List<Object[]> rows) {
      if (batch == null) {
        return rowByRow(handle, rows);
      }
      String statement = batch.apply(rows.size());
      Binder values = Statements.positional(table(), table().bound(), rows, 0);
      if (shape == Shape.NOTHING_TO_UPDATE) {
        long inserted = retried(handle, h -> run().execute(h, statement, values));
        return Outcomes.batch(table(), rows.size(), inserted, 0);
      }
      long updated = retried(handle, h -> run().one(h, statement, values, Long.class));
      return Outcomes.batch(table(), rows.size(), rows.size() - updated, updated);
    }

    /** Each row as {@link #upsert} writes it, in the given (key) order, in the batch's transaction. */
    private BatchOutcome rowByRow(Handle handle, List<Object[]> rows) {
      long[] counts = new long[Outcome.values().length];
      for (Object[] row : rows) {
        counts[upsert(handle, statement -> {
          for (Column column : table().bound()) {
            statement.bindByType(column.parameter(), row[table().columns().indexOf(column)], column.type());
          }
        }).ordinal()]++;
      }
      return Outcomes.batch(table(), rows.size(), counts[Outcome.INSERTED.ordinal()], counts[Outcome.UPDATED.ordinal()]);
    }

    /**
     * Runs a statement all or nothing ({@link Outcomes#atomically}), again when it lost an insert
     * race: H2 keeps what a failing query over a data change delta table wrote (even the row that
     * failed a foreign key), so a failed attempt is rolled back, whether it is retried or rethrown.
     */
    private static <R> R retried(Handle handle, HandleCallback<R, RuntimeException> statement) {
      return Outcomes.retried(MAX_ATTEMPTS, e -> e.getCause() instanceof SQLException cause
          && (UNIQUE_VIOLATION.equals(cause.getSQLState()) || cause.getErrorCode() == CONCURRENT_UPDATE),
          () -> Outcomes.atomically(handle, statement));
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof H2Dialect that && that.foldsToUpperCase == foldsToUpperCase;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(foldsToUpperCase);
  }
}
