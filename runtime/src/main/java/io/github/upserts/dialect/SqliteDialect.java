package io.github.upserts.dialect;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.exec.Binder;
import io.github.upserts.exec.Operation;
import io.github.upserts.exec.Outcomes;
import io.github.upserts.exec.Statements;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.exec.TableStatements.Rendering;
import io.github.upserts.exec.Texts;
import io.github.upserts.schema.Catalog;
import io.github.upserts.schema.CatalogTable;
import io.github.upserts.schema.SchemaVerifier;
import io.github.upserts.schema.SqliteCatalog;
import io.github.upserts.sql.OnConflict;
import io.github.upserts.sql.Spelling;
import io.github.upserts.sql.UpsertPlan;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * SQLite 3.24 and later: PostgreSQL's {@code INSERT ... ON CONFLICT (keys) DO UPDATE SET
 * c = EXCLUDED.c [WHERE ...]}, with {@code RETURNING} from 3.35 on.
 *
 * <p><b>Inserted, updated, skipped or unchanged.</b> SQLite has no {@code xmax} and no
 * {@code RETURNING old}, and an {@code ON CONFLICT DO UPDATE} reports one changed row whether it
 * inserted or updated. So {@code upsert} runs two statements all or nothing (under a savepoint in
 * the caller's transaction, else in one of its own): {@code INSERT ... ON CONFLICT DO NOTHING}, whose change count says
 * whether it inserted, then, when the key existed, the upsert, whose change count says whether
 * the guarded update ran. Exact because SQLite has one writer per database at a time: the first
 * statement is a write, so from its start to the end of the transaction this connection holds
 * the write lock, and no other connection can change the row in between. Only one of the two
 * statements ever writes. Bulk upserts count the same way per chunk: one multi-row statement over
 * the rows whose key exists (the update count), then over those whose key does not.
 *
 * <p><b>Returning the row.</b> From 3.35 {@code RETURNING}; when the statement returns nothing
 * (skipped, unchanged, the key existed) or before 3.35, the row is read by key in the same
 * transaction, after the write took the lock.
 *
 * <p><b>Merges.</b> SQLite's scalar {@code max(a, b)}/{@code min(a, b)} return NULL on a NULL
 * argument: {@code @Max} renders {@code COALESCE(max(t.c, EXCLUDED.c), t.c, EXCLUDED.c)}.
 * {@code skipUnchanged} compares row values with {@code IS NOT} (null-safe).
 *
 * <p><b>What callers must configure.</b> A busy timeout (sqlite-jdbc:
 * {@code SQLiteConfig.setBusyTimeout}): this dialect never retries {@code SQLITE_BUSY}; WAL
 * ({@code journal_mode=WAL}); and {@code IMMEDIATE} transactions for transactions of yours that
 * read before they write ({@code SQLITE_BUSY_SNAPSHOT} otherwise). A bulk chunk holds at most
 * 5,000 rows and fewer than {@code SQLITE_MAX_VARIABLE_NUMBER} values (32,766 from 3.32, 999
 * before). Values are stored as JDBI and sqlite-jdbc bind them: {@code LocalDate} as ISO text,
 * {@code Instant} as epoch milliseconds. Identifiers match case-insensitively (ASCII).
 */
public final class SqliteDialect extends Dialect {
  /** The message of SQLite's error for an {@code ON CONFLICT} target without a unique index. */
  private static final String NO_MATCHING_CONSTRAINT =
      "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint";
  private static final int MAX_BATCH_ROWS = 5_000;

  /** SQLite's nodes: no GREATEST/LEAST, and a null-safe row comparison with IS NOT. */
  static final Spelling SPELLING = new OnConflict.Excluded() {
    /**
     * {@code 'now'}, which SQLite holds for the whole statement, to the millisecond, as sqlite-jdbc
     * stores what JDBI binds: an {@code Instant} (a {@code Timestamp}) as epoch milliseconds, an
     * {@code OffsetDateTime} as its ISO text in UTC, a {@code LocalDateTime} as its ISO text in the
     * database process's local time.
     */
    @Override
    public String clock(Column column) {
      Class<?> type = column.rawType();
      return type == java.time.OffsetDateTime.class ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
          : type == java.time.LocalDateTime.class ? "strftime('%Y-%m-%dT%H:%M:%f', 'now', 'localtime')"
          : "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";
    }

    @Override
    public String extreme(boolean max, String a, String b) {
      return "COALESCE(" + (max ? "max(" : "min(") + a + ", " + b + "), " + a + ", " + b + ")";
    }

    @Override
    public String differs(List<String> stored, List<String> merged) {
      return "(" + String.join(", ", stored) + ") IS NOT (" + String.join(", ", merged) + ")";
    }
  };
  private static final OnConflict RENDERER = new OnConflict(SPELLING);
  private static final Catalog CATALOG = new SqliteCatalog(SPELLING);

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

  @Override
  public Catalog catalog() {
    return CATALOG;
  }

  private boolean atLeast(int minor) {
    return majorVersion > 3 || minorVersion >= minor;
  }

  @Override
  public TableStatements render(Table entityTable, CatalogTable stored) {
    Table table = requireKeyIndex(entityTable, stored);
    boolean returns = atLeast(35);
    String write = RENDERER.write(UpsertPlan.upsert(table));
    String insertOrNothing = RENDERER.write(UpsertPlan.insertIfAbsent(table));
    // the RETURNING clause names the target's columns unqualified (the alias is not in scope)
    String returning = returns ? " RETURNING " + SPELLING.names(table.columns()) : "";
    int bindLimit = atLeast(32) ? 32_766 : 999;
    return new Rendered(new Rendering(table, statements(table), Map.of(
            Operation.UPSERT, write,
            Operation.UPSERT_RETURNING, write + returning,
            Operation.INSERT_IF_ABSENT, insertOrNothing,
            Operation.GET_OR_INSERT, insertOrNothing + returning,
            Operation.FIND, SPELLING.find(table)),
            Texts.perCounter(table, c -> RENDERER.write(UpsertPlan.increment(table, c, keptByIncrements(table, stored, c)))
                + (returns ? " RETURNING " + SPELLING.quote(c.name()) : "")), SPELLING),
        returns, Texts.byRows(rows -> batch(table, rows)),
        // one parameter is the exists-or-not flag
        Math.min(MAX_BATCH_ROWS, (bindLimit - 1) / table.bound().size()));
  }

  /**
   * The upsert of {@code rows} rows (positional parameters, row-major) restricted to the rows
   * whose key exists ({@code 1} bound last) or does not ({@code 0}). The {@code WHERE} also
   * settles SQLite's parsing ambiguity of {@code INSERT ... SELECT ... ON CONFLICT}.
   */
  private static String batch(Table table, int rows) {
    List<Column> columns = table.bound();
    String sameKey = IntStream.range(0, columns.size())
        .filter(i -> columns.get(i).key())
        .mapToObj(i -> "x." + SPELLING.quote(columns.get(i).name()) + " = v.column" + (i + 1))
        .collect(Collectors.joining(" AND "));
    if (table.target() != null) {
      // the row the conflict index finds for the incoming key, as the upsert finds it
      sameKey = SPELLING.matches(table.target(), IntStream.range(0, columns.size()).filter(i -> columns.get(i).key())
          .mapToObj(i -> "v.column" + (i + 1) + " AS " + SPELLING.quote(columns.get(i).name()))
          .collect(Collectors.joining(", ", "(SELECT ", ")")));
    }
    return RENDERER.write(UpsertPlan.upsert(table), SPELLING.selectWithStored(table, "v",
        c -> "v.column" + (columns.indexOf(c) + 1), "(VALUES "
        + Spelling.positionalRows(rows, columns.size()) + ") AS v WHERE EXISTS (SELECT 1 FROM "
        + SPELLING.table(table) + " AS x WHERE " + sameKey + ") = ?"));
  }

  /** The statements of one table; see the class documentation. */
  private record Rendered(Rendering rendering, boolean returns, IntFunction<String> batch, int batchRows)
      implements TableStatements {

    @Override
    public String batchSql(int rows) {
      return batch.apply(rows);
    }

    @Override
    public Outcome upsert(Handle handle, Binder row) {
      // the first statement takes the database's write lock: no one else writes before the second
      return translated(() -> Outcomes.insertThenUpdate(handle, table(),
          h -> run().execute(h, sql(Operation.INSERT_IF_ABSENT), row) == 1,
          h -> run().execute(h, sql(Operation.UPSERT), row) == 1, h -> untouched(h, row)));
    }

    /** A write returning the row when it wrote one, else a read by key under the write's lock. */
    @Override
    public <T> T writeThenRead(Handle handle, String statement, Binder row, RowMapper<T> mapper) {
      return atomically(handle, h -> {
        Optional<T> written = returns ? run().first(h, statement, row, mapper) : Optional.empty();
        if (!returns) {
          run().execute(h, statement, row);
        }
        return written.or(() -> run().first(h, sql(Operation.FIND), Statements.some(row), mapper)).orElseThrow(this::vanished);
      });
    }

    @Override
    public boolean insertIfAbsent(Handle handle, Binder row) {
      return translated(() -> run().execute(handle, sql(Operation.INSERT_IF_ABSENT), row) == 1);
    }

    @Override
    public <N> N increment(Handle handle, Column counter, Binder keyAndDelta, Class<N> type) {
      String write = incrementSql(counter);
      if (returns) {
        return translated(() -> run().one(handle, write, keyAndDelta, type));
      }
      String read = "SELECT " + SPELLING.quote(counter.name()) + " FROM " + SPELLING.table(table())
          + " WHERE " + SPELLING.keyCondition(table());
      return atomically(handle, h -> {
        run().execute(h, write, keyAndDelta);
        return run().one(h, read, Statements.some(keyAndDelta), type);
      });
    }

    @Override
    public BatchOutcome upsertBatch(Handle handle, List<Object[]> rows) {
      String statement = batch.apply(rows.size());
      Binder values = Statements.positional(table(), table().bound(), rows, 0);
      int flag = rows.size() * table().bound().size();
      return atomically(handle, h -> {
        // existing keys first: once absent ones are inserted they would be merged a second time
        long updated = table().merged().isEmpty() ? 0
            : run().execute(h, statement, q -> values.bind(q.bind(flag, 1)));
        long inserted = run().execute(h, statement, q -> values.bind(q.bind(flag, 0)));
        return Outcomes.batch(table(), rows.size(), inserted, updated);
      });
    }

    /** The row was read under the write lock this transaction took writing it: no one deleted it. */
    private IllegalStateException vanished() {
      return Outcomes.notReadBack(table(), "just written under this transaction's write lock", false);
    }

    /** All or nothing ({@link Outcomes#atomically}). */
    private <R> R atomically(Handle handle, HandleCallback<R, RuntimeException> work) {
      return translated(() -> Outcomes.atomically(handle, work));
    }

    /** A missing unique index (found when SQLite prepares the statement) gets a clear error. */
    private <R> R translated(java.util.function.Supplier<R> work) {
      return SchemaVerifier.translated(table(), CATALOG,
          e -> e.getMessage() != null && e.getMessage().contains(NO_MATCHING_CONSTRAINT), work);
    }
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
