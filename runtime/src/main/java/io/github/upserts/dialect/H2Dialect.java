package io.github.upserts.dialect;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * H2 2.x: the standard {@code MERGE INTO t USING ... ON (key) WHEN MATCHED [AND ...] THEN UPDATE
 * ... WHEN NOT MATCHED THEN INSERT ...}, read through H2's data change delta tables
 * ({@code SELECT ... FROM OLD TABLE (MERGE ...)}, {@code FINAL TABLE (...)}), since H2 has no
 * {@code RETURNING}.
 *
 * <h2>What is guaranteed, and how</h2>
 *
 * <p><b>A unique violation is retried, never returned.</b> H2's {@code MERGE} is not atomic
 * against concurrent inserts: it looks the key up, finds no row and inserts one. When a rival
 * transaction's insert of the same key is still uncommitted, H2 itself waits for it (it re-runs
 * the statement until the rival ends, up to {@code LOCK_TIMEOUT}, 2 s by default, and then fails
 * with its lock timeout like any lock wait); but when the rival commits between the look-up and
 * the insert, the {@code MERGE} fails with a unique violation (SQLSTATE 23505). H2 offers no
 * atomic form, so this dialect does what the rest of Upserts never does: it runs the failed
 * statement again, up to {@value #MAX_ATTEMPTS} times in all. H2 undoes only the failed
 * statement, not the transaction, and the next attempt finds the row the rival committed and
 * takes the {@code WHEN MATCHED} branch, so the caller sees exactly one row per key, no lost
 * update and no exception. A unique violation that persists (one of another unique constraint,
 * or a transaction at {@code REPEATABLE READ} or {@code SERIALIZABLE}, whose snapshot never shows
 * the rival's row) is rethrown after the last attempt. The guarantee holds at H2's default
 * {@code READ COMMITTED} and needs a unique constraint or index on the key columns: without one H2
 * cannot see the race and may store duplicates ({@link #verifySchema} checks for it).
 *
 * <p><b>Outcomes are exact</b>, from what the statement itself reports:
 *
 * <ul>
 *   <li>An entity whose update always writes (no {@code @NewerWins}, no {@code skipUnchanged}):
 *       one statement, {@code SELECT COUNT(*) FROM OLD TABLE (MERGE ...)}. {@code OLD TABLE}
 *       holds the previous version of each updated row and nothing for an inserted one, and a
 *       matched row is always updated: 1 is {@code UPDATED}, 0 is {@code INSERTED}.
 *   <li>An entity with nothing to update (key-only, or every other column {@code @InsertOnly}):
 *       one {@code MERGE ... WHEN NOT MATCHED THEN INSERT}; one row merged is {@code INSERTED},
 *       none is {@code UNCHANGED}.
 *   <li>An entity whose update is conditional ({@code @NewerWins}, {@code skipUnchanged}): two
 *       statements in one transaction (the caller's, or one of its own). First the
 *       insert-if-absent {@code MERGE}: one row merged is {@code INSERTED}. Otherwise the row
 *       exists, and H2 has locked it for this transaction (its {@code MERGE} locks every row it
 *       matches, whether or not a {@code WHEN} clause then applies), so no one can change or
 *       delete it before the second statement, the conditional {@code MERGE ... WHEN MATCHED AND
 *       ... THEN UPDATE}: one row merged is {@code UPDATED}, none is {@code SKIPPED} (with a
 *       {@code @NewerWins} column) or {@code UNCHANGED}.
 * </ul>
 *
 * <p><b>The stored row</b> ({@code upsertReturning}, {@code getOrInsert}, increments) comes from
 * {@code SELECT ... FROM FINAL TABLE (MERGE ...)}, the rows as written. When the statement writes
 * nothing (a skipped or unchanged update, an existing row for {@code getOrInsert}) the row is
 * read by key in a second statement of the same transaction, while the {@code MERGE}'s lock
 * still holds it: that is exactly the row the {@code MERGE} left alone.
 *
 * <p><b>Bulk</b> ({@code upsertAll}, {@code incrementAll}): one multi-row {@code MERGE} per chunk
 * of up to {@value #BATCH_ROWS} keys (fewer when the table has more than 32 columns, to stay
 * under {@value #MAX_BIND_PARAMETERS} bind parameters), positional parameters, each cast to the
 * H2 type of its Java type ({@link H2Types}): a bare {@code ?} in {@code VALUES} would be typed
 * as text. Counts are
 * exact: {@code OLD TABLE} counts the updated rows and the rest were inserted, or, for an entity
 * with nothing to update, the merged-row count is the inserted rows. The rows are merged in key
 * order, so concurrent batches lock in the same order; a unique violation rolls back that one
 * statement, which is retried whole. Entities with a conditional update, or with a column type
 * H2 cannot be told (your own types, {@code List}s), are written row by row inside the batch's
 * transaction, each row as {@code upsert} writes it: still exact, slower.
 *
 * <h2>Identifier case</h2>
 *
 * <p>H2 folds unquoted identifiers to upper case: {@code CREATE TABLE page_views (page ...)}
 * creates {@code PAGE_VIEWS} with column {@code PAGE}. Names are always quoted here (so reserved
 * words work: H2 reserves {@code DAY}, {@code VALUE}, {@code USER}, {@code ORDER}, {@code GROUP},
 * {@code FROM} among others), and a name written like an unquoted lower-case identifier
 * ({@code [a-z_][a-z0-9_]*}, which is what the default snake_case naming gives) is folded to
 * upper case first, the way H2 would fold it unquoted: {@code page_views} becomes
 * {@code "PAGE_VIEWS"}, {@code day} becomes {@code "DAY"}. So the natural H2 DDL works, with
 * reserved words quoted in upper case ({@code "DAY" DATE}, {@code "ORDER"}). Any other name
 * (mixed case, spaces, quotes) is used verbatim. A connection that does not fold to upper case
 * ({@code DATABASE_TO_UPPER=FALSE}, {@code DATABASE_TO_LOWER=TRUE}, as its
 * {@link DatabaseMetaData#storesUpperCaseIdentifiers()} reports) gets every name verbatim
 * ({@link #withoutCaseFolding()}).
 *
 * <p>{@code GREATEST} and {@code LEAST} return NULL on H2 when an argument is NULL, so
 * {@code @Max}/{@code @Min} are {@code COALESCE(GREATEST(stored, incoming), stored, incoming)}:
 * a null on either side keeps the other, as on every database.
 */
public final class H2Dialect extends Dialect {
  private static final String ALIAS = "t";
  private static final String SOURCE = "s";
  /** Keys per bulk statement: one multi-row MERGE of this many rows parses and runs quickly. */
  private static final int BATCH_ROWS = 1_000;
  /** Bind parameters per statement we stay under (H2 refuses parameter indexes past 100,000). */
  private static final int MAX_BIND_PARAMETERS = 32_767;
  /** How often a statement that lost an insert race (a unique violation) runs again. */
  private static final int MAX_ATTEMPTS = 10;
  /** H2's SQLSTATE for a unique index or primary key violation. */
  private static final String UNIQUE_VIOLATION = "23505";
  /** H2's error code for "concurrent update" (a rival's uncommitted row in a unique index). */
  private static final int CONCURRENT_UPDATE = 90_131;
  private static final Pattern UNQUOTED_LOWER_CASE = Pattern.compile("[a-z_][a-z0-9_]*");

  private static final H2Dialect UPPER_CASE = new H2Dialect(true);
  private static final H2Dialect VERBATIM = new H2Dialect(false);

  private final boolean foldsToUpperCase;

  private H2Dialect(boolean foldsToUpperCase) {
    this.foldsToUpperCase = foldsToUpperCase;
  }

  /** H2 with its default identifier handling: unquoted names are folded to upper case. */
  public static H2Dialect standard() {
    return UPPER_CASE;
  }

  /**
   * H2 with a connection that does not fold unquoted names to upper case
   * ({@code DATABASE_TO_UPPER=FALSE} or {@code DATABASE_TO_LOWER=TRUE}): names are used verbatim.
   */
  public static H2Dialect withoutCaseFolding() {
    return VERBATIM;
  }

  /**
   * The dialect for the H2 database {@code meta} describes.
   *
   * @throws IllegalArgumentException for H2 before 2.0, whose catalog and MERGE differ
   */
  public static H2Dialect forMetaData(DatabaseMetaData meta) throws SQLException {
    int major = meta.getDatabaseMajorVersion();
    if (major < 2) {
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

  /** The name as H2 stores it: folded like an unquoted identifier when it looks like one. */
  String identifier(String name) {
    return foldsToUpperCase && UNQUOTED_LOWER_CASE.matcher(name).matches()
        ? name.toUpperCase(Locale.ROOT)
        : name;
  }

  /** The name quoted, so reserved words and any case work. */
  String quote(String name) {
    return '"' + identifier(name).replace("\"", "\"\"") + '"';
  }

  private String qualifiedName(Table table) {
    return table.schema().isEmpty()
        ? quote(table.name())
        : quote(table.schema()) + "." + quote(table.name());
  }

  private static String joined(List<Column> columns, Function<Column, String> each) {
    return columns.stream().map(each).collect(Collectors.joining(", "));
  }

  private String names(List<Column> columns) {
    return joined(columns, c -> quote(c.name()));
  }

  private String stored(Column column) {
    return ALIAS + "." + quote(column.name());
  }

  /** Where a statement reads a column's incoming value: a named parameter, or the source row. */
  private interface Incoming extends Function<Column, String> {}

  private static final Incoming PARAMETER = c -> ":" + c.parameter();

  private Incoming sourceColumn() {
    return c -> SOURCE + "." + quote(c.name());
  }

  /** Which statements an upsert of this table needs; see the class Javadoc. */
  private enum Shape {
    /** Every match updates: OLD TABLE tells updated from inserted. */
    ALWAYS_UPDATES,
    /** Nothing to update: the merge count tells inserted from unchanged. */
    NOTHING_TO_UPDATE,
    /** The update has a condition: insert-if-absent, then the conditional update. */
    CONDITIONAL
  }

  private static Shape shape(Table table) {
    if (table.merged().isEmpty()) {
      return Shape.NOTHING_TO_UPDATE;
    }
    return table.version().isPresent() || table.skipUnchanged() ? Shape.CONDITIONAL : Shape.ALWAYS_UPDATES;
  }

  /**
   * The value an update gives {@code column}: the incoming one merged by the column's policy.
   * Every form keeps a bare parameter next to the stored column, from which H2 types it (a
   * literal beside it, as in {@code COALESCE(?, 0)}, would type it as the literal).
   */
  private String merged(Column column, Incoming incoming) {
    String in = incoming.apply(column);
    String stored = stored(column);
    return switch (column.policy()) {
      case OVERWRITE, NEWER_WINS -> in;
      case INCREMENT -> "COALESCE(" + stored + " + " + in + ", " + stored + ", " + in + ", 0)";
      case COALESCE -> "COALESCE(" + in + ", " + stored + ")";
      // H2's GREATEST and LEAST return NULL when an argument is NULL: keep the other side
      case MAX -> "COALESCE(GREATEST(" + stored + ", " + in + "), " + stored + ", " + in + ")";
      case MIN -> "COALESCE(LEAST(" + stored + ", " + in + "), " + stored + ", " + in + ")";
      case INSERT_ONLY -> throw new IllegalArgumentException(
          "Column " + column.name() + " is insert-only and never merged");
    };
  }

  /** The {@code WHEN MATCHED} clause: the merge, guarded by the version and change checks. */
  private String whenMatched(Table table, Incoming incoming) {
    List<Column> merged = table.merged();
    if (merged.isEmpty()) {
      return "";
    }
    List<String> conditions = new ArrayList<>();
    table.version().ifPresent(v -> conditions.add(incoming.apply(v) + " IS NOT NULL AND ("
        + stored(v) + " IS NULL OR " + incoming.apply(v) + " > " + stored(v) + ")"));
    if (table.skipUnchanged()) {
      conditions.add(merged.stream()
          .map(c -> stored(c) + " IS DISTINCT FROM " + merged(c, incoming))
          .collect(Collectors.joining(" OR ")));
    }
    return " WHEN MATCHED"
        + conditions.stream().map(c -> " AND (" + c + ")").collect(Collectors.joining())
        + " THEN UPDATE SET " + joined(merged, c -> quote(c.name()) + " = " + merged(c, incoming));
  }

  private String whenNotMatched(List<Column> columns, Incoming incoming) {
    return " WHEN NOT MATCHED THEN INSERT (" + names(columns) + ") VALUES ("
        + joined(columns, incoming) + ")";
  }

  private String keyMatch(Table table, Incoming incoming) {
    return table.keys().stream()
        .map(c -> stored(c) + " = " + incoming.apply(c))
        .collect(Collectors.joining(" AND "));
  }

  /** {@code MERGE INTO ... ON <key>} for one row whose values are named parameters. */
  private String mergeOne(Table table) {
    return "MERGE INTO " + qualifiedName(table) + " AS " + ALIAS + " USING (VALUES (1)) AS "
        + SOURCE + " ON " + keyMatch(table, PARAMETER);
  }

  @Override
  public RenderedSql render(Table table) {
    String columns = names(table.columns());
    String insert = whenNotMatched(table.columns(), PARAMETER);
    String update = whenMatched(table, PARAMETER);
    String insertIfAbsent = mergeOne(table) + insert;
    String merge = mergeOne(table) + update + insert;
    String upsert = switch (shape(table)) {
      case ALWAYS_UPDATES -> "SELECT COUNT(*) FROM OLD TABLE (" + merge + ")";
      case NOTHING_TO_UPDATE -> insertIfAbsent;
      // run after insertIfAbsent found the row (and locked it): the conditional update alone
      case CONDITIONAL -> mergeOne(table) + update;
    };
    Map<String, String> increments = new LinkedHashMap<>();
    for (Column column : table.values()) {
      if (column.policy() == MergePolicy.INCREMENT) {
        List<Column> keysAndCounter = new ArrayList<>(table.keys());
        keysAndCounter.add(column);
        // the delta is never null: a stored null counts as zero
        increments.put(column.name(), "SELECT " + quote(column.name()) + " FROM FINAL TABLE ("
            + mergeOne(table) + " WHEN MATCHED THEN UPDATE SET " + quote(column.name())
            + " = COALESCE(" + stored(column) + " + :" + column.parameter() + ", :"
            + column.parameter() + ")" + whenNotMatched(keysAndCounter, PARAMETER) + ")");
      }
    }
    return new RenderedSql(
        table,
        upsert,
        "SELECT " + columns + " FROM FINAL TABLE (" + merge + ")",
        insertIfAbsent,
        "SELECT " + columns + " FROM FINAL TABLE (" + insertIfAbsent + ")",
        "SELECT " + columns + " FROM " + qualifiedName(table) + " WHERE "
            + table.keys().stream().map(c -> quote(c.name()) + " = :" + c.parameter())
                .collect(Collectors.joining(" AND ")),
        increments,
        null,
        rows -> batch(table, rows));
  }

  /** Whether a batch of this table is one multi-row statement (else it goes row by row). */
  private static boolean multiRow(Table table) {
    return shape(table) != Shape.CONDITIONAL
        && table.columns().stream().allMatch(c -> H2Types.of(c.rawType()) != null);
  }

  /**
   * The merge of exactly {@code rows} rows given as positional parameters, row after row, each
   * cast to its Java type's H2 type; counting the updated rows where rows can be updated.
   */
  private String batch(Table table, int rows) {
    if (!multiRow(table)) {
      throw new IllegalStateException(table.entity() + " is written row by row on H2");
    }
    String row = "(" + joined(table.columns(), c -> "CAST(? AS " + H2Types.of(c.rawType()) + ")") + ")";
    Incoming source = sourceColumn();
    String merge = "MERGE INTO " + qualifiedName(table) + " AS " + ALIAS + " USING (VALUES "
        + String.join(", ", Collections.nCopies(rows, row)) + ") AS " + SOURCE + " ("
        + names(table.columns()) + ") ON " + keyMatch(table, source)
        + whenMatched(table, source) + whenNotMatched(table.columns(), source);
    return shape(table) == Shape.ALWAYS_UPDATES ? "SELECT COUNT(*) FROM OLD TABLE (" + merge + ")" : merge;
  }

  @Override
  public Outcome upsert(Handle handle, RenderedSql sql, Binder row) {
    Table table = sql.table();
    return switch (shape(table)) {
      case ALWAYS_UPDATES -> retried(() -> count(handle, sql.upsert(), row)) == 0
          ? Outcome.INSERTED
          : Outcome.UPDATED;
      case NOTHING_TO_UPDATE -> retried(() -> update(handle, sql.upsert(), row)) == 1
          ? Outcome.INSERTED
          : Outcome.UNCHANGED;
      case CONDITIONAL -> inTransaction(handle, h -> {
        if (retried(() -> update(h, sql.insertIfAbsent(), row)) == 1) {
          return Outcome.INSERTED;
        }
        // the insert-if-absent MERGE matched the row and locked it: it is there, unchanged
        if (update(h, sql.upsert(), row) == 1) {
          return Outcome.UPDATED;
        }
        return table.version().isPresent() ? Outcome.SKIPPED : Outcome.UNCHANGED;
      });
    };
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
   * Runs a {@code SELECT ... FROM FINAL TABLE (MERGE ...)}; when it wrote nothing, reads the row
   * by key in the same transaction. The MERGE locked every row it matched, so that read returns
   * the very row the MERGE left untouched.
   */
  private static <T> T writeOrRead(
      Handle handle, RenderedSql sql, String statement, Binder row, RowMapper<T> mapper) {
    return inTransaction(handle, h -> {
      Optional<T> written = retried(() -> {
        try (Query query = h.createQuery(statement)) {
          query.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
          row.bind(query);
          return query.map(mapper).findOne();
        }
      });
      if (written.isPresent()) {
        return written.get();
      }
      try (Query query = h.createQuery(sql.find())) {
        // the row binder binds every column; the key lookup uses the key columns only
        query.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        row.bind(query);
        return query.map(mapper).findOne().orElseThrow(() -> new IllegalStateException(
            "The " + sql.table().entity() + " row the MERGE matched and locked is gone"));
      }
    });
  }

  @Override
  public boolean insertIfAbsent(Handle handle, RenderedSql sql, Binder row) {
    return retried(() -> update(handle, sql.insertIfAbsent(), row)) == 1;
  }

  @Override
  public <N> N increment(
      Handle handle, RenderedSql sql, Column column, Binder keyAndDelta, Class<N> type) {
    String statement = sql.increment(column);
    return retried(() -> {
      try (Query query = handle.createQuery(statement)) {
        keyAndDelta.bind(query);
        return SpecialTypes.one(query, type);
      }
    });
  }

  @Override
  public int batchRows(RenderedSql sql) {
    return Math.min(BATCH_ROWS, MAX_BIND_PARAMETERS / sql.table().columns().size());
  }

  @Override
  public BatchOutcome upsertBatch(Handle handle, RenderedSql sql, List<Object[]> rows) {
    Table table = sql.table();
    if (!multiRow(table)) {
      return rowByRow(handle, sql, rows);
    }
    String statement = sql.batchUpsert(rows.size());
    Binder values = statementOf -> {
      List<Column> columns = table.columns();
      int position = 0;
      for (Object[] row : rows) {
        for (int c = 0; c < columns.size(); c++) {
          columns.get(c).bind(statementOf, position++, row[c]);
        }
      }
    };
    if (shape(table) == Shape.NOTHING_TO_UPDATE) {
      long inserted = retried(() -> update(handle, statement, values));
      return new BatchOutcome(rows.size(), 0, inserted, 0, 0, rows.size() - inserted, true);
    }
    long updated = retried(() -> count(handle, statement, values));
    return new BatchOutcome(rows.size(), 0, rows.size() - updated, updated, 0, 0, true);
  }

  /** Each row as {@link #upsert} writes it, in the given (key) order, in the batch's transaction. */
  private BatchOutcome rowByRow(Handle handle, RenderedSql sql, List<Object[]> rows) {
    List<Column> columns = sql.table().columns();
    Map<Outcome, Long> counts = new HashMap<>();
    for (Object[] row : rows) {
      Binder binder = statement -> {
        for (int c = 0; c < columns.size(); c++) {
          columns.get(c).bind(statement, columns.get(c).parameter(), row[c]);
        }
      };
      counts.merge(upsert(handle, sql, binder), 1L, Long::sum);
    }
    return new BatchOutcome(rows.size(), 0, counts.getOrDefault(Outcome.INSERTED, 0L),
        counts.getOrDefault(Outcome.UPDATED, 0L), counts.getOrDefault(Outcome.SKIPPED, 0L),
        counts.getOrDefault(Outcome.UNCHANGED, 0L), true);
  }

  private static int update(Handle handle, String statement, Binder row) {
    try (Update update = handle.createUpdate(statement)) {
      update.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      row.bind(update);
      return update.execute();
    }
  }

  /** Runs a {@code SELECT COUNT(*) FROM OLD TABLE (...)}. */
  private static long count(Handle handle, String statement, Binder row) {
    try (Query query = handle.createQuery(statement)) {
      row.bind(query);
      return query.mapTo(Long.class).one();
    }
  }

  /**
   * Runs {@code statement} again when it lost an insert race: H2 rolled back just that statement,
   * and the row the rival committed is visible to the next attempt, which updates it instead.
   */
  private static <R> R retried(Supplier<R> statement) {
    for (int attempt = 1; ; attempt++) {
      try {
        return statement.get();
      } catch (UnableToExecuteStatementException e) {
        if (attempt >= MAX_ATTEMPTS || !lostInsertRace(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean lostInsertRace(UnableToExecuteStatementException e) {
    return e.getCause() instanceof SQLException cause
        && (UNIQUE_VIOLATION.equals(cause.getSQLState()) || cause.getErrorCode() == CONCURRENT_UPDATE);
  }

  private static <R> R inTransaction(Handle handle, HandleCallback<R, RuntimeException> body) {
    return handle.isInTransaction() ? body.withHandle(handle) : handle.inTransaction(body);
  }

  @Override
  public void verifySchema(Handle handle, Table table) {
    String schema = table.schema().isEmpty()
        ? handle.createQuery("SELECT SCHEMA()").mapTo(String.class).one()
        : identifier(table.schema());
    String name = identifier(table.name());
    String qualified = qualifiedName(table);
    boolean exists = handle.createQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA = :schema AND TABLE_NAME = :name")
        .bind("schema", schema).bind("name", name).mapTo(Integer.class).one() > 0;
    if (!exists) {
      List<String> otherCase = handle.createQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
              + " WHERE TABLE_SCHEMA = :schema AND UPPER(TABLE_NAME) = UPPER(:name)")
          .bind("schema", schema).bind("name", name).mapTo(String.class).list();
      String columns = table.columns().stream()
          .map(c -> quote(c.name()) + " " + H2Types.forDdl(c) + (c.key() ? " NOT NULL" : ""))
          .collect(Collectors.joining(", "));
      throw new SchemaMismatchException(table.entity(), table.displayName(),
          List.of("the table " + schema + "." + name + " does not exist"
              + (otherCase.isEmpty() ? "" : "; " + otherCase + " differs only in letter case:"
                  + " H2 compares quoted names exactly, and Upserts looks for " + qualified)),
          List.of("CREATE TABLE " + qualified + " (" + columns + ", PRIMARY KEY ("
              + names(table.keys()) + "))"));
    }
    List<String> mismatches = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    Set<String> present = new HashSet<>(handle.createQuery("SELECT COLUMN_NAME"
            + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = :schema AND TABLE_NAME = :name")
        .bind("schema", schema).bind("name", name).mapTo(String.class).list());
    for (Column column : table.columns()) {
      if (!present.contains(identifier(column.name()))) {
        mismatches.add("column " + identifier(column.name()) + " (of " + column.property() + ") is missing");
        fixes.add("ALTER TABLE " + qualified + " ADD COLUMN " + quote(column.name()) + " "
            + H2Types.forDdl(column));
      }
    }
    Set<String> keys = table.keys().stream().map(c -> identifier(c.name())).collect(Collectors.toSet());
    Set<Set<String>> unique = uniqueColumnSets(handle, schema, name);
    if (!unique.contains(keys)) {
      mismatches.add("no unique constraint or unique index covers exactly the @Key columns ("
          + String.join(", ", table.keys().stream().map(c -> identifier(c.name())).toList()) + ")"
          + (unique.isEmpty() ? "" : "; the unique ones cover " + unique));
      fixes.add("ALTER TABLE " + qualified + " ADD UNIQUE (" + names(table.keys()) + ")");
    }
    if (!mismatches.isEmpty()) {
      throw new SchemaMismatchException(table.entity(), table.displayName(), mismatches, fixes);
    }
  }

  /**
   * The column sets of the table's primary key, unique constraints and unique indexes (a
   * constraint is normally backed by an index; both are read so neither can be missed).
   */
  private static Set<Set<String>> uniqueColumnSets(Handle handle, String schema, String name) {
    Map<String, Set<String>> byName = new HashMap<>();
    handle.createQuery("SELECT 'c:' || tc.CONSTRAINT_NAME, k.COLUMN_NAME"
            + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
            + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
            + " ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " WHERE tc.TABLE_SCHEMA = :schema AND tc.TABLE_NAME = :name"
            + " AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE')"
            + " UNION ALL SELECT 'i:' || i.INDEX_NAME, c.COLUMN_NAME"
            + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
            + " ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME"
            + " WHERE i.TABLE_SCHEMA = :schema AND i.TABLE_NAME = :name"
            + " AND i.INDEX_TYPE_NAME IN ('PRIMARY KEY', 'UNIQUE INDEX')")
        .bind("schema", schema).bind("name", name)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> byName.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue()));
    return byName.values().stream().map(Set::copyOf).collect(Collectors.toSet());
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
