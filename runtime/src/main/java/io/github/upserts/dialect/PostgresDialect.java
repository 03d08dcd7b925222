package io.github.upserts.dialect;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserted;
import io.github.upserts.bind.ArrayType;
import io.github.upserts.bind.BoundTypes;
import io.github.upserts.bind.SqlTypes;
import io.github.upserts.exec.Binder;
import io.github.upserts.exec.InsertedFlag;
import io.github.upserts.exec.Operation;
import io.github.upserts.exec.Outcomes;
import io.github.upserts.exec.Statements;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.exec.TableStatements.Rendering;
import io.github.upserts.exec.Texts;
import io.github.upserts.schema.Catalog;
import io.github.upserts.schema.CatalogTable;
import io.github.upserts.schema.CatalogTable.CatalogColumn;
import io.github.upserts.schema.PostgresCatalog;
import io.github.upserts.schema.SchemaVerifier;
import io.github.upserts.sql.OnConflict;
import io.github.upserts.sql.PostgresSpelling;
import io.github.upserts.sql.Spelling;
import io.github.upserts.sql.UpsertPlan;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * PostgreSQL 9.5 and later, and the engines that speak its SQL (CockroachDB, YugabyteDB):
 * {@code INSERT ... ON CONFLICT (keys) DO UPDATE ... RETURNING}. Never {@code MERGE}: PostgreSQL
 * documents that {@code MERGE} can fail with a unique violation under concurrent inserts.
 *
 * <p>Inserted or updated: from PostgreSQL 18 on, {@code RETURNING old.<key> IS NULL} ({@code old}
 * is all nulls when no row existed). Before 18, {@code xmax = 0}: a freshly inserted row version
 * has no deleting or locking transaction, while {@code ON CONFLICT DO UPDATE} locks the existing
 * row before updating it, so the new version always carries a non-zero {@code xmax}. A
 * partitioned table (which has no {@code xmax} to return before 18, as the catalog tells), and
 * CockroachDB and YugabyteDB ({@link #withoutSystemColumns}), read which keys existed in the same
 * statement, from its snapshot, and call the others inserted: exact wherever two statements
 * cannot both write a key neither snapshot saw (SERIALIZABLE or snapshot isolation, where the
 * later writer fails with SQLSTATE 40001 instead); under READ COMMITTED, two first writes of one
 * key racing may both be labelled INSERTED.
 */
public final class PostgresDialect extends Dialect {
  /** PostgreSQL's SQLSTATE for "no unique or exclusion constraint matching the ON CONFLICT specification". */
  private static final String INVALID_COLUMN_REFERENCE = "42P10";
  /** Rows per array batch: large enough to amortize the round trip, small enough to stream. */
  private static final int ARRAY_BATCH_ROWS = 5_000;
  /** PostgreSQL's wire protocol counts bind parameters in 16 bits. */
  private static final int MAX_BIND_PARAMETERS = 65_535;
  /** The column that tells an inserted row from an updated one where a statement returns both. */
  private static final String INSERTED = "upserts_inserted";
  /** How often a write-then-read starts over when the row is deleted concurrently. */
  private static final int MAX_ATTEMPTS = 5;

  private static final Catalog CATALOG = new PostgresCatalog(PostgresSpelling.PLAIN);

  private final String name;
  private final InsertedFlag flag;

  private PostgresDialect(String name, InsertedFlag flag) {
    this.name = name;
    this.flag = flag;
  }

  /** The dialect for a PostgreSQL server of the given major version (e.g. 15, 17, 18). */
  public static PostgresDialect forVersion(int majorVersion) {
    if (majorVersion < 9) {
      throw new IllegalArgumentException(
          "PostgreSQL " + majorVersion + " has no INSERT ... ON CONFLICT; Upserts needs 9.5 or later");
    }
    return new PostgresDialect(
        "PostgreSQL " + majorVersion, majorVersion >= 18 ? InsertedFlag.RETURNING_OLD : InsertedFlag.XMAX);
  }

  /**
   * The dialect for an engine that speaks PostgreSQL's SQL but has neither the {@code xmax}
   * system column nor {@code RETURNING old}, such as CockroachDB and YugabyteDB.
   *
   * @param engine the engine's name, for messages, e.g. {@code "CockroachDB"}
   */
  public static PostgresDialect withoutSystemColumns(String engine) {
    if (engine == null || engine.isBlank()) {
      throw new IllegalArgumentException("engine: name the PostgreSQL-compatible engine, e.g. \"CockroachDB\"");
    }
    return new PostgresDialect(engine + " (PostgreSQL dialect without system columns)", InsertedFlag.PRIOR_READ);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Catalog catalog() {
    return CATALOG;
  }

  /** True: from PostgreSQL 15 on, a unique index may be {@code NULLS NOT DISTINCT} (the catalog tells). */
  @Override
  public boolean takesNullKeys() {
    return true;
  }

  @Override
  public TableStatements render(Table entityTable, CatalogTable stored) {
    // a view has no index of its own: ON CONFLICT finds its table's, or refuses the statement
    Table table = requireKeyIndex(entityTable, stored == null || entityTable.conflictIndex().isEmpty() && stored.view()
        && CATALOG.writesThroughViews() ? null : stored);
    // a partitioned table or a view cannot return xmax: the prior keys tell, a single row goes in two steps
    boolean partitioned = stored != null && (stored.partitioned() || stored.view()) && flag == InsertedFlag.XMAX;
    InsertedFlag used = partitioned ? InsertedFlag.PRIOR_READ : flag;
    PostgresSpelling spelling = stored == null ? PostgresSpelling.PLAIN
        : PostgresSpelling.PLAIN.casting(casts(table, stored)).clocksInUtc(utcClocks(table, stored));
    OnConflict renderer = new OnConflict(spelling);
    String write = renderer.write(UpsertPlan.upsert(table));
    String returning = " RETURNING " + table.columns().stream()
        .map(spelling::stored).collect(Collectors.joining(", "));
    String insertOrNothing = renderer.write(UpsertPlan.insertIfAbsent(table));
    String columns = spelling.names(table.columns());
    String keyCondition = spelling.keyCondition(table);
    String inserted = used.insertedColumn(spelling, table);
    java.util.function.BinaryOperator<String> getOrInsert = (insertedFlag, existingFlag) -> "WITH inserted AS ("
        + insertOrNothing + returning + ") SELECT " + columns + insertedFlag + " FROM inserted UNION ALL SELECT "
        + columns + existingFlag + " FROM " + spelling.table(table) + " WHERE " + keyCondition
        + " AND NOT EXISTS (SELECT 1 FROM inserted)";
    return new Rendered(new Rendering(table, new Statements(BoundTypes.forPostgres(table)), Map.of(
            Operation.UPSERT, partitioned ? write : used.flagged(spelling, table, write, keyCondition),
            Operation.UPSERT_RETURNING, write + returning,
            Operation.INSERT_IF_ABSENT, insertOrNothing,
            // the existing row comes from the statement's snapshot: one round trip in the common case
            Operation.GET_OR_INSERT, getOrInsert.apply("", ""),
            Operation.FIND, spelling.find(table)),
            Texts.perCounter(table, c -> renderer.write(UpsertPlan.increment(table, c, keptByIncrements(table, stored, c)))
                + " RETURNING " + spelling.stored(c)), spelling),
        used, partitioned ? renderer.write(UpsertPlan.lockIfPresent(table)) : null, arrayBatch(used, table, spelling),
        Texts.byRows(rows -> valuesBatch(used, table, spelling, rows)),
        inserted == null ? null : write + returning + ", " + inserted + " AS " + INSERTED,
        getOrInsert.apply(", true AS " + INSERTED, ", false"));
  }

  /**
   * The clock columns of an {@code Instant} or {@code OffsetDateTime} field that the catalog shows
   * as {@code timestamp} without time zone, by name: their written values are UTC wall times.
   */
  private static java.util.Set<String> utcClocks(Table table, CatalogTable stored) {
    return table.clocks().stream()
        .filter(c -> c.rawType() == java.time.Instant.class || c.rawType() == java.time.OffsetDateTime.class)
        .filter(c -> {
          CatalogColumn column = stored.column(c.name(), CATALOG);
          return column != null && column.type().startsWith("timestamp") && column.type().endsWith("without time zone");
        })
        .map(Column::name).collect(Collectors.toSet());
  }

  /**
   * The type each column's parameter is cast to, by column name, where the value as bound does
   * not reach the column's type as the catalog has it ({@link SqlTypes#postgresCast}).
   */
  private static Map<String, String> casts(Table table, CatalogTable stored) {
    Map<String, String> casts = new HashMap<>();
    for (Column column : table.columns()) {
      CatalogColumn catalogColumn = stored.column(column.name(), CATALOG);
      String type = catalogColumn == null ? null
          : SqlTypes.postgresCast(column, catalogColumn.type(), catalogColumn.category());
      if (type != null) {
        casts.put(column.name(), type);
      }
    }
    return casts;
  }

  /**
   * One array parameter per column, unnested into rows: the text does not depend on the number
   * of rows, and rows are inserted (and locked) in array order. Null when a column's Java type
   * has no known array type.
   */
  private static String arrayBatch(InsertedFlag flag, Table table, PostgresSpelling spelling) {
    if (table.bound().stream().anyMatch(c -> ArrayType.of(c.rawType()) == null)) {
      return null;
    }
    List<String> arrays = table.bound().stream()
        .map(c -> ArrayType.of(c.rawType()).parameter(c.parameter(), spelling.castType(c))).toList();
    String unnest = "unnest(" + String.join(", ", arrays) + ")";
    // a stored value by key reads the row's key by the source rows' names
    String write = new OnConflict(spelling).write(UpsertPlan.upsert(table), spelling.selectWithStored(table, "upserts_u",
        c -> "upserts_u." + spelling.quote(c.name()),
        table.storedIfNull().isEmpty() ? unnest : unnest + " AS upserts_u(" + spelling.names(table.bound()) + ")"));
    String keyArrays = table.keys().stream()
        .map(k -> arrays.get(table.bound().indexOf(k))).collect(Collectors.joining(", "));
    return flag.counted(spelling, table, write, table.target() != null
        ? spelling.matches(table.target(), "(SELECT * FROM unnest(" + keyArrays + ") AS upserts_u(" + spelling.names(table.keys()) + "))")
        : "(" + spelling.names(table.keys()) + ") IN (SELECT * FROM unnest(" + keyArrays + "))");
  }

  /**
   * Multi-row VALUES for column types without arrays; reading the prior keys takes every key
   * first, each a date-time bound as text cast to its type (an insert's VALUES gives the text its
   * column's type, an IN list would take it for text).
   */
  private static String valuesBatch(InsertedFlag flag, Table table, PostgresSpelling spelling, int rows) {
    String write = new OnConflict(spelling).write(UpsertPlan.upsert(table),
        "VALUES " + spelling.positionalRows(table, rows));
    String keys = table.keys().stream().map(spelling::keyParameter).collect(Collectors.joining(", ", "(", ")"));
    return flag.counted(spelling, table, write, table.target() != null
        ? spelling.matches(table.target(), spelling.positionalKeys(table, rows))
        : "(" + spelling.names(table.keys()) + ") IN (" + String.join(", ", Collections.nCopies(rows, keys)) + ")");
  }

  /**
   * The statements of one table; see the class documentation.
   *
   * @param lockIfPresent for a partitioned table before PostgreSQL 18, the first of the two steps
   *     of an upsert (else null): insert, or lock the existing row, which the upsert then updates
   */
  private record Rendered(Rendering rendering, InsertedFlag flag, String lockIfPresent, String arrayBatch,
      IntFunction<String> valuesBatch, String upsertReturningOutcome, String getOrInsertOutcome) implements TableStatements {

    /**
     * One statement where the flag is returned with the row: {@code RETURNING} the row and
     * whether it inserted; when it returns none (the update was skipped or changed nothing), the
     * row read by key, {@code SKIPPED} or {@code UNCHANGED}. Else the upsert, then the read, in
     * one transaction.
     */
    @Override
    public <T> Upserted<T> upsertReturningOutcome(Handle handle, Binder row, RowMapper<T> mapper) {
      if (upsertReturningOutcome == null) {
        return TableStatements.super.upsertReturningOutcome(handle, row, mapper);
      }
      return writeThenRead(handle, upsertReturningOutcome, row, withOutcome(mapper, Outcome.UPDATED), mapper,
          stored -> new Upserted<>(stored, untouched(handle, row)));
    }

    /** One statement, as {@code getOrInsert}: the inserted row, or the existing one ({@code UNCHANGED}). */
    @Override
    public <T> Upserted<T> getOrInsertOutcome(Handle handle, Binder row, RowMapper<T> mapper) {
      return writeThenRead(handle, getOrInsertOutcome, row, withOutcome(mapper, Outcome.UNCHANGED), mapper,
          stored -> new Upserted<>(stored, Outcome.UNCHANGED));
    }

    /** {@code mapper}'s row, {@code INSERTED} where the statement's {@value #INSERTED} column says so, else {@code otherwise}. */
    private static <T> RowMapper<Upserted<T>> withOutcome(RowMapper<T> mapper, Outcome otherwise) {
      return (rs, ctx) -> new Upserted<>(mapper.map(rs, ctx), rs.getBoolean(INSERTED) ? Outcome.INSERTED : otherwise);
    }

    @Override
    public String batchSql(int rows) {
      return arrayBatch != null ? arrayBatch : valuesBatch.apply(rows);
    }

    @Override
    public Outcome upsert(Handle handle, Binder row) {
      if (lockIfPresent != null) {
        // the existing row is locked by the first step: the second one surely updates it, or not
        return translated(() -> Outcomes.insertThenUpdate(handle, table(),
            h -> run().execute(h, lockIfPresent, row) == 1, h -> run().execute(h, sql(Operation.UPSERT), row) == 1, h -> untouched(h, row)));
      }
      Optional<Boolean> inserted = translated(() -> run().first(handle, sql(Operation.UPSERT), row, (rs, ctx) -> rs.getBoolean(1)));
      return inserted.map(i -> i ? Outcome.INSERTED : Outcome.UPDATED).orElseGet(() -> untouched(handle, row));
    }

    /**
     * Runs a statement that returns the written (or existing) row. When it returns none (the
     * update was skipped or unchanged, or a concurrent insert committed after its snapshot was
     * taken), reads the row in a new statement, which sees every commit the first one waited for;
     * only a row deleted concurrently in between makes it start over.
     */
    @Override
    public <T> T writeThenRead(Handle handle, String statement, Binder row, RowMapper<T> mapper) {
      return writeThenRead(handle, statement, row, mapper, mapper, r -> r);
    }

    /**
     * As {@link #writeThenRead(Handle, String, Binder, RowMapper)}: {@code written} maps what the
     * statement returns, {@code plain} the row read by key, which {@code found} makes a result.
     */
    private <T, R> R writeThenRead(Handle handle, String statement, Binder row, RowMapper<R> written, RowMapper<T> plain,
        Function<T, R> found) {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (attempt > 0) {
          Outcomes.retrying();
        }
        Optional<R> returned = translated(() -> run().first(handle, statement, row, written));
        if (returned.isPresent()) {
          return returned.get();
        }
        Optional<T> stored = run().first(handle, sql(Operation.FIND), Statements.some(row), plain);
        if (stored.isPresent()) {
          return found.apply(stored.get());
        }
      }
      throw Outcomes.notReadBack(table(), "written or found in each of " + MAX_ATTEMPTS + " attempts", true);
    }

    @Override
    public boolean insertIfAbsent(Handle handle, Binder row) {
      return translated(() -> run().execute(handle, sql(Operation.INSERT_IF_ABSENT), row)) == 1;
    }

    @Override
    public <N> N increment(Handle handle, Column counter, Binder keyAndDelta, Class<N> type) {
      return translated(() -> run().one(handle, incrementSql(counter), keyAndDelta, type));
    }

    @Override
    public int batchRows() {
      return arrayBatch != null
          ? ARRAY_BATCH_ROWS
          // reading the prior keys binds each row's key once more
          : Math.min(ARRAY_BATCH_ROWS, MAX_BIND_PARAMETERS / (Spelling.positionalColumns(table()).size()
              + (flag == InsertedFlag.PRIOR_READ ? table().keys().size() : 0)));
    }

    @Override
    public BatchOutcome upsertBatch(Handle handle, List<Object[]> rows) {
      List<Column> columns = table().bound();
      long[] counts = translated(() -> {
        if (arrayBatch != null) {
          return run().counts(handle, arrayBatch, query -> {
            for (Column column : columns) {
              query.bind(column.parameter(), ArrayType.of(column.rawType()).argument(rows, table().columns().indexOf(column)));
            }
          });
        }
        boolean keysFirst = flag == InsertedFlag.PRIOR_READ;
        Binder values = Statements.positional(table(), Spelling.positionalColumns(table()), rows,
            keysFirst ? rows.size() * table().keys().size() : 0);
        Binder bound = !keysFirst ? values : query -> {
          Statements.positional(table(), table().keys(), rows, 0).bind(query);
          values.bind(query);
        };
        return run().counts(handle, valuesBatch.apply(rows.size()), bound);
      });
      BatchOutcome outcome = Outcomes.batch(table(), rows.size(), counts[0], counts[1] - counts[0]);
      // the prior keys are exact where no two statements can both first-insert a key: not under READ COMMITTED
      return lockIfPresent == null || run().one(handle, "SHOW transaction_isolation", q -> {}, String.class)
          .matches("repeatable read|serializable") ? outcome : outcome.inexact();
    }

    /** Turns PostgreSQL's obscure "no matching constraint" error into one that says how to fix it. */
    private <R> R translated(Supplier<R> work) {
      return SchemaVerifier.translated(table(), CATALOG, e -> INVALID_COLUMN_REFERENCE.equals(e.getSQLState()), work);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PostgresDialect that && that.name.equals(name) && that.flag == flag;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + flag.hashCode();
  }
}
