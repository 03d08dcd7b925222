package io.github.upserts.dialect;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * PostgreSQL 9.5 and later, and the engines that speak its SQL (CockroachDB, YugabyteDB):
 * {@code INSERT ... ON CONFLICT (keys) DO UPDATE ... RETURNING}.
 *
 * <p>Never {@code MERGE}: PostgreSQL documents that {@code MERGE} can fail with a unique
 * violation when rows are inserted concurrently, while {@code ON CONFLICT} cannot.
 *
 * <p>Inserted or updated: from PostgreSQL 18 on, {@code RETURNING old.<key> IS NULL} (the
 * documented way; {@code old} is all nulls when no row existed). Before 18 there is no
 * {@code old}, so the statement returns {@code xmax = 0}: a freshly inserted row version has no
 * deleting or locking transaction, while {@code ON CONFLICT DO UPDATE} locks the existing row
 * before updating it, so the new version always carries a non-zero {@code xmax}.
 *
 * <p>CockroachDB and YugabyteDB have neither {@code xmax} nor {@code RETURNING old}; their
 * dialect ({@link #withoutSystemColumns}) reads which keys exist in the same statement, from the
 * statement's snapshot, and calls the others inserted. The write itself is the same atomic
 * {@code ON CONFLICT}, so the stored data is always right; the INSERTED/UPDATED label is exact
 * wherever two statements cannot both write a key that neither snapshot saw: under
 * SERIALIZABLE (CockroachDB's default) or snapshot isolation (YugabyteDB's default), where the
 * later writer fails with a retryable serialization error (SQLSTATE 40001) instead. Under READ
 * COMMITTED, two first writes of one key racing may both be labelled INSERTED.
 */
public final class PostgresDialect extends OnConflictDialect {
  /** PostgreSQL's SQLSTATE for "no unique or exclusion constraint matching the ON CONFLICT specification". */
  private static final String INVALID_COLUMN_REFERENCE = "42P10";
  /** Rows per array batch: large enough to amortize the round trip, small enough to stream. */
  private static final int ARRAY_BATCH_ROWS = 5_000;
  /** PostgreSQL's wire protocol counts bind parameters in 16 bits. */
  private static final int MAX_BIND_PARAMETERS = 65_535;
  /** How often a write-then-read starts over when the row is deleted concurrently. */
  private static final int MAX_ATTEMPTS = 5;

  /** Names of the common table expressions of the statements that read the prior keys. */
  private static final String PRIOR = "upserts_prior";
  private static final String WRITTEN = "upserts_written";

  /** How a statement tells an inserted row from an updated one. */
  private enum InsertedFlag {
    /** {@code RETURNING old.key IS NULL}: PostgreSQL 18 and later. */
    RETURNING_OLD,
    /** {@code RETURNING xmax = 0}: PostgreSQL before 18. */
    XMAX,
    /** The keys present in the statement's snapshot, read in the same statement. */
    PRIOR_READ
  }

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
   * system column nor {@code RETURNING old}, such as CockroachDB and YugabyteDB (detection picks
   * it for those two). It tells inserts from updates by reading, in the same statement, which
   * keys existed; see the class documentation for when that label is exact.
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

  // GREATEST and LEAST ignore NULL arguments on PostgreSQL
  @Override
  String greatest(String a, String b) {
    return "GREATEST(" + a + ", " + b + ")";
  }

  @Override
  String least(String a, String b) {
    return "LEAST(" + a + ", " + b + ")";
  }

  @Override
  String rowsDiffer(String a, String b) {
    return "ROW(" + a + ") IS DISTINCT FROM ROW(" + b + ")";
  }

  @Override
  public RenderedSql render(Table table) {
    String write = insertInto(table, table.columns()) + onConflict(table) + conflictAction(table);
    String columns = names(table.columns());
    String returningColumns = " RETURNING " + joined(table.columns(), OnConflictDialect::stored);
    String insertOrNothing = insertInto(table, table.columns()) + onConflict(table) + " DO NOTHING";
    Map<String, String> increments = increments(table, c -> " RETURNING " + stored(c));
    return new RenderedSql(
        table,
        flagged(table, write, keyCondition(table)),
        write + returningColumns,
        insertOrNothing,
        // the existing row comes from the statement's snapshot: one round trip in the common case
        "WITH inserted AS (" + insertOrNothing + returningColumns + ") SELECT " + columns
            + " FROM inserted UNION ALL SELECT " + columns + " FROM " + qualifiedName(table)
            + " WHERE " + keyCondition(table) + " AND NOT EXISTS (SELECT 1 FROM inserted)",
        find(table),
        increments,
        arrayBatch(table),
        rows -> valuesBatch(table, rows));
  }

  /**
   * {@code write} (an upsert without RETURNING) made to return one boolean per written row,
   * true when it inserted; {@code priorKeys} selects the statement's keys in the table, for the
   * dialect that reads them.
   */
  private String flagged(Table table, String write, String priorKeys) {
    return switch (flag) {
      case RETURNING_OLD, XMAX -> write + " RETURNING " + insertedFlag(table) + " AS inserted";
      case PRIOR_READ -> withPriorKeys(table, write, priorKeys)
          + " SELECT (" + PRIOR + "." + quote(table.keys().get(0).name()) + " IS NULL) AS inserted"
          + writtenJoinPrior(table);
    };
  }

  /**
   * {@code write} (a many-rows upsert without RETURNING) made to return one row: how many rows
   * it inserted, and how many it wrote. Counted by the server, so a chunk of thousands of rows
   * sends back one row, not one per row.
   */
  private String counted(Table table, String write, String priorKeys) {
    return switch (flag) {
      case RETURNING_OLD, XMAX -> "WITH " + WRITTEN + " AS (" + write + " RETURNING "
          + insertedFlag(table) + " AS inserted) SELECT count(CASE WHEN inserted THEN 1 END),"
          + " count(*) FROM " + WRITTEN;
      case PRIOR_READ -> withPriorKeys(table, write, priorKeys)
          + " SELECT count(CASE WHEN " + PRIOR + "." + quote(table.keys().get(0).name())
          + " IS NULL THEN 1 END), count(*)" + writtenJoinPrior(table);
    };
  }

  /** The inserted-or-updated test of RETURNING, for the dialects that have one. */
  private String insertedFlag(Table table) {
    return flag == InsertedFlag.RETURNING_OLD
        ? "(old." + quote(table.keys().get(0).name()) + " IS NULL)"
        : "(" + ALIAS + ".xmax = 0)";
  }

  /**
   * The prior keys and the write, as common table expressions: every part of one statement
   * reads the same snapshot, so the prior keys are those that existed before the write, whatever
   * order the parts run in.
   */
  private static String withPriorKeys(Table table, String write, String priorKeys) {
    return "WITH " + PRIOR + " AS (SELECT " + names(table.keys()) + " FROM "
        + qualifiedName(table) + " WHERE " + priorKeys + "), " + WRITTEN + " AS (" + write
        + " RETURNING " + joined(table.keys(), OnConflictDialect::stored) + ")";
  }

  private static String writtenJoinPrior(Table table) {
    return " FROM " + WRITTEN + " LEFT JOIN " + PRIOR + " ON " + table.keys().stream()
        .map(k -> WRITTEN + "." + quote(k.name()) + " = " + PRIOR + "." + quote(k.name()))
        .collect(Collectors.joining(" AND "));
  }

  /** The key columns as a row, e.g. {@code ("page", "day")}. */
  private static String keyRow(Table table) {
    return "(" + names(table.keys()) + ")";
  }

  /**
   * One array parameter per column, unnested into rows: the statement text does not depend on
   * the number of rows, and the rows are inserted (and locked) in array order. Null when a
   * column's Java type has no known array type.
   */
  private String arrayBatch(Table table) {
    Map<Column, String> arrays = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      ArrayType type = ArrayType.of(column.rawType());
      if (type == null) {
        return null;
      }
      arrays.put(column, type.parameter(column.parameter()));
    }
    String write = "INSERT INTO " + qualifiedName(table) + " AS " + ALIAS + " (" + names(table.columns())
        + ") SELECT * FROM unnest(" + String.join(", ", arrays.values()) + ")" + onConflict(table)
        + conflictAction(table);
    String keyArrays = table.keys().stream().map(arrays::get).collect(Collectors.joining(", "));
    return counted(table, write, keyRow(table) + " IN (SELECT * FROM unnest(" + keyArrays + "))");
  }

  /**
   * A multi-row VALUES list with positional parameters, for column types without arrays. The
   * dialect that reads the prior keys takes every row's key first, then every row's values.
   */
  private String valuesBatch(Table table, int rows) {
    String row = "(" + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")";
    String write = "INSERT INTO " + qualifiedName(table) + " AS " + ALIAS + " (" + names(table.columns())
        + ") VALUES " + String.join(", ", Collections.nCopies(rows, row)) + onConflict(table)
        + conflictAction(table);
    String key = "(" + String.join(", ", Collections.nCopies(table.keys().size(), "?")) + ")";
    return counted(table, write, keyRow(table) + " IN (" + String.join(", ", Collections.nCopies(rows, key)) + ")");
  }

  @Override
  public Outcome upsert(Handle handle, RenderedSql sql, Binder row) {
    try (Query query = handle.createQuery(sql.upsert())) {
      row.bind(query);
      Optional<Boolean> inserted = query.map((rs, ctx) -> rs.getBoolean(1)).findOne();
      if (inserted.isPresent()) {
        return inserted.get() ? Outcome.INSERTED : Outcome.UPDATED;
      }
      // no row back: the conflict's WHERE was false, or there was nothing to update. With a
      // version column a passing check always changes that column, so no row means SKIPPED.
      return sql.table().version().isPresent() ? Outcome.SKIPPED : Outcome.UNCHANGED;
    } catch (UnableToExecuteStatementException e) {
      throw translate(e, sql.table());
    }
  }

  @Override
  public <T> T upsertReturning(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper) {
    return writeOrRead(handle, sql, sql.upsertReturning(), row, mapper);
  }

  @Override
  public <T> T getOrInsert(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper) {
    return writeOrRead(handle, sql, sql.getOrInsert(), row, mapper);
  }

  /**
   * Runs a statement that returns the written (or, for get-or-insert, the existing) row. When it
   * returns none (the update was skipped or unchanged, or a concurrent insert committed while
   * the statement waited, after its snapshot was taken), the row is read again in a new
   * statement, whose snapshot sees every commit the first one waited for. Only a row deleted
   * concurrently in between makes it start over.
   */
  private static <T> T writeOrRead(
      Handle handle, RenderedSql sql, String statement, Binder row, RowMapper<T> mapper) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<T> written;
      try (Query query = handle.createQuery(statement)) {
        row.bind(query);
        written = query.map(mapper).findOne();
      } catch (UnableToExecuteStatementException e) {
        throw translate(e, sql.table());
      }
      if (written.isPresent()) {
        return written.get();
      }
      try (Query query = handle.createQuery(sql.find())) {
        // the row binder binds every column; the key lookup uses the key columns only
        query.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        row.bind(query);
        Optional<T> stored = query.map(mapper).findOne();
        if (stored.isPresent()) {
          return stored.get();
        }
      }
    }
    throw new IllegalStateException("The " + sql.table().entity() + " row kept being deleted"
        + " concurrently while it was written " + MAX_ATTEMPTS + " times; nothing to return");
  }

  @Override
  public boolean insertIfAbsent(Handle handle, RenderedSql sql, Binder row) {
    try (Update update = handle.createUpdate(sql.insertIfAbsent())) {
      row.bind(update);
      return update.execute() == 1;
    } catch (UnableToExecuteStatementException e) {
      throw translate(e, sql.table());
    }
  }

  @Override
  public <N> N increment(
      Handle handle, RenderedSql sql, Column column, Binder keyAndDelta, Class<N> type) {
    try (Query query = handle.createQuery(sql.increment(column))) {
      keyAndDelta.bind(query);
      return SpecialTypes.one(query, type);
    } catch (UnableToExecuteStatementException e) {
      throw translate(e, sql.table());
    }
  }

  @Override
  public int batchRows(RenderedSql sql) {
    return sql.batchUpsert() != null
        ? ARRAY_BATCH_ROWS
        : Math.min(ARRAY_BATCH_ROWS, MAX_BIND_PARAMETERS / sql.table().columns().size());
  }

  @Override
  public BatchOutcome upsertBatch(Handle handle, RenderedSql sql, List<Object[]> rows) {
    Table table = sql.table();
    List<Column> columns = table.columns();
    long[] counts;
    try {
      if (sql.batchUpsert() != null) {
        try (Query query = handle.createQuery(sql.batchUpsert())) {
          for (int c = 0; c < columns.size(); c++) {
            query.bind(columns.get(c).parameter(), ArrayType.of(columns.get(c).rawType()).argument(rows, c));
          }
          counts = query.map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        }
      } else {
        try (Query query = handle.createQuery(sql.batchUpsert(rows.size()))) {
          int position = 0;
          if (flag == InsertedFlag.PRIOR_READ) {
            for (Object[] row : rows) {
              for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).key()) {
                  columns.get(c).bind(query, position++, row[c]);
                }
              }
            }
          }
          for (Object[] row : rows) {
            for (int c = 0; c < columns.size(); c++) {
              columns.get(c).bind(query, position++, row[c]);
            }
          }
          counts = query.map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        }
      }
    } catch (UnableToExecuteStatementException e) {
      throw translate(e, table);
    }
    long inserted = counts[0];
    long written = counts[1];
    long untouched = rows.size() - written;
    boolean versioned = table.version().isPresent();
    return new BatchOutcome(rows.size(), 0, inserted, written - inserted,
        versioned ? untouched : 0, versioned ? 0 : untouched, true);
  }

  @Override
  public void verifySchema(Handle handle, Table table) {
    String qualified = qualifiedName(table);
    Long oid = handle.createQuery("SELECT to_regclass(:name)::oid")
        .bind("name", qualified).mapTo(Long.class).one();
    if (oid == null) {
      String columns = table.columns().stream()
          .map(c -> quote(c.name()) + " " + sqlType(c) + (c.key() ? " NOT NULL" : ""))
          .collect(Collectors.joining(", "));
      throw new SchemaMismatchException(table.entity(), table.displayName(),
          List.of("the table does not exist (or is not on the search path)"),
          List.of("CREATE TABLE " + qualified + " (" + columns + ", PRIMARY KEY ("
              + names(table.keys()) + "))"));
    }
    List<String> mismatches = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    Set<String> present = new HashSet<>(handle.createQuery(
            "SELECT attname FROM pg_attribute WHERE attrelid = :oid AND attnum > 0 AND NOT attisdropped")
        .bind("oid", oid).mapTo(String.class).list());
    for (Column column : table.columns()) {
      if (!present.contains(column.name())) {
        mismatches.add("column " + column.name() + " (of " + column.property() + ") is missing");
        fixes.add("ALTER TABLE " + qualified + " ADD COLUMN " + quote(column.name()) + " "
            + sqlType(column));
      }
    }
    Set<String> keys = table.keys().stream().map(Column::name).collect(Collectors.toSet());
    List<Set<String>> unique = handle.createQuery("SELECT array_agg(a.attname::text)"
            + " FROM pg_index i JOIN pg_attribute a"
            + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
            + " WHERE i.indrelid = :oid AND i.indisunique AND i.indpred IS NULL"
            + " AND i.indexprs IS NULL GROUP BY i.indexrelid")
        .bind("oid", oid)
        .map((rs, ctx) -> Set.of((String[]) rs.getArray(1).getArray()))
        .list();
    if (!unique.contains(keys)) {
      mismatches.add("no unique constraint or unique index covers exactly the @Key columns ("
          + String.join(", ", table.keys().stream().map(Column::name).toList()) + ")"
          + (unique.isEmpty() ? "" : "; the unique ones cover " + unique));
      fixes.add("ALTER TABLE " + qualified + " ADD UNIQUE (" + names(table.keys()) + ")");
    }
    if (!mismatches.isEmpty()) {
      throw new SchemaMismatchException(table.entity(), table.displayName(), mismatches, fixes);
    }
  }

  /** A column type to suggest in DDL, from the property's Java type. */
  private static String sqlType(Column column) {
    ArrayType type = ArrayType.of(column.rawType());
    if (type != null) {
      return type.sqlName;
    }
    return column.rawType().isEnum() ? "text" : "text /* choose the type for " + column.type().getTypeName() + " */";
  }

  /** Turns PostgreSQL's obscure "no matching constraint" error into one that says how to fix it. */
  private static RuntimeException translate(UnableToExecuteStatementException e, Table table) {
    if (e.getCause() instanceof SQLException cause
        && INVALID_COLUMN_REFERENCE.equals(cause.getSQLState())) {
      return noUniqueKey(table, "PostgreSQL",
          "ALTER TABLE " + qualifiedName(table) + " ADD UNIQUE (" + names(table.keys()) + ")", e);
    }
    return e;
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
