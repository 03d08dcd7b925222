package io.github.upserts.benchmarks;

import io.github.upserts.BatchOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * 100,000 rows upserted in one transaction, into an empty table ({@code insert}) or over the
 * same keys already stored ({@code update}); the table is reset before every invocation,
 * outside the measured time. Each iteration is one invocation, timed (an invocation takes half
 * a second to three seconds; timed iterations would run over their time by most of one); the
 * report turns the time per row into rows per second.
 *
 * <p>The rows come in key order with distinct keys, so no contender has to merge or sort
 * anything to be correct; the generated DAO still does both (that is its overhead to measure).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(BulkUpsert.ROWS)
// the time per row and the client's CPU per row settle by the third or fourth invocation; jOOQ's
// and Hibernate's, whose invocations take 2 to 3 times longer, by the third
@Warmup(iterations = 3)
@Measurement(iterations = 3)
@Fork(1)
public class BulkUpsert {
  static final int ROWS = 100_000;

  /** {@code insert}: the table is empty; {@code update}: it holds every key already. */
  @Param({"insert", "update"})
  public String table;

  private Database database;
  private Handle handle;
  private Connection jdbc;
  private Connection jdbcRewritten;
  private DSLContext jooq;
  private SessionFactory hibernate;
  private List<BenchRow> rows;
  private List<BenchRowEntity> entities;

  @Setup(Level.Trial)
  public void start(BenchmarkParams params) throws SQLException {
    database = Database.start(false);
    handle = Jdbi.create(database.dataSource()).open();
    jdbc = database.connect(false);
    jdbc.setAutoCommit(false);
    jdbcRewritten = database.connect(true);
    jdbcRewritten.setAutoCommit(false);
    rows = rows(ROWS);
    if (Trial.runs(params, "jooq")) {
      jooq = Jooq.using(jdbc);
    }
    if (Trial.runs(params, "hibernate")) {
      hibernate = Hibernate.sessionFactory(database, 1);
      entities = rows.stream().map(BenchRowEntity::new).toList();
    }
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

  @Setup(Level.Invocation)
  public void resetTable() {
    database.fill("update".equals(table) ? ROWS : 0);
  }

  @TearDown(Level.Trial)
  public void stop() throws SQLException {
    long stored = database.queryLong("SELECT count(*) FROM " + Database.TABLE);
    if (hibernate != null) {
      hibernate.close();
    }
    handle.close();
    jdbc.close();
    jdbcRewritten.close();
    database.close();
    if (stored != ROWS) {
      throw new IllegalStateException("expected " + ROWS + " rows after the benchmark, found " + stored);
    }
  }

  @Benchmark
  @Contender("generated upsertAll")
  public BatchOutcome upsertAll() {
    return BenchRowUpserts.upsertAll(handle, rows);
  }

  @Benchmark
  @Contender("JDBC batch of single-row upserts")
  public long jdbcBatch() throws SQLException {
    return HandWritten.batch(jdbc, rows);
  }

  @Benchmark
  @Contender("JDBC batch, reWriteBatchedInserts=true")
  public long jdbcBatchRewritten() throws SQLException {
    return HandWritten.batch(jdbcRewritten, rows);
  }

  @Benchmark
  @Contender(value = "JDBC unnest, hand-written", baseline = true)
  public long jdbcUnnest() throws SQLException {
    return HandWritten.unnest(jdbc, rows);
  }

  @Benchmark
  @Contender("COPY into a temporary table, then INSERT ... SELECT ... ON CONFLICT")
  public long jdbcCopy() throws SQLException {
    return HandWritten.copyThenUpsert(jdbc, rows);
  }

  @Benchmark
  @Warmup(iterations = 2)
  @Contender("jOOQ batch of onConflict().doUpdate() with bind values")
  public long jooqBatch() throws SQLException {
    return Jooq.batch(jooq, jdbc, rows);
  }

  @Benchmark
  @Warmup(iterations = 2)
  @Contender("Hibernate StatelessSession.upsertMultiple")
  public long hibernateUpsertMultiple() {
    return Hibernate.upsertMultiple(hibernate, entities);
  }
}
