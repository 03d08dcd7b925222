package io.github.upserts.benchmarks;

import io.github.upserts.BatchOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.hibernate.SessionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jooq.DSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 100,000 rows upserted in one transaction, into an empty table ({@code insert}) or over the
 * same keys already stored ({@code update}); the table is reset before every call, outside the
 * measured time.
 *
 * <p>All contenders run in one trial, in turns ({@link Rotation}): each iteration is one round
 * that calls every contender once, in a shuffled order, each call timed on its own. A call takes
 * half a second to three seconds, and the machine's speed swings from minute to minute (a
 * contender's trials of its own came out up to 1.4× apart from run to run); in turns, every
 * contender is measured over the same minutes, on the same server and in the same JVM.
 * {@link RotationProfiler} reports each contender's time, client CPU, server CPU (its
 * connection's backend's) and allocation per row, which the report turns into rows per second.
 *
 * <p>The rows come in key order with distinct keys, so no contender has to merge or sort
 * anything to be correct; the generated DAO still does both (that is its overhead to measure).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(BulkUpsert.ROWS)
// every contender's time per row and client CPU per row settle by its second call
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class BulkUpsert extends InTurns {
  static final int ROWS = 100_000;

  /** {@code insert}: the table is empty; {@code update}: it holds every key already. */
  @Param({"insert", "update"})
  public String table;

  private Database database;
  private Handle handle;
  private Connection jdbcBatchConnection;
  private Connection jdbcRewritten;
  private Connection jdbcUnnestConnection;
  private Connection jdbcUnnestTextConnection;
  private Connection jdbcCopyConnection;
  private Connection jooqConnection;
  private DSLContext jooq;
  private SessionFactory hibernate;
  private List<BenchRow> rows;
  private List<BenchRowEntity> entities;
  private final Map<Connection, Long> backends = new HashMap<>();

  /**
   * Every contender writes on a connection of its own: a backend that has run big statements
   * keeps the memory they took, and a contender sharing it would skip the page faults its own
   * backend pays (measured: 0.3 to 0.5 µs less server CPU per row for the same statement).
   */
  @Setup(Level.Trial)
  public void start() throws SQLException {
    database = Database.start(false);
    handle = Jdbi.create(database.dataSource()).open();
    jdbcBatchConnection = transactional(false);
    jdbcRewritten = transactional(true);
    jdbcUnnestConnection = transactional(false);
    jdbcUnnestTextConnection = transactional(false);
    jdbcCopyConnection = transactional(false);
    jooqConnection = transactional(false);
    rows = rows(ROWS);
    jooq = Jooq.using(jooqConnection);
    hibernate = Hibernate.sessionFactory(database, 1);
    entities = rows.stream().map(BenchRowEntity::new).toList();
    Rotation.Call reset = () -> database.fill("update".equals(table) ? ROWS : 0);
    rotation = new Rotation(List.of(
        new Rotation.Caller("upsertAll", database.backend(handle.getConnection()), reset,
            this::upsertAll),
        new Rotation.Caller("jdbcBatch", backends.get(jdbcBatchConnection), reset,
            this::jdbcBatch),
        new Rotation.Caller("jdbcBatchRewritten", backends.get(jdbcRewritten), reset,
            this::jdbcBatchRewritten),
        new Rotation.Caller("jdbcUnnest", backends.get(jdbcUnnestConnection), reset,
            this::jdbcUnnest),
        new Rotation.Caller("jdbcUnnestTextArray", backends.get(jdbcUnnestTextConnection), reset,
            this::jdbcUnnestTextArray),
        new Rotation.Caller("jdbcCopy", backends.get(jdbcCopyConnection), reset,
            this::jdbcCopy),
        new Rotation.Caller("jooqBatch", backends.get(jooqConnection), reset,
            this::jooqBatch),
        new Rotation.Caller("hibernateUpsertMultiple", Hibernate.backend(hibernate, database),
            reset, this::hibernateUpsertMultiple)));
  }

  /**
   * A new connection with auto-commit off (each contender commits its own transaction), its
   * backend's pid asked before, outside any transaction.
   */
  private Connection transactional(boolean reWriteBatchedInserts) throws SQLException {
    Connection connection = database.connect(reWriteBatchedInserts);
    backends.put(connection, database.backend(connection));
    connection.setAutoCommit(false);
    return connection;
  }

  /** Rows {@code 1..n}, with values unlike the ones {@link Database#fill} stores. */
  static List<BenchRow> rows(int n) {
    Instant base = Instant.parse("2025-06-01T12:00:00.123456Z");
    List<BenchRow> rows = new ArrayList<>(n);
    for (int id = 1; id <= n; id++) {
      rows.add(new BenchRow(id, "name-" + id, id % 7 + 1, base.plusMillis(id)));
    }
    return List.copyOf(rows);
  }

  @TearDown(Level.Trial)
  public void stop() throws SQLException {
    long stored = database.queryLong("SELECT count(*) FROM " + Database.TABLE);
    hibernate.close();
    handle.close();
    for (Connection connection : List.of(jdbcBatchConnection, jdbcRewritten,
        jdbcUnnestConnection, jdbcUnnestTextConnection, jdbcCopyConnection, jooqConnection)) {
      connection.close();
    }
    database.close();
    if (stored != ROWS) {
      throw new IllegalStateException("expected " + ROWS + " rows after the benchmark, found " + stored);
    }
  }

  /** One call of every contender, each on a freshly reset table, in a shuffled order. */
  @Benchmark
  public void round() throws Exception {
    rotation.round();
  }

  @Contender("generated upsertAll")
  public BatchOutcome upsertAll() {
    return BenchRowUpserts.upsertAll(handle, rows);
  }

  @Contender("JDBC batch of single-row upserts")
  public long jdbcBatch() throws SQLException {
    return HandWritten.batch(jdbcBatchConnection, rows);
  }

  @Contender("JDBC batch, reWriteBatchedInserts=true")
  public long jdbcBatchRewritten() throws SQLException {
    return HandWritten.batch(jdbcRewritten, rows);
  }

  @Contender(value = "JDBC unnest, hand-written", baseline = true)
  public long jdbcUnnest() throws SQLException {
    return HandWritten.unnest(jdbcUnnestConnection, rows);
  }

  @Contender("JDBC unnest, hand-written, instants bound as the generated DAO binds them (text[])")
  public long jdbcUnnestTextArray() throws SQLException {
    return HandWritten.unnestTextArray(jdbcUnnestTextConnection, rows);
  }

  @Contender("COPY into a temporary table, then INSERT ... SELECT ... ON CONFLICT")
  public long jdbcCopy() throws SQLException {
    return HandWritten.copyThenUpsert(jdbcCopyConnection, rows);
  }

  @Contender("jOOQ batch of onConflict().doUpdate() with bind values")
  public long jooqBatch() throws SQLException {
    return Jooq.batch(jooq, jooqConnection, rows);
  }

  @Contender("Hibernate StatelessSession.upsertMultiple")
  public long hibernateUpsertMultiple() {
    return Hibernate.upsertMultiple(hibernate, entities);
  }
}
