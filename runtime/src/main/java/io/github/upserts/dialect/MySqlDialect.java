package io.github.upserts.dialect;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.bind.BoundTypes;
import io.github.upserts.exec.Binder;
import io.github.upserts.exec.LastInsertIdMark;
import io.github.upserts.exec.LastInsertIdMark.Written;
import io.github.upserts.exec.Operation;
import io.github.upserts.exec.Outcomes;
import io.github.upserts.exec.Statements;
import io.github.upserts.exec.TableStatements;
import io.github.upserts.exec.TableStatements.Rendering;
import io.github.upserts.exec.Texts;
import io.github.upserts.schema.Catalog;
import io.github.upserts.schema.CatalogTable;
import io.github.upserts.schema.MySqlCatalog;
import io.github.upserts.sql.MySqlSpelling;
import io.github.upserts.sql.OnDuplicateKey;
import io.github.upserts.sql.Spelling;
import io.github.upserts.sql.UpsertPlan;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * MariaDB and MySQL: {@code INSERT ... ON DUPLICATE KEY UPDATE}. Tested on MariaDB 10.11 through
 * MariaDB Connector/J and MySQL Connector/J; MySQL's text (row alias) is unit-tested as SQL only.
 *
 * <p><b>Statement.</b> The incoming row is {@code VALUES(`c`)} on MariaDB and MySQL before 8.0.19,
 * the row alias {@code ... AS `upserts_new` ON DUPLICATE KEY UPDATE c = `upserts_new`.`c`} from
 * 8.0.19 ({@link #forServer}). Stored values are the table-qualified columns.
 *
 * <p><b>Any unique index fires, not just the key</b>: {@code ON DUPLICATE KEY UPDATE} updates the
 * row a new key collides with on another unique index. So every assignment first checks that the
 * row found has the incoming key ({@code <=>} on each key column, the column's collation applying
 * as in the key's index); a row of another key is left untouched and marked, and the write fails
 * with an {@code UnableToExecuteStatementException} whose cause reads like the database's
 * duplicate-key error ({@code SQLIntegrityConstraintViolationException}, SQLState 23000, error
 * 1062), as PostgreSQL, SQLite and H2 raise a unique violation there. That holds for every write,
 * {@code insertIfAbsent} and the increments included; a bulk call fails whole. Without a unique
 * index on the key MariaDB/MySQL would insert duplicates: the catalog is checked before the first
 * write and a {@code SchemaMismatchException} says how to fix it.
 *
 * <p><b>Inserted, updated, skipped, unchanged or collided.</b> Affected-row counts depend on the
 * {@code CLIENT_FOUND_ROWS} flag, so they are not used alone. The update clause starts by
 * assigning the first key column to itself through {@code LAST_INSERT_ID(mark)}: it runs only
 * when a row existed, and the server returns the mark as the insert id ({@code getGeneratedKeys()},
 * no extra round trip; when nothing was affected the driver reports none, and
 * {@code SELECT LAST_INSERT_ID()} reads it). The mark says whether the row has the incoming key
 * and the guard ({@code @NewerWins} and/or "some merged value is not {@code <=>} the stored one")
 * passed: 2<sup>63</sup>-1 (odd) when both did, 2<sup>63</sup>-2 (even) when the guard did not,
 * 2<sup>63</sup>-4 (even) for another key's row. Both are evaluated once, on the stored values
 * (key columns are never assigned), by that first assignment; later ones read it back as
 * {@code IF(LAST_INSERT_ID() & 1, <merged>, <stored>)}, since MariaDB and MySQL apply assignments
 * left to right (the version column is assigned last all the same). After an upsert that met an
 * existing row, {@code LAST_INSERT_ID()} on that connection returns the mark.
 *
 * <p><b>Bulk.</b> Multi-row {@code VALUES}, at most {@value #BATCH_ROWS} rows and 65,535
 * parameters per statement: {@code DO LAST_INSERT_ID(2^62)}, the upsert, whose update clause adds
 * 2·2<sup>34</sup> per collided row, 2·2<sup>17</sup> per updated one and 2 per untouched one,
 * then {@code SELECT LAST_INSERT_ID()}. When an {@code AUTO_INCREMENT} column took an id for an
 * inserted row, the server reports that id instead of the count. MariaDB adds the same count to
 * the user variable {@code @upserts_batch} as well (set with the base, read after the statement),
 * which no id replaces, so its chunks count exactly; MySQL deprecates assigning user variables in
 * expressions, so there such a chunk's outcome is inexact, every key counted as updated, and one
 * more query looks for the chunk's keys the statement left absent, which are those that collided.
 *
 * <p><b>No RETURNING.</b> {@code upsertReturning}, {@code getOrInsert} and increments write, then
 * read the row by key with {@code SELECT ... FOR UPDATE}, all or nothing (under a savepoint in
 * the caller's transaction, or in one of their own): InnoDB locked the row the write inserted or
 * found, so the read returns exactly it, and a locking read sees the latest row under
 * {@code REPEATABLE READ} too.
 *
 * <p><b>Deadlocks.</b> InnoDB can pick even a single upsert as a deadlock victim; outside a
 * transaction the dialect starts over, up to {@value #MAX_ATTEMPTS} times; inside the caller's,
 * InnoDB rolled the whole transaction back (savepoints included), so the error goes to the caller
 * as the driver raised it (error 1213, SQLSTATE 40001), the failed undo only suppressed.
 *
 * <p><b>Other differences.</b> {@code GREATEST}/{@code LEAST} return NULL on a NULL argument (a
 * {@code COALESCE} keeps the other side); {@code skipUnchanged} compares with the column's
 * collation; keys must be {@code VARCHAR(n)}, not {@code TEXT}; a {@code UUID} is bound as its
 * text ({@code CHAR(36)} or MariaDB's {@code UUID}). For instants use {@code DATETIME(6)} and
 * {@code connectionTimeZone=UTC&preserveInstants=true} (MariaDB Connector/J 3.4+) or
 * {@code connectionTimeZone=UTC} (MySQL Connector/J 8.0.23+).
 */
public final class MySqlDialect extends Dialect {
  static final int BATCH_ROWS = 5_000;
  private static final int MAX_BIND_PARAMETERS = 65_535;
  private static final String ROW_ALIAS = "upserts_new";
  private static final int ER_LOCK_DEADLOCK = 1213;
  private static final int MAX_ATTEMPTS = 5;
  private static final String LAST_INSERT_ID = "SELECT CAST(LAST_INSERT_ID() AS CHAR)";
  /**
   * MariaDB: the user variable a batch counts in besides {@code LAST_INSERT_ID()}, which the
   * server replaces by the first auto-increment id when the batch inserted one (MySQL deprecates
   * assigning user variables in expressions, so it keeps counting in the mark alone).
   */
  private static final String BATCH_COUNT = "@upserts_batch";
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  private final boolean mariaDb;
  private final int major;
  private final int minor;
  private final int patch;
  private final Catalog catalog;

  private MySqlDialect(boolean mariaDb, int major, int minor, int patch) {
    this.mariaDb = mariaDb;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.catalog = new MySqlCatalog(spelling(""));
  }

  /** The spelling whose stored values are qualified by {@code table} (empty: none). */
  private MySqlSpelling spelling(String table) {
    return new MySqlSpelling(table, usesRowAlias() ? ROW_ALIAS : null);
  }

  /** The dialect for MariaDB of any version (the SQL does not differ between them). */
  public static MySqlDialect forMariaDb() {
    return new MySqlDialect(true, 0, 0, 0);
  }

  /** The dialect for a MariaDB server of the given version, e.g. 10.11. */
  public static MySqlDialect forMariaDb(int major, int minor) {
    return new MySqlDialect(true, major, minor, 0);
  }

  /** The dialect for a MySQL server of the given version, e.g. 8.0.36: the row alias from 8.0.19. */
  public static MySqlDialect forMySql(int major, int minor, int patch) {
    return new MySqlDialect(false, major, minor, patch);
  }

  /**
   * The dialect for a server that reports {@code product} and {@code version} in its JDBC
   * metadata: MySQL Connector/J says "MySQL" with a version like {@code 5.5.5-10.11.6-MariaDB}.
   */
  public static MySqlDialect forServer(String product, String version) {
    String text = version == null ? "" : version;
    boolean mariaDb = (product != null && product.toLowerCase(Locale.ROOT).contains("mariadb"))
        || text.toLowerCase(Locale.ROOT).contains("mariadb");
    if (mariaDb && text.startsWith("5.5.5-")) {
      text = text.substring("5.5.5-".length());
    }
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("Cannot read the version of " + product + " from '" + version + "'");
    }
    return new MySqlDialect(mariaDb, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
  }

  /** Whether this is MariaDB rather than MySQL. */
  public boolean isMariaDb() {
    return mariaDb;
  }

  @Override
  public String name() {
    return mariaDb ? (major == 0 ? "MariaDB" : "MariaDB " + major + "." + minor) : "MySQL " + major + "." + minor + "." + patch;
  }

  /** MySQL 8.0.19 added the row alias and deprecated {@code VALUES(col)} in the update clause. */
  boolean usesRowAlias() {
    return !mariaDb && (major > 8 || (major == 8 && (minor > 0 || patch >= 19)));
  }

  @Override
  public Catalog catalog() {
    return catalog;
  }

  @Override
  public TableStatements render(Table entityTable, CatalogTable stored) {
    // ON DUPLICATE KEY cannot target one index: a conflictIndex is accepted only as the key columns' own
    Table table = requireKeyIndex(entityTable, stored);
    MySqlSpelling spelling = spelling(spelling("").table(table)).casting(roundingKeys(table, stored));
    OnDuplicateKey renderer = new OnDuplicateKey(spelling, mariaDb ? BATCH_COUNT : null);
    UpsertPlan upsert = UpsertPlan.upsert(table);
    String find = spelling.find(table);
    String write = renderer.write(upsert);
    // leaves an existing row as it is, but marks that it existed
    String insertOrKeep = renderer.write(UpsertPlan.insertIfAbsent(table));
    return new Rendered(new Rendering(table, new Statements(BoundTypes.forMySql(table)), Map.of(Operation.UPSERT, write,
            Operation.UPSERT_RETURNING, write, Operation.INSERT_IF_ABSENT, insertOrKeep,
            Operation.GET_OR_INSERT, insertOrKeep, Operation.FIND, find),
            Texts.perCounter(table, c -> renderer.increment(UpsertPlan.increment(table, c, keptByIncrements(table, stored, c)))),
            // a locking read: REPEATABLE READ would read the transaction's snapshot otherwise
            Texts.byRows(rows -> spelling.findMany(table, rows) + " FOR UPDATE"),
            upsert.untouchedQuery(spelling) == null ? null : upsert.untouchedQuery(spelling) + " FOR UPDATE"),
        find + " FOR UPDATE",
        Texts.perCounter(table, c -> "SELECT " + spelling.quote(c.name()) + " FROM " + spelling.table(table)
            + " WHERE " + spelling.keyCondition(table) + " FOR UPDATE"),
        Texts.byRows(rows -> renderer.batch(upsert, rows)), Texts.byRows(rows -> absent(spelling, table, rows)),
        Math.min(BATCH_ROWS, MAX_BIND_PARAMETERS / Spelling.positionalColumns(table).size()), upsert.alwaysUpdates(), mariaDb);
  }

  /**
   * The positions (from 0) of those of {@code rows} keys (positional parameters) that no row of
   * the table has, compared as {@code ON DUPLICATE KEY UPDATE} compares them: after a batch, the
   * keys that collided on another unique index.
   */
  private static String absent(MySqlSpelling spelling, Table table, int rows) {
    StringBuilder given = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      given.append(i == 0 ? "SELECT 0 AS upserts_row" : " UNION ALL SELECT " + i);
      for (Column c : table.keys()) {
        given.append(", ?").append(i == 0 ? " AS " + spelling.quote(c.name()) : "");
      }
    }
    return "SELECT g.upserts_row FROM (" + given + ") AS g WHERE NOT EXISTS (SELECT 1 FROM " + spelling.table(table)
        + " WHERE " + table.keys().stream().map(c -> spelling.stored(c) + " <=> g." + spelling.quote(c.name()))
            .collect(Collectors.joining(" AND ")) + ")";
  }

  /**
   * The statements of one table; see the class documentation.
   *
   * @param absent the query of a batch's keys left absent, by row count
   * @param unguarded whether an existing row with something to merge is always updated
   */
  private record Rendered(Rendering rendering, String lockingFind, Map<String, String> lockingReads,
      IntFunction<String> batch, IntFunction<String> absent, int batchRows, boolean unguarded, boolean countsInVariable)
      implements TableStatements {

    @Override
    public String batchSql(int rows) {
      return batch.apply(rows);
    }

    /** Runs a single-row write; a row that collided on another unique index is an error. */
    private Written write(Handle handle, String statement, Binder row) {
      try (Update update = run().update(handle, statement)) {
        row.bind(update);
        Written written = update.execute(Written::of);
        if (written.markUnreported()) {
          written = written.withMark(handle.createQuery(LAST_INSERT_ID).mapTo(String.class).one());
        }
        if (written.collided()) {
          StatementContext ctx = update.getContext();
          throw LastInsertIdMark.collision(table(), keys(c -> ctx.getBinding().findForName(c.parameter(), ctx)
              .map(Object::toString).orElse("?")), ctx);
        }
        return written;
      }
    }

    /** The key as {@code k1 = v1, k2 = v2}. */
    private String keys(Function<Column, Object> value) {
      return table().keys().stream().map(c -> c.name() + " = " + value.apply(c)).collect(Collectors.joining(", "));
    }

    @Override
    public Outcome upsert(Handle handle, Binder row) {
      Written written = retried(handle, h -> write(h, sql(Operation.UPSERT), row));
      if (!written.existed()) {
        return Outcome.INSERTED;
      }
      return written.guardPassed(unguarded) ? Outcome.UPDATED : untouched(handle, row);
    }

    @Override
    public boolean insertIfAbsent(Handle handle, Binder row) {
      return !retried(handle, h -> write(h, sql(Operation.INSERT_IF_ABSENT), row)).existed();
    }

    @Override
    public <T> Optional<T> readBack(Handle handle, Binder row, RowMapper<T> mapper) {
      return run().first(handle, lockingFind, Statements.some(row), mapper);
    }

    @Override
    public <T> T writeThenRead(Handle handle, String statement, Binder row, RowMapper<T> mapper) {
      return atomically(handle, h -> {
        write(h, statement, row);
        return run().first(h, lockingFind, Statements.some(row), mapper).orElseThrow(
            () -> Outcomes.notReadBack(table(), "just written and locked by this transaction", false));
      });
    }

    @Override
    public <N> N increment(Handle handle, Column counter, Binder keyAndDelta, Class<N> type) {
      return atomically(handle, h -> {
        write(h, incrementSql(counter), keyAndDelta);
        return run().one(h, lockingReads.get(counter.name()), Statements.some(keyAndDelta), type);
      });
    }

    /**
     * One chunk; a row that collided on another unique index is an error (the caller's batch
     * transaction or savepoint is rolled back). When an auto-increment id replaced the count, the
     * keys left absent tell the collisions.
     */
    @Override
    public BatchOutcome upsertBatch(Handle handle, List<Object[]> rows) {
      handle.execute("DO LAST_INSERT_ID(" + LastInsertIdMark.BATCH_BASE + ")"
          + (countsInVariable ? ", " + BATCH_COUNT + " := " + LastInsertIdMark.BATCH_BASE : ""));
      run().execute(handle, batch.apply(rows.size()), Statements.positional(table(), Spelling.positionalColumns(table()), rows, 0));
      BigInteger counted = new BigInteger(handle.createQuery(countsInVariable ? "SELECT CAST(" + BATCH_COUNT + " AS CHAR)"
          : LAST_INSERT_ID).mapTo(String.class).one());
      boolean collided = LastInsertIdMark.collided(counted);
      BatchOutcome outcome = collided ? null : LastInsertIdMark.batch(table(), rows.size(), counted);
      if (collided || !outcome.exact()) {
        List<Integer> absentRows;
        try (Query query = run().query(handle, absent.apply(rows.size()))) {
          Statements.positional(table(), table().keys(), rows, 0).bind(query);
          absentRows = query.mapTo(Integer.class).list();
        }
        if (collided || !absentRows.isEmpty()) {
          List<Column> columns = table().columns();
          String first = absentRows.isEmpty() ? "a key of this batch"
              : keys(c -> rows.get(absentRows.get(0))[columns.indexOf(c)]);
          throw LastInsertIdMark.collision(table(), absentRows.size() > 1
              ? first + " (and " + (absentRows.size() - 1) + " more in this batch)" : first, null);
        }
      }
      return outcome;
    }

    /** All or nothing ({@link Outcomes#atomically}), started over after a deadlock outside the caller's transaction. */
    private static <R> R atomically(Handle handle, Function<Handle, R> work) {
      return retried(handle, h -> Outcomes.atomically(h, work::apply));
    }

    /** Outside the caller's transaction, starts over when InnoDB chose it as a deadlock victim. */
    private static <R> R retried(Handle handle, Function<Handle, R> work) {
      if (handle.isInTransaction()) {
        return work.apply(handle);
      }
      return Outcomes.retried(MAX_ATTEMPTS, e -> e.getCause() instanceof SQLException cause
          && (cause.getErrorCode() == ER_LOCK_DEADLOCK || "40001".equals(cause.getSQLState())), () -> work.apply(handle));
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MySqlDialect that && that.mariaDb == mariaDb && that.major == major
        && that.minor == minor && that.patch == patch;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mariaDb, major, minor, patch);
  }
}
