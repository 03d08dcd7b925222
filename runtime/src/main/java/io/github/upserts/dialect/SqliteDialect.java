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
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * SQLite 3.24 and later: PostgreSQL's {@code INSERT ... ON CONFLICT (keys) DO UPDATE SET
 * c = EXCLUDED.c [WHERE ...]}, with {@code RETURNING} from 3.35 on.
 *
 * <p><b>Inserted, updated, skipped or unchanged.</b> SQLite has no {@code xmax} and no
 * {@code RETURNING old}, and an {@code ON CONFLICT DO UPDATE} reports one changed row whether it
 * inserted or updated. So {@code upsert} runs two statements in one transaction (the caller's,
 * else one of its own): {@code INSERT ... ON CONFLICT DO NOTHING}, whose change count says
 * whether it inserted ({@code INSERTED}, done), then, when the key existed, the upsert itself,
 * whose change count says whether the guarded update ran ({@code UPDATED}) or not
 * ({@code SKIPPED} with a {@code @NewerWins} column, else {@code UNCHANGED}). This is exact
 * because SQLite has one writer per database at a time: the first statement is a write, so from
 * its start to the end of the transaction this connection holds the database's write lock (even
 * when the statement changed nothing), and no other connection can insert, update or delete the
 * row in between. Only one of the two statements ever writes, so a failure leaves nothing half
 * done. Bulk upserts count the same way, per chunk: one multi-row statement over the rows whose
 * key exists (the update count), then the same statement over the rows whose key does not (the
 * insert count), in the transaction {@code upsertAll} always runs in.
 *
 * <p><b>Returning the row.</b> From 3.35 {@code upsertReturning}, {@code getOrInsert} and the
 * increments use {@code RETURNING}; when the statement returns nothing (skipped, unchanged, the
 * key existed) or before 3.35, the row is read by key in the same transaction, after the write
 * took the lock, so it is the row as this statement left it.
 *
 * <p><b>Merges.</b> SQLite has no {@code GREATEST}/{@code LEAST}, and its scalar
 * {@code max(a, b)}/{@code min(a, b)} return NULL when an argument is NULL: {@code @Max} renders
 * {@code COALESCE(max(t.c, EXCLUDED.c), t.c, EXCLUDED.c)} so a null on either side keeps the
 * other. {@code skipUnchanged} compares row values with {@code IS NOT} (null-safe).
 *
 * <p><b>Bind limit.</b> A bulk chunk holds at most 5,000 rows and fewer than
 * {@code SQLITE_MAX_VARIABLE_NUMBER} values (32,766 from 3.32, 999 before).
 *
 * <p><b>What callers must configure.</b> SQLite answers a write that meets another connection's
 * write lock with {@code SQLITE_BUSY} at once unless the connection has a busy timeout; this
 * dialect never retries, so set one (sqlite-jdbc: {@code SQLiteConfig.setBusyTimeout}, or
 * {@code busy_timeout} in the URL), and use WAL ({@code journal_mode=WAL}) so readers and the
 * writer do not block each other. Every statement sequence here starts with a write, so it waits
 * for the lock under that timeout. A transaction of yours that <em>reads before it writes</em>
 * must begin {@code IMMEDIATE} (sqlite-jdbc: {@code SQLiteConfig.setTransactionMode(IMMEDIATE)}):
 * a deferred one that read a snapshot cannot take the write lock once another connection has
 * committed since, and SQLite fails it with {@code SQLITE_BUSY_SNAPSHOT}, which no timeout cures.
 *
 * <p><b>Types.</b> SQLite is dynamically typed; values are stored as JDBI and sqlite-jdbc bind
 * them: {@code LocalDate} as ISO text, {@code Instant} as epoch milliseconds (sub-millisecond
 * precision is lost). Both compare correctly for {@code @Max}, {@code @Min} and
 * {@code @NewerWins}. Unquoted or quoted, SQLite matches identifiers case-insensitively (ASCII).
 */
public final class SqliteDialect extends OnConflictDialect {
  /** The message of SQLite's error for an {@code ON CONFLICT} target without a unique index. */
  private static final String NO_MATCHING_CONSTRAINT =
      "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint";
  /** Rows per bulk statement at most: large enough to amortize parsing, small enough to stream. */
  private static final int MAX_BATCH_ROWS = 5_000;

  private final int majorVersion;
  private final int minorVersion;

  private SqliteDialect(int majorVersion, int minorVersion) {
    this.majorVersion = majorVersion;
    this.minorVersion = minorVersion;
  }

  /** The dialect for SQLite {@code major.minor} (e.g. 3, 45). */
  public static SqliteDialect forVersion(int majorVersion, int minorVersion) {
    if (majorVersion < 3 || majorVersion == 3 && minorVersion < 24) {
      throw new IllegalArgumentException("SQLite " + majorVersion + "." + minorVersion
          + " has no INSERT ... ON CONFLICT; Upserts needs 3.24 or later");
    }
    return new SqliteDialect(majorVersion, minorVersion);
  }

  @Override
  public String name() {
    return "SQLite " + majorVersion + "." + minorVersion;
  }

  private boolean atLeast(int minor) {
    return majorVersion > 3 || minorVersion >= minor;
  }

  /** {@code RETURNING} came with 3.35. */
  private boolean hasReturning() {
    return atLeast(35);
  }

  /** SQLITE_MAX_VARIABLE_NUMBER's default: 999 until 3.32, 32,766 since. */
  private int maxBindParameters() {
    return atLeast(32) ? 32_766 : 999;
  }

  @Override
  String greatest(String a, String b) {
    return "COALESCE(max(" + a + ", " + b + "), " + a + ", " + b + ")";
  }

  @Override
  String least(String a, String b) {
    return "COALESCE(min(" + a + ", " + b + "), " + a + ", " + b + ")";
  }

  @Override
  String rowsDiffer(String a, String b) {
    return "(" + a + ") IS NOT (" + b + ")";
  }

  /** SQLite's RETURNING names the target's columns unqualified (the alias is not in scope). */
  private String returning(List<Column> columns) {
    return hasReturning() ? " RETURNING " + names(columns) : "";
  }

  @Override
  public RenderedSql render(Table table) {
    String write = insertInto(table, table.columns()) + onConflict(table) + conflictAction(table);
    String insertOrNothing = insertInto(table, table.columns()) + onConflict(table) + " DO NOTHING";
    Map<String, String> increments = increments(table, c -> returning(List.of(c)));
    return new RenderedSql(
        table,
        write,
        write + returning(table.columns()),
        insertOrNothing,
        insertOrNothing + returning(table.columns()),
        find(table),
        increments,
        null,
        rows -> batch(table, rows));
  }

  /**
   * The upsert of {@code rows} rows (positional parameters, row-major) restricted to the rows
   * whose key exists ({@code 1} bound last) or does not ({@code 0}). The {@code WHERE} also
   * settles SQLite's parsing ambiguity of {@code INSERT ... SELECT ... ON CONFLICT}.
   */
  private String batch(Table table, int rows) {
    List<Column> columns = table.columns();
    String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    String sameKey = IntStream.range(0, columns.size())
        .filter(i -> columns.get(i).key())
        .mapToObj(i -> "x." + quote(columns.get(i).name()) + " = v.column" + (i + 1))
        .collect(Collectors.joining(" AND "));
    return "INSERT INTO " + qualifiedName(table) + " AS " + ALIAS + " (" + names(columns)
        + ") SELECT * FROM (VALUES " + String.join(", ", Collections.nCopies(rows, row))
        + ") AS v WHERE EXISTS (SELECT 1 FROM " + qualifiedName(table) + " AS x WHERE " + sameKey
        + ") = ?" + onConflict(table) + conflictAction(table);
  }

  @Override
  public Outcome upsert(Handle handle, RenderedSql sql, Binder row) {
    Table table = sql.table();
    return inTransaction(handle, table, h -> {
      if (execute(h, sql.insertIfAbsent(), row) == 1) {
        return Outcome.INSERTED;
      }
      // the key exists and this transaction holds the write lock: the upsert updates or not
      if (!table.merged().isEmpty() && execute(h, sql.upsert(), row) == 1) {
        return Outcome.UPDATED;
      }
      // with a version column a passing check always changes that column: nothing written
      // means the check failed
      return table.version().isPresent() ? Outcome.SKIPPED : Outcome.UNCHANGED;
    });
  }

  @Override
  public <T> T upsertReturning(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper) {
    return writeThenRead(handle, sql, sql.upsertReturning(), row, mapper);
  }

  @Override
  public <T> T getOrInsert(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper) {
    return writeThenRead(handle, sql, sql.getOrInsert(), row, mapper);
  }

  /**
   * Runs a write that returns the written row when it wrote one (from 3.35), else reads the row
   * by key in the same transaction: the write took the lock, so nobody changed the row since.
   */
  private <T> T writeThenRead(
      Handle handle, RenderedSql sql, String statement, Binder row, RowMapper<T> mapper) {
    return inTransaction(handle, sql.table(), h -> {
      if (hasReturning()) {
        try (Query query = h.createQuery(statement)) {
          row.bind(query);
          Optional<T> written = query.map(mapper).findOne();
          if (written.isPresent()) {
            return written.get();
          }
        }
      } else {
        execute(h, statement, row);
      }
      try (Query query = h.createQuery(sql.find())) {
        bindKey(query, row);
        return query.map(mapper).findOne().orElseThrow(() -> vanished(sql.table()));
      }
    });
  }

  @Override
  public boolean insertIfAbsent(Handle handle, RenderedSql sql, Binder row) {
    try {
      return execute(handle, sql.insertIfAbsent(), row) == 1;
    } catch (StatementException e) {
      throw translate(e, sql.table());
    }
  }

  @Override
  public <N> N increment(
      Handle handle, RenderedSql sql, Column column, Binder keyAndDelta, Class<N> type) {
    if (hasReturning()) {
      try (Query query = handle.createQuery(sql.increment(column))) {
        keyAndDelta.bind(query);
        return SpecialTypes.one(query, type);
      } catch (StatementException e) {
        throw translate(e, sql.table());
      }
    }
    return inTransaction(handle, sql.table(), h -> {
      execute(h, sql.increment(column), keyAndDelta);
      try (Query query = h.createQuery(sql.find())) {
        bindKey(query, keyAndDelta);
        return query
            .map((rs, ctx) -> {
              ColumnMapper<N> value = ctx.findColumnMapperFor(type).orElseThrow(
                  () -> new IllegalStateException("No column mapper for " + type));
              return value.map(rs, column.name(), ctx);
            })
            .findOne()
            .orElseThrow(() -> vanished(sql.table()));
      }
    });
  }

  @Override
  public int batchRows(RenderedSql sql) {
    // one parameter is the exists-or-not flag
    return Math.min(MAX_BATCH_ROWS, (maxBindParameters() - 1) / sql.table().columns().size());
  }

  @Override
  public BatchOutcome upsertBatch(Handle handle, RenderedSql sql, List<Object[]> rows) {
    Table table = sql.table();
    String statement = sql.batchUpsert(rows.size());
    return inTransaction(handle, table, h -> {
      // existing keys first: once absent ones are inserted they would be merged a second time
      long updated = table.merged().isEmpty() ? 0 : executeBatch(h, statement, table, rows, true);
      long inserted = executeBatch(h, statement, table, rows, false);
      long untouched = rows.size() - inserted - updated;
      boolean versioned = table.version().isPresent();
      return new BatchOutcome(rows.size(), 0, inserted, updated,
          versioned ? untouched : 0, versioned ? 0 : untouched, true);
    });
  }

  private static int executeBatch(
      Handle handle, String statement, Table table, List<Object[]> rows, boolean existing) {
    List<Column> columns = table.columns();
    try (Update update = handle.createUpdate(statement)) {
      int position = 0;
      for (Object[] row : rows) {
        for (int c = 0; c < columns.size(); c++) {
          columns.get(c).bind(update, position++, row[c]);
        }
      }
      update.bind(position, existing ? 1 : 0);
      return update.execute();
    }
  }

  @Override
  public void verifySchema(Handle handle, Table table) {
    String arguments = table.schema().isEmpty() ? "(:table)" : "(:table, :schema)";
    Map<String, Integer> present = new LinkedHashMap<>();
    bindName(handle.createQuery("SELECT name, pk FROM pragma_table_info" + arguments), table)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .list()
        .forEach(c -> present.put(folded(c.getKey()), c.getValue()));
    String qualified = qualifiedName(table);
    if (present.isEmpty()) {
      String columns = table.columns().stream()
          .map(c -> quote(c.name()) + sqlType(c) + (c.key() ? " NOT NULL" : ""))
          .collect(Collectors.joining(", "));
      throw new SchemaMismatchException(table.entity(), table.displayName(),
          List.of("the table does not exist"),
          List.of("CREATE TABLE " + qualified + " (" + columns + ", PRIMARY KEY ("
              + names(table.keys()) + "))"));
    }
    List<String> mismatches = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    for (Column column : table.columns()) {
      if (!present.containsKey(folded(column.name()))) {
        mismatches.add("column " + column.name() + " (of " + column.property() + ") is missing");
        fixes.add("ALTER TABLE " + qualified + " ADD COLUMN " + quote(column.name()) + sqlType(column));
      }
    }
    Set<String> keys = table.keys().stream().map(c -> folded(c.name())).collect(Collectors.toSet());
    List<Set<String>> unique = uniqueColumnSets(handle, table, present);
    if (!unique.contains(keys)) {
      mismatches.add("no unique constraint or unique index covers exactly the @Key columns ("
          + String.join(", ", table.keys().stream().map(Column::name).toList()) + ")"
          + (unique.isEmpty() ? "" : "; the unique ones cover " + unique));
      fixes.add(createUniqueIndex(table));
    }
    if (!mismatches.isEmpty()) {
      throw new SchemaMismatchException(table.entity(), table.displayName(), mismatches, fixes);
    }
  }

  /**
   * The column sets of the primary key (an {@code INTEGER PRIMARY KEY} has no index of its own)
   * and of every unique index that is neither partial nor on an expression, names folded.
   */
  private static List<Set<String>> uniqueColumnSets(
      Handle handle, Table table, Map<String, Integer> columnsAndPk) {
    List<Set<String>> unique = new ArrayList<>();
    Set<String> primaryKey = new HashSet<>();
    columnsAndPk.forEach((name, pk) -> {
      if (pk > 0) {
        primaryKey.add(name);
      }
    });
    if (!primaryKey.isEmpty()) {
      unique.add(primaryKey);
    }
    String schema = table.schema().isEmpty() ? "" : ", :schema";
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    bindName(handle.createQuery("SELECT il.name, ii.name FROM pragma_index_list(:table" + schema
            + ") AS il, pragma_index_info(il.name" + schema + ") AS ii"
            + " WHERE il.\"unique\" = 1 AND il.partial = 0 ORDER BY il.seq, ii.seqno"), table)
        .map((rs, ctx) -> Map.entry(rs.getString(1), Optional.ofNullable(rs.getString(2))))
        .list()
        .forEach(c -> indexes.computeIfAbsent(c.getKey(), k -> new ArrayList<>())
            .add(c.getValue().map(SqliteDialect::folded).orElse(null)));
    for (List<String> columns : indexes.values()) {
      Set<String> set = new HashSet<>(columns);
      if (!set.contains(null) && !unique.contains(set)) {
        unique.add(set);
      }
    }
    return unique;
  }

  private static Query bindName(Query query, Table table) {
    query.bind("table", table.name());
    if (!table.schema().isEmpty()) {
      query.bind("schema", table.schema());
    }
    return query;
  }

  /** SQLite compares identifiers case-insensitively, folding ASCII letters only. */
  private static String folded(String identifier) {
    StringBuilder folded = new StringBuilder(identifier.length());
    for (char c : identifier.toCharArray()) {
      folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return folded.toString();
  }

  /** SQLite has no ALTER TABLE ... ADD UNIQUE: a unique index does the same. */
  private static String createUniqueIndex(Table table) {
    String index = table.name() + "_"
        + table.keys().stream().map(Column::name).collect(Collectors.joining("_")) + "_key";
    return "CREATE UNIQUE INDEX " + (table.schema().isEmpty() ? "" : quote(table.schema()) + ".")
        + quote(index) + " ON " + quote(table.name()) + " (" + names(table.keys()) + ")";
  }

  /** A declared type to suggest in DDL, from the Java type (SQLite derives the affinity from it). */
  private static String sqlType(Column column) {
    Class<?> type = column.rawType();
    if (type.isEnum()) {
      return " TEXT";
    }
    return switch (type.getName()) {
      case "java.lang.String", "char", "java.lang.Character" -> " TEXT";
      case "boolean", "byte", "short", "int", "long", "java.lang.Boolean", "java.lang.Byte",
          "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.math.BigInteger" -> " INTEGER";
      case "float", "double", "java.lang.Float", "java.lang.Double" -> " REAL";
      case "java.math.BigDecimal" -> " NUMERIC";
      case "[B" -> " BLOB";
      case "java.time.LocalDate" -> " DATE";
      case "java.time.Instant", "java.time.LocalDateTime", "java.time.OffsetDateTime",
          "java.time.ZonedDateTime", "java.sql.Timestamp", "java.util.Date" -> " TIMESTAMP";
      default -> " /* choose the type for " + column.type().getTypeName() + " */";
    };
  }

  /**
   * Runs {@code work} in the caller's transaction, else in one of its own, so the statements in
   * it see no other writer in between; translates a missing unique constraint.
   */
  private static <R> R inTransaction(
      Handle handle, Table table, HandleCallback<R, RuntimeException> work) {
    try {
      return handle.isInTransaction() ? work.withHandle(handle) : handle.inTransaction(work);
    } catch (StatementException e) {
      throw translate(e, table);
    }
  }

  /** Runs a write, returning how many rows it inserted or updated. */
  private static int execute(Handle handle, String statement, Binder values) {
    try (Update update = handle.createUpdate(statement)) {
      values.bind(update);
      return update.execute();
    }
  }

  /** Binds a row's key for {@code find}: the binder binds every column, the lookup uses the key. */
  private static void bindKey(SqlStatement<?> statement, Binder row) {
    statement.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    row.bind(statement);
  }

  /** Cannot happen: the row was read under the write lock this transaction took writing it. */
  private static IllegalStateException vanished(Table table) {
    return new IllegalStateException("The " + table.entity() + " row just written by this"
        + " transaction was not found by its key; is the key unique?");
  }

  /**
   * Turns SQLite's "ON CONFLICT clause does not match" error (raised when the statement is
   * prepared) into one that says how to fix it.
   */
  private static RuntimeException translate(StatementException e, Table table) {
    if (e.getCause() instanceof SQLException cause && cause.getMessage() != null
        && cause.getMessage().contains(NO_MATCHING_CONSTRAINT)) {
      return noUniqueKey(table, "SQLite", createUniqueIndex(table), e);
    }
    return e;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SqliteDialect that
        && that.majorVersion == majorVersion && that.minorVersion == minorVersion;
  }

  @Override
  public int hashCode() {
    return 31 * majorVersion + minorVersion;
  }
}
