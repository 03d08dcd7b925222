package io.github.upserts.dialect;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * MariaDB and MySQL: {@code INSERT ... ON DUPLICATE KEY UPDATE}. Tested on MariaDB 10.11
 * through MariaDB Connector/J and MySQL Connector/J; the MySQL text (row alias) is unit-tested
 * only, as rendered SQL, for want of a MySQL server in the tests.
 *
 * <h2>Statement</h2>
 *
 * The incoming row is {@code VALUES(`c`)} on MariaDB and on MySQL before 8.0.19, and the row
 * alias {@code INSERT ... VALUES (...) AS `upserts_new` ON DUPLICATE KEY UPDATE c =
 * `upserts_new`.`c`} on MySQL 8.0.19 and later (where {@code VALUES()} is deprecated), picked
 * from the server version at run time ({@link #forServer}). Stored values are referred to by
 * the table-qualified column. Identifiers are quoted with backticks; values are always bound.
 *
 * <h2>Any unique index fires, not just the key</h2>
 *
 * Unlike PostgreSQL's {@code ON CONFLICT (keys)}, {@code ON DUPLICATE KEY UPDATE} fires on a
 * duplicate in <em>any</em> unique index of the table, primary key included. With a second
 * unique index, say on {@code email}, an incoming row whose email belongs to another key
 * silently updates that other row instead of failing. So {@link #verifySchema} reports every
 * unique index other than the key as a mismatch (with {@code DROP INDEX} as the fix), except
 * those that cannot collide on their own: an index over all the key columns plus others (it
 * collides only where the key does, on the same row), and a single {@code AUTO_INCREMENT}
 * column the entity does not map (its values are generated). Call {@code verifySchema} at
 * start-up. Without a unique index on the key MariaDB/MySQL would silently insert duplicates:
 * so before the first write to a table (once per table and database for each dialect
 * instance: an index dropped later goes unnoticed) the dialect checks that a unique index
 * covers exactly the key columns, and throws {@link SchemaMismatchException} with the DDL that
 * fixes it when none does.
 *
 * <h2>Inserted, updated, skipped or unchanged</h2>
 *
 * The affected-row count alone cannot tell: it is 1 for an inserted row and 2 for an updated
 * one, but for an existing row left as it was it is 0 — or 1, like an insert, when the
 * connection has the {@code CLIENT_FOUND_ROWS} flag, which MariaDB Connector/J and MySQL
 * Connector/J both set by default ({@code useAffectedRows=false}). So the dialect does not
 * depend on that flag. The update clause starts with an assignment of the first key column to
 * itself whose value calls {@code LAST_INSERT_ID(mark)}: it runs only when the key existed, and
 * the server returns the mark as the statement's insert id, read through
 * {@code getGeneratedKeys()} (no extra round trip); an inserted row returns 0, or the generated
 * value of an {@code AUTO_INCREMENT} column. The mark says whether the update's guard passed:
 * 2<sup>63</sup>-1 (odd) when it did, 2<sup>63</sup>-2 (even) when not. The guard is the
 * {@code @NewerWins} check and/or, with {@code skipUnchanged}, "some merged value is not
 * {@code <=>} the stored one". It is evaluated once, on the stored values, by that first
 * assignment; every later assignment reads it back as
 * {@code IF(LAST_INSERT_ID() & 1, <merged>, <stored>)}. MariaDB and MySQL apply assignments
 * left to right, later ones seeing the values earlier ones wrote, so a guard re-evaluated per
 * assignment would test values already overwritten; the version column is assigned last all
 * the same. Outcome: {@code INSERTED} when no mark came back and one row was affected;
 * {@code UPDATED} when the guard passed, or the table has none (like on PostgreSQL, an existing
 * row is then {@code UPDATED} even when its values did not change); else {@code SKIPPED} with a
 * {@code @NewerWins} column, {@code UNCHANGED} without. MySQL Connector/J returns no generated
 * key when 0 rows were affected, but 0 already means "existed, nothing changed". Side effect:
 * after an upsert that met an existing row, {@code LAST_INSERT_ID()} on that connection returns
 * the mark.
 *
 * <h2>Bulk</h2>
 *
 * Multi-row {@code VALUES} with positional parameters, at most {@value #BATCH_ROWS} rows and
 * 65,535 parameters (the protocol's limit) per statement. Each chunk runs
 * {@code DO LAST_INSERT_ID(2^62)}, the upsert, whose update clause adds 2·2<sup>17</sup> to
 * {@code LAST_INSERT_ID()} per updated row and 2 per skipped or unchanged row (the guard again
 * in the lowest bit), then {@code SELECT LAST_INSERT_ID()}: exact counts, whatever
 * {@code CLIENT_FOUND_ROWS} says. Exception: when the table has an {@code AUTO_INCREMENT} column
 * and the chunk inserted a row, the server reports the generated id instead; that chunk's
 * outcome is then {@link BatchOutcome#exact() inexact}, every key counted as updated.
 * Statements are sent as text with the values inlined by the driver (neither driver prepares on
 * the server by default), so {@code max_allowed_packet} must hold a chunk.
 *
 * <h2>No RETURNING</h2>
 *
 * {@code upsertReturning}, {@code getOrInsert} and {@code increment} write with one statement,
 * then read the row by key with {@code SELECT ... FOR UPDATE}, in the same transaction: the
 * caller's, or one of their own when the handle is not in one. The write left the row locked
 * by this transaction until commit (InnoDB locks the row it inserts and the duplicate it
 * finds), so the read returns exactly the row as written, even under concurrency; being a
 * locking read it also sees the latest committed row under {@code REPEATABLE READ}, where a
 * plain {@code SELECT} would read the transaction's older snapshot. {@code getOrInsert} never
 * writes to an existing row: its update clause only assigns the key to itself.
 *
 * <h2>Deadlocks</h2>
 *
 * InnoDB can pick even a single upsert as a deadlock victim (e.g. with a unique secondary key).
 * Outside a transaction the dialect then starts the statement (or its own transaction) over, up
 * to {@value #MAX_ATTEMPTS} times. Inside the caller's transaction the error goes to the caller:
 * InnoDB has rolled back that whole transaction, so only the caller can retry it.
 *
 * <h2>Other differences from PostgreSQL</h2>
 *
 * <ul>
 *   <li>{@code GREATEST}/{@code LEAST} return NULL on a NULL argument: {@code @Max}/{@code @Min}
 *       render {@code COALESCE(GREATEST(stored, new), stored, new)}, so a null on either side
 *       keeps the other.
 *   <li>Equality is the column's collation's: with {@code skipUnchanged}, {@code 'Dark'} and
 *       {@code 'dark'} in a case-insensitive column are unchanged (and nothing is written).
 *   <li>Keys must be {@code VARCHAR(n)} (or another type a plain unique index accepts), not
 *       {@code TEXT}.
 *   <li>Time: JDBI binds an {@code Instant} as a {@code java.sql.Timestamp}, which both drivers
 *       send as the JVM's local wall time by default: it round-trips, except in the hour a
 *       daylight-saving change repeats, and other clients see local times. Use
 *       {@code DATETIME(6)} columns and {@code connectionTimeZone=UTC&preserveInstants=true}
 *       (MariaDB Connector/J 3.4+) or {@code connectionTimeZone=UTC} (MySQL Connector/J
 *       8.0.23+): instants are then stored as UTC and round-trip exactly in any JVM zone.
 *       (MySQL Connector/J drops fractional seconds when talking to MariaDB, whose version it
 *       reads as 5.5.)
 * </ul>
 */
public final class MySqlDialect extends Dialect {
  /** The mark of an existing row whose update guard passed (odd: the guard bit is set). */
  static final long UPDATED_MARK = Long.MAX_VALUE;
  /** The mark of an existing row whose update guard failed (even). */
  static final long UNTOUCHED_MARK = Long.MAX_VALUE - 1;
  /** What {@code LAST_INSERT_ID()} is set to before a batch; its counts are added on top. */
  static final long BATCH_BASE = 1L << 62;
  /** The weight of an updated row in a batch's count, above any number of untouched rows. */
  static final long BATCH_UPDATED = 1L << 17;
  /** Rows per batch statement at most. */
  static final int BATCH_ROWS = 5_000;
  /** Placeholders per prepared statement: the protocol counts them in 16 bits. */
  private static final int MAX_BIND_PARAMETERS = 65_535;
  private static final String ROW_ALIAS = "upserts_new";
  /** The server error of a deadlock victim. */
  private static final int ER_LOCK_DEADLOCK = 1213;
  /** How often a write that lost a deadlock starts over. */
  private static final int MAX_ATTEMPTS = 5;
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  private final boolean mariaDb;
  private final int major;
  private final int minor;
  private final int patch;
  /** Tables (with their database) whose key is known to have a unique index. */
  private final Set<List<Object>> keysVerified = ConcurrentHashMap.newKeySet();
  /** The locking reads of each rendered table, rendered on first use. */
  private final Map<RenderedSql, ReadBack> readBacks = new ConcurrentHashMap<>();

  private MySqlDialect(boolean mariaDb, int major, int minor, int patch) {
    this.mariaDb = mariaDb;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
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
   * metadata. MariaDB is recognized by either: its own driver says "MariaDB", while MySQL
   * Connector/J says "MySQL" with a version like {@code 5.5.5-10.11.6-MariaDB}.
   */
  public static MySqlDialect forServer(String product, String version) {
    String text = version == null ? "" : version;
    boolean mariaDb = (product != null && product.toLowerCase(Locale.ROOT).contains("mariadb"))
        || text.toLowerCase(Locale.ROOT).contains("mariadb");
    if (mariaDb && text.startsWith("5.5.5-")) {
      // MariaDB 10 and 11 prefix their version for old MySQL clients
      text = text.substring("5.5.5-".length());
    }
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("Cannot read the version of " + product + " from '" + version + "'");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new MySqlDialect(mariaDb, major, minor, patch);
  }

  /** Whether this is MariaDB rather than MySQL. */
  public boolean isMariaDb() {
    return mariaDb;
  }

  @Override
  public String name() {
    if (mariaDb) {
      return major == 0 ? "MariaDB" : "MariaDB " + major + "." + minor;
    }
    return "MySQL " + major + "." + minor + "." + patch;
  }

  /** MySQL 8.0.19 added the row alias and deprecated {@code VALUES(col)} in the update clause. */
  boolean usesRowAlias() {
    return !mariaDb && (major > 8 || (major == 8 && (minor > 0 || patch >= 19)));
  }

  // ---------------------------------------------------------------- rendering

  /** Quotes an identifier with backticks, doubling embedded ones. */
  static String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  private static String qualifiedName(Table table) {
    return table.schema().isEmpty()
        ? quote(table.name())
        : quote(table.schema()) + "." + quote(table.name());
  }

  private static String joined(List<Column> columns, Function<Column, String> each) {
    return columns.stream().map(each).collect(Collectors.joining(", "));
  }

  private static String names(List<Column> columns) {
    return joined(columns, c -> quote(c.name()));
  }

  /** The stored value, qualified by the table (unambiguous beside the row alias). */
  private static String stored(Table table, Column column) {
    return qualifiedName(table) + "." + quote(column.name());
  }

  /** The incoming value. */
  private String incoming(Column column) {
    return usesRowAlias()
        ? quote(ROW_ALIAS) + "." + quote(column.name())
        : "VALUES(" + quote(column.name()) + ")";
  }

  /** {@code INSERT INTO t (columns) VALUES <rows> [AS alias]}. */
  private String insertInto(Table table, List<Column> columns, String rows) {
    return "INSERT INTO " + qualifiedName(table) + " (" + names(columns) + ") VALUES " + rows
        + (usesRowAlias() ? " AS " + quote(ROW_ALIAS) : "");
  }

  private static String namedRow(List<Column> columns) {
    return "(" + joined(columns, c -> ":" + c.parameter()) + ")";
  }

  /** The value an update gives {@code column}: the incoming one merged by the column's policy. */
  private String merged(Table table, Column column) {
    String stored = stored(table, column);
    String incoming = incoming(column);
    return switch (column.policy()) {
      case OVERWRITE, NEWER_WINS -> incoming;
      case INCREMENT -> "COALESCE(" + stored + ", 0) + COALESCE(" + incoming + ", 0)";
      case COALESCE -> "COALESCE(" + incoming + ", " + stored + ")";
      // GREATEST and LEAST return NULL when an argument is NULL: then keep the other one
      case MAX -> "COALESCE(GREATEST(" + stored + ", " + incoming + "), " + stored + ", " + incoming + ")";
      case MIN -> "COALESCE(LEAST(" + stored + ", " + incoming + "), " + stored + ", " + incoming + ")";
      case INSERT_ONLY -> throw new IllegalArgumentException(
          "Column " + column.name() + " is insert-only and never merged");
    };
  }

  /**
   * The condition under which an existing row is updated, on the stored values, or null when
   * every existing row is (no {@code @NewerWins}, no {@code skipUnchanged}).
   */
  private String guard(Table table) {
    List<String> conditions = new ArrayList<>();
    table.version().ifPresent(v -> conditions.add(incoming(v) + " IS NOT NULL AND ("
        + stored(table, v) + " IS NULL OR " + incoming(v) + " > " + stored(table, v) + ")"));
    if (table.skipUnchanged() && !table.merged().isEmpty()) {
      conditions.add("NOT (" + table.merged().stream()
          .map(c -> stored(table, c) + " <=> " + merged(table, c))
          .collect(Collectors.joining(" AND ")) + ")");
    }
    if (conditions.isEmpty()) {
      return null;
    }
    return conditions.size() == 1
        ? conditions.get(0)
        : conditions.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND "));
  }

  /** The merged columns in assignment order: declaration order, the version column last. */
  private static List<Column> assignmentOrder(Table table) {
    List<Column> ordered = new ArrayList<>();
    table.merged().stream().filter(c -> c.policy() != MergePolicy.NEWER_WINS).forEach(ordered::add);
    table.version().ifPresent(ordered::add);
    return ordered;
  }

  /**
   * {@code ON DUPLICATE KEY UPDATE}: first the key assigned to itself while
   * {@code LAST_INSERT_ID(mark)} records that the row existed (and whether the guard passed),
   * then each merged column.
   */
  private String onDuplicateKey(Table table, boolean batch) {
    String guard = guard(table);
    boolean nothingToMerge = table.merged().isEmpty();
    String mark;
    if (batch) {
      mark = guard != null
          ? "LAST_INSERT_ID() - (LAST_INSERT_ID() & 1) + IF(" + guard + ", "
              + (2 * BATCH_UPDATED + 1) + ", 2)"
          : "LAST_INSERT_ID() + " + (nothingToMerge ? 2 : 2 * BATCH_UPDATED);
    } else {
      mark = guard != null
          ? "IF(" + guard + ", " + UPDATED_MARK + ", " + UNTOUCHED_MARK + ")"
          : String.valueOf(nothingToMerge ? UNTOUCHED_MARK : UPDATED_MARK);
    }
    Column key = table.keys().get(0);
    String self = stored(table, key);
    List<String> assignments = new ArrayList<>();
    assignments.add(quote(key.name()) + " = IF(LAST_INSERT_ID(" + mark + "), " + self + ", " + self + ")");
    for (Column column : assignmentOrder(table)) {
      String value = merged(table, column);
      assignments.add(quote(column.name()) + " = "
          + (guard == null
              ? value
              : "IF(LAST_INSERT_ID() & 1, " + value + ", " + stored(table, column) + ")"));
    }
    return " ON DUPLICATE KEY UPDATE " + String.join(", ", assignments);
  }

  /** The insert that leaves an existing row as it is (but marks that it existed). */
  private String insertOrKeep(Table table) {
    Column key = table.keys().get(0);
    String self = stored(table, key);
    return insertInto(table, table.columns(), namedRow(table.columns()))
        + " ON DUPLICATE KEY UPDATE " + quote(key.name()) + " = IF(LAST_INSERT_ID("
        + UNTOUCHED_MARK + "), " + self + ", " + self + ")";
  }

  private static String keyCondition(Table table) {
    return table.keys().stream()
        .map(c -> quote(c.name()) + " = :" + c.parameter())
        .collect(Collectors.joining(" AND "));
  }

  @Override
  public RenderedSql render(Table table) {
    String write = insertInto(table, table.columns(), namedRow(table.columns()))
        + onDuplicateKey(table, false);
    String keep = insertOrKeep(table);
    String find = "SELECT " + names(table.columns()) + " FROM " + qualifiedName(table)
        + " WHERE " + keyCondition(table);
    Map<String, String> increments = new LinkedHashMap<>();
    for (Column column : table.values()) {
      if (column.policy() == MergePolicy.INCREMENT) {
        List<Column> keysAndCounter = new ArrayList<>(table.keys());
        keysAndCounter.add(column);
        increments.put(column.name(),
            insertInto(table, keysAndCounter, namedRow(keysAndCounter))
                + " ON DUPLICATE KEY UPDATE " + quote(column.name()) + " = COALESCE("
                + stored(table, column) + ", 0) + " + incoming(column));
      }
    }
    return new RenderedSql(
        table,
        write,
        // no RETURNING: the same write, then the locking read of readBack()
        write,
        keep,
        // the insert that keeps an existing row, then the locking read
        keep,
        find,
        increments,
        null,
        rows -> batch(table, rows));
  }

  /** The upsert of {@code rows} rows as positional parameters, counting its outcomes. */
  private String batch(Table table, int rows) {
    String row = "(" + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")";
    return insertInto(table, table.columns(), String.join(", ", Collections.nCopies(rows, row)))
        + onDuplicateKey(table, true);
  }

  /** The locking reads that stand in for {@code RETURNING}. */
  private record ReadBack(String row, Map<String, String> columns) {}

  private ReadBack readBack(RenderedSql sql) {
    return readBacks.computeIfAbsent(sql, s -> {
      Table table = s.table();
      Map<String, String> columns = new LinkedHashMap<>();
      for (String name : s.increments().keySet()) {
        columns.put(name, "SELECT " + quote(name) + " FROM " + qualifiedName(table) + " WHERE "
            + keyCondition(table) + " FOR UPDATE");
      }
      return new ReadBack(s.find() + " FOR UPDATE", columns);
    });
  }

  // ---------------------------------------------------------------- execution

  /** What one single-row write reported: the affected-row count and the insert id, if any. */
  private record Written(int count, Long insertId) {
    /** Whether the key existed: the mark came back, or nothing was affected (no mark is sent then). */
    boolean existed() {
      return isMark(insertId) || count == 0 || count == 2;
    }

    boolean guardPassed(boolean unguarded) {
      if (insertId != null && insertId == UPDATED_MARK) {
        return true;
      }
      if (insertId != null && insertId == UNTOUCHED_MARK) {
        return false;
      }
      return count == 2 || (count == 0 && unguarded);
    }

    private static boolean isMark(Long id) {
      return id != null && (id == UPDATED_MARK || id == UNTOUCHED_MARK);
    }
  }

  /**
   * Binds a {@code UUID} as its 36-character text, which a {@code CHAR(36)} column (the type
   * this dialect suggests) and MariaDB's {@code UUID} type both take: JDBI would hand the driver
   * the {@code UUID} object, which MySQL Connector/J writes as a serialized Java object. A null
   * binds as a null {@code CHAR}.
   */
  private static final ArgumentFactory UUID_AS_TEXT = new AbstractArgumentFactory<UUID>(Types.CHAR) {
    @Override
    protected Argument build(UUID value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setString(position, value.toString());
    }
  };

  /** Every statement of this dialect binds a {@code UUID} as text ({@link #UUID_AS_TEXT}). */
  @Override
  protected Query query(Handle handle, String sql) {
    return handle.createQuery(sql).registerArgument(UUID_AS_TEXT);
  }

  @Override
  protected Update update(Handle handle, String sql) {
    return handle.createUpdate(sql).registerArgument(UUID_AS_TEXT);
  }

  private Written write(Handle handle, String statement, Binder row) {
    try (Update update = update(handle, statement)) {
      row.bind(update);
      return update.execute(MySqlDialect::countAndInsertId);
    }
  }

  /** Runs the statement asking for generated keys, and reads the count and the insert id. */
  private static Written countAndInsertId(
      java.util.function.Supplier<PreparedStatement> statement, StatementContext ctx)
      throws SQLException {
    ctx.setReturningGeneratedKeys(true);
    PreparedStatement executed = statement.get();
    int count = executed.getUpdateCount();
    Long insertId = null;
    try (ResultSet keys = executed.getGeneratedKeys()) {
      if (keys != null && keys.next()) {
        // read as text: an id above Long.MAX_VALUE (unsigned) must not throw
        String text = keys.getString(1);
        insertId = text == null ? null : parseId(text);
      }
    }
    return new Written(count, insertId);
  }

  private static Long parseId(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public Outcome upsert(Handle handle, RenderedSql sql, Binder row) {
    Table table = sql.table();
    requireKeyIndex(handle, table);
    Written written = retried(handle, h -> write(h, sql.upsert(), row));
    if (!written.existed()) {
      return Outcome.INSERTED;
    }
    // without a guard an existing row with something to merge is always updated
    boolean unguarded = !table.merged().isEmpty()
        && table.version().isEmpty() && !table.skipUnchanged();
    if (written.guardPassed(unguarded)) {
      return Outcome.UPDATED;
    }
    return table.version().isPresent() ? Outcome.SKIPPED : Outcome.UNCHANGED;
  }

  @Override
  public <T> T upsertReturning(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper) {
    requireKeyIndex(handle, sql.table());
    String read = readBack(sql).row();
    return atomically(handle, h -> {
      write(h, sql.upsertReturning(), row);
      return readRow(h, sql, read, row, mapper);
    });
  }

  @Override
  public boolean insertIfAbsent(Handle handle, RenderedSql sql, Binder row) {
    requireKeyIndex(handle, sql.table());
    return !retried(handle, h -> write(h, sql.insertIfAbsent(), row)).existed();
  }

  @Override
  public <T> T getOrInsert(Handle handle, RenderedSql sql, Binder row, RowMapper<T> mapper) {
    requireKeyIndex(handle, sql.table());
    String read = readBack(sql).row();
    return atomically(handle, h -> {
      write(h, sql.getOrInsert(), row);
      return readRow(h, sql, read, row, mapper);
    });
  }

  private <T> T readRow(
      Handle handle, RenderedSql sql, String read, Binder row, RowMapper<T> mapper) {
    try (Query query = query(handle, read)) {
      // the row binder binds every column; the key lookup uses the key columns only
      query.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      row.bind(query);
      return query.map(mapper).findOne().orElseThrow(() -> new IllegalStateException(
          "The " + sql.table().entity() + " row just written to " + sql.table().displayName()
              + " is not there when read by its key. Is the @Key a unique index, and the column"
              + " types such that the key reads back as written (e.g. no trailing spaces, no"
              + " truncation)?"));
    }
  }

  @Override
  public <N> N increment(
      Handle handle, RenderedSql sql, Column column, Binder keyAndDelta, Class<N> type) {
    requireKeyIndex(handle, sql.table());
    String write = sql.increment(column);
    String read = readBack(sql).columns().get(column.name());
    return atomically(handle, h -> {
      try (Update update = update(h, write)) {
        keyAndDelta.bind(update);
        update.execute();
      }
      try (Query query = query(h, read)) {
        query.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        keyAndDelta.bind(query);
        return SpecialTypes.one(query, type);
      }
    });
  }

  /**
   * Runs the statements of {@code work} in one transaction: the handle's, or else one of their
   * own, started over when InnoDB chose it as a deadlock victim.
   */
  private static <R> R atomically(Handle handle, Function<Handle, R> work) {
    return retried(handle, h -> h.isInTransaction() ? work.apply(h) : h.inTransaction(work::apply));
  }

  /**
   * Runs {@code work} once inside the caller's transaction; outside one (one statement in
   * auto-commit, or a transaction {@code work} opens itself) it starts over when InnoDB chose
   * it as a deadlock victim, which can happen even to a single upsert (e.g. with a unique
   * secondary key). InnoDB rolls back the whole transaction of a victim, so inside the
   * caller's transaction the error goes to the caller, whose transaction it was.
   */
  private static <R> R retried(Handle handle, Function<Handle, R> work) {
    if (handle.isInTransaction()) {
      return work.apply(handle);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return work.apply(handle);
      } catch (UnableToExecuteStatementException e) {
        if (attempt == MAX_ATTEMPTS || !isDeadlock(e)) {
          throw e;
        }
      }
    }
  }

  /** MariaDB's and MySQL's ER_LOCK_DEADLOCK, SQLSTATE 40001. */
  private static boolean isDeadlock(UnableToExecuteStatementException e) {
    return e.getCause() instanceof SQLException cause
        && (cause.getErrorCode() == ER_LOCK_DEADLOCK || "40001".equals(cause.getSQLState()));
  }

  @Override
  public int batchRows(RenderedSql sql) {
    return Math.min(BATCH_ROWS, MAX_BIND_PARAMETERS / sql.table().columns().size());
  }

  @Override
  public BatchOutcome upsertBatch(Handle handle, RenderedSql sql, List<Object[]> rows) {
    Table table = sql.table();
    requireKeyIndex(handle, table);
    List<Column> columns = table.columns();
    handle.execute("DO LAST_INSERT_ID(" + BATCH_BASE + ")");
    try (Update update = update(handle, sql.batchUpsert(rows.size()))) {
      int position = 0;
      for (Object[] row : rows) {
        for (int c = 0; c < columns.size(); c++) {
          columns.get(c).bind(update, position++, row[c]);
        }
      }
      update.execute();
    }
    String counted = handle.createQuery("SELECT CAST(LAST_INSERT_ID() AS CHAR)")
        .mapTo(String.class).one();
    return batchOutcome(table, rows.size(), new BigInteger(counted));
  }

  /** Decodes what a batch added to {@link #BATCH_BASE}; inexact when an auto-increment id replaced it. */
  static BatchOutcome batchOutcome(Table table, long rows, BigInteger lastInsertId) {
    BigInteger counted = lastInsertId.subtract(BigInteger.valueOf(BATCH_BASE));
    if (counted.signum() < 0 || counted.bitLength() > 62) {
      // an AUTO_INCREMENT column took an id for an inserted row; that id is all the server reports
      return new BatchOutcome(rows, 0, 0, rows, 0, 0, false);
    }
    long units = counted.longValue() >> 1;
    long updated = units / BATCH_UPDATED;
    long untouched = units % BATCH_UPDATED;
    if (updated + untouched > rows) {
      return new BatchOutcome(rows, 0, 0, rows, 0, 0, false);
    }
    boolean versioned = table.version().isPresent();
    return new BatchOutcome(rows, 0, rows - updated - untouched, updated,
        versioned ? untouched : 0, versioned ? 0 : untouched, true);
  }

  // ---------------------------------------------------------------- schema

  /** One column of a unique index. */
  private record IndexColumn(String index, String column, boolean prefix) {}

  private static String database(Handle handle, Table table) {
    if (!table.schema().isEmpty()) {
      return table.schema();
    }
    try {
      String catalog = handle.getConnection().getCatalog();
      return catalog == null ? "" : catalog;
    } catch (SQLException e) {
      return "";
    }
  }

  private static <S extends SqlStatement<S>> S bindTable(S statement, Table table) {
    return statement
        .bind("schema", table.schema().isEmpty() ? null : table.schema())
        .bind("table", table.name());
  }

  private static boolean tableExists(Handle handle, Table table) {
    return bindTable(handle.createQuery("SELECT COUNT(*) FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = COALESCE(:schema, DATABASE()) AND TABLE_NAME = :table"), table)
        .mapTo(Integer.class).one() > 0;
  }

  /** The unique indexes of the table, by name, each with its columns in index order. */
  private static Map<String, List<IndexColumn>> uniqueIndexes(Handle handle, Table table) {
    List<IndexColumn> rows = bindTable(handle.createQuery(
            "SELECT INDEX_NAME, COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = COALESCE(:schema, DATABASE()) AND TABLE_NAME = :table"
                + " AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX"), table)
        .map((rs, ctx) -> new IndexColumn(rs.getString(1),
            // a functional key part (MySQL 8.0.13+) has no column name
            rs.getString(2) == null ? "(expression)" : rs.getString(2),
            rs.getObject(3) != null))
        .list();
    Map<String, List<IndexColumn>> indexes = new LinkedHashMap<>();
    rows.forEach(r -> indexes.computeIfAbsent(r.index(), i -> new ArrayList<>()).add(r));
    return indexes;
  }

  private static Set<String> lowerCase(Iterable<String> names) {
    Set<String> lower = new HashSet<>();
    names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
    return lower;
  }

  private static Set<String> keyNames(Table table) {
    return lowerCase(table.keys().stream().map(Column::name).toList());
  }

  /** Whether the index is on exactly the key columns, whole (no prefix lengths). */
  private static boolean isKeyIndex(List<IndexColumn> index, Set<String> keys) {
    return index.stream().noneMatch(IndexColumn::prefix)
        && index.size() == keys.size()
        && lowerCase(index.stream().map(IndexColumn::column).toList()).equals(keys);
  }

  private static String keyList(Table table) {
    return table.keys().stream().map(Column::name).collect(Collectors.joining(", "));
  }

  private static String addUnique(Table table) {
    return "ALTER TABLE " + qualifiedName(table) + " ADD UNIQUE (" + names(table.keys()) + ")";
  }

  /**
   * Fails before the first write to a table whose key has no unique index: MariaDB/MySQL would
   * insert a duplicate row instead of updating. Checked once per table and database.
   */
  private void requireKeyIndex(Handle handle, Table table) {
    List<Object> checked = List.of(table, database(handle, table));
    if (keysVerified.contains(checked)) {
      return;
    }
    Set<String> keys = keyNames(table);
    boolean indexed = uniqueIndexes(handle, table).values().stream().anyMatch(i -> isKeyIndex(i, keys));
    if (!indexed) {
      if (!tableExists(handle, table)) {
        return; // the statement itself fails with the server's "table doesn't exist"
      }
      throw new SchemaMismatchException("Table " + table.displayName()
          + " has no unique index on exactly (" + keyList(table)
          + "), the @Key columns of " + table.entity() + ", so " + name() + " would insert a"
          + " duplicate row instead of updating the existing one. Fix: " + addUnique(table)
          + "; or mark exactly the columns of an existing unique index with @Key.", null);
    }
    keysVerified.add(checked);
  }

  @Override
  public void verifySchema(Handle handle, Table table) {
    String qualified = qualifiedName(table);
    if (!tableExists(handle, table)) {
      String columns = table.columns().stream()
          .map(c -> quote(c.name()) + " " + sqlType(c) + (c.key() ? " NOT NULL" : ""))
          .collect(Collectors.joining(", "));
      throw new SchemaMismatchException(table.entity(), table.displayName(),
          List.of("the table does not exist (in " + (table.schema().isEmpty()
              ? "the connection's database" : "database " + table.schema()) + ")"),
          List.of("CREATE TABLE " + qualified + " (" + columns + ", PRIMARY KEY ("
              + names(table.keys()) + "))"));
    }
    List<String> mismatches = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    Map<String, Boolean> present = new LinkedHashMap<>(); // lower-case name -> auto_increment
    bindTable(handle.createQuery("SELECT COLUMN_NAME, EXTRA FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = COALESCE(:schema, DATABASE()) AND TABLE_NAME = :table"), table)
        .map((rs, ctx) -> Map.entry(rs.getString(1).toLowerCase(Locale.ROOT),
            Objects.toString(rs.getString(2), "").toLowerCase(Locale.ROOT).contains("auto_increment")))
        .forEach(e -> present.put(e.getKey(), e.getValue()));
    for (Column column : table.columns()) {
      if (!present.containsKey(column.name().toLowerCase(Locale.ROOT))) {
        mismatches.add("column " + column.name() + " (of " + column.property() + ") is missing");
        fixes.add("ALTER TABLE " + qualified + " ADD COLUMN " + quote(column.name()) + " "
            + sqlType(column));
      }
    }
    Set<String> keys = keyNames(table);
    Set<String> mapped = lowerCase(table.columns().stream().map(Column::name).toList());
    Map<String, List<IndexColumn>> unique = uniqueIndexes(handle, table);
    if (unique.values().stream().noneMatch(i -> isKeyIndex(i, keys))) {
      mismatches.add("no unique index covers exactly the @Key columns (" + keyList(table) + ")"
          + (unique.isEmpty() ? "" : "; the unique ones cover " + describe(unique)));
      fixes.add(addUnique(table));
    }
    for (Map.Entry<String, List<IndexColumn>> index : unique.entrySet()) {
      List<IndexColumn> parts = index.getValue();
      if (isKeyIndex(parts, keys)) {
        continue;
      }
      Set<String> wholeColumns =
          lowerCase(parts.stream().filter(p -> !p.prefix()).map(IndexColumn::column).toList());
      boolean onlyWithTheKey = wholeColumns.containsAll(keys);
      String only = parts.get(0).column().toLowerCase(Locale.ROOT);
      boolean generatedId = parts.size() == 1 && !parts.get(0).prefix()
          && Boolean.TRUE.equals(present.get(only)) && !mapped.contains(only);
      if (onlyWithTheKey || generatedId) {
        continue;
      }
      boolean primary = index.getKey().equals("PRIMARY");
      mismatches.add((primary ? "the primary key" : "unique index " + index.getKey()) + " on ("
          + parts.stream().map(p -> p.column() + (p.prefix() ? "(prefix)" : ""))
              .collect(Collectors.joining(", "))
          + ") is not the @Key: ON DUPLICATE KEY UPDATE fires on every unique index, so a row"
          + " that collides only there would silently update the row it collides with (another"
          + " key) instead of failing; drop it, or make the @Key those columns");
      fixes.add("ALTER TABLE " + qualified
          + (primary ? " DROP PRIMARY KEY" : " DROP INDEX " + quote(index.getKey())));
    }
    if (!mismatches.isEmpty()) {
      throw new SchemaMismatchException(table.entity(), table.displayName(), mismatches, fixes);
    }
  }

  private static String describe(Map<String, List<IndexColumn>> indexes) {
    return indexes.entrySet().stream()
        .map(e -> e.getKey() + " (" + e.getValue().stream().map(IndexColumn::column)
            .collect(Collectors.joining(", ")) + ")")
        .collect(Collectors.joining(", "));
  }

  /** A column type to suggest in DDL, from the property's Java type. */
  private static String sqlType(Column column) {
    Class<?> type = column.rawType();
    if (type == String.class || type.isEnum()) {
      // a TEXT column cannot be in a plain unique index
      return column.key() || type.isEnum() ? "VARCHAR(255)" : "TEXT";
    }
    if (type == long.class || type == Long.class) {
      return "BIGINT";
    } else if (type == int.class || type == Integer.class) {
      return "INT";
    } else if (type == short.class || type == Short.class) {
      return "SMALLINT";
    } else if (type == byte.class || type == Byte.class) {
      return "TINYINT";
    } else if (type == double.class || type == Double.class) {
      return "DOUBLE";
    } else if (type == float.class || type == Float.class) {
      return "FLOAT";
    } else if (type == boolean.class || type == Boolean.class) {
      return "BOOLEAN";
    } else if (type == BigDecimal.class) {
      return "DECIMAL(38, 10) /* choose the precision and scale */";
    } else if (type == BigInteger.class) {
      return "DECIMAL(65, 0)";
    } else if (type == UUID.class) {
      return "CHAR(36)";
    } else if (type == LocalDate.class) {
      return "DATE";
    } else if (type == LocalDateTime.class || type == Instant.class || type == OffsetDateTime.class
        || type == ZonedDateTime.class || type == java.util.Date.class || type == java.sql.Timestamp.class) {
      return "DATETIME(6)";
    } else if (type == LocalTime.class) {
      return "TIME(6)";
    } else if (type == byte[].class) {
      return column.key() ? "VARBINARY(255)" : "BLOB";
    }
    return "TEXT /* choose the type for " + column.type().getTypeName() + " */";
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
