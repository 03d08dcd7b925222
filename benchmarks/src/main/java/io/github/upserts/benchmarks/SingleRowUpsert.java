package io.github.upserts.benchmarks;

import io.github.upserts.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One row per call, each call its own transaction, one thread: a key never seen before
 * ({@code new}: every call inserts) or one of {@value #EXISTING} stored keys in turn
 * ({@code existing}: every call updates). Scores are calls per second.
 *
 * <p>The same statement hand-written with JDBI is not among these trials: {@link SameStatement}
 * runs it in turns with the generated upsert, which is the comparison that can tell 5% apart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// read off 1-second iterations, warmup-free, with client and server pinned apart: plain JDBC
// settles after 4 or 5, JDBI and jOOQ after 8 or 9, Hibernate after 9 or 10 (the JIT compiles their
// code while the calls run, on 2 cores shared with the server). Every contender gets the same
// schedule all the same, so that all are compared over the same seconds of a fresh server.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SingleRowUpsert {
  static final int EXISTING = 10_000;
  static final Instant SEEN = Instant.parse("2025-06-01T12:00:00.123456Z");

  /** {@code new}: the key is not stored yet; {@code existing}: it is. */
  @Param({"new", "existing"})
  public String key;

  private Database database;
  private Handle handle;
  private Connection jdbc;
  private Connection jdbcTransactions;
  private DSLContext jooq;
  private SessionFactory hibernate;
  private long next;

  @Setup(Level.Trial)
  public void start(BenchmarkParams params) throws SQLException {
    database = Database.start(true);
    database.fill(EXISTING);
    handle = Jdbi.create(database.dataSource()).open();
    jdbc = database.connect(false);
    jdbcTransactions = database.connect(false);
    jdbcTransactions.setAutoCommit(false);
    if (Trial.runs(params, "jooq")) {
      jooq = Jooq.using(jdbc);
    }
    if (Trial.runs(params, "hibernate")) {
      hibernate = Hibernate.sessionFactory(database, 1);
    }
    next = 0;
  }

  @TearDown(Level.Trial)
  public void stop() throws SQLException {
    long written = database.queryLong("SELECT count(*) FROM " + Database.TABLE
        + " WHERE name = 'name'");
    if (hibernate != null) {
      hibernate.close();
    }
    handle.close();
    jdbc.close();
    jdbcTransactions.close();
    database.close();
    long expected = "new".equals(key) ? next : Math.min(next, EXISTING);
    if (written != expected) {
      throw new IllegalStateException(next + " calls wrote " + written + " rows, expected " + expected);
    }
  }

  /**
   * The next row to write: a fresh key past the stored ones, or the next stored key; its
   * {@code seen} is new on every call, so a row is never written again unchanged (Hibernate's
   * {@code merge} would then skip the {@code UPDATE}, as no upsert statement does).
   */
  private BenchRow nextRow() {
    long n = next++;
    long id = "new".equals(key) ? EXISTING + 1 + n : 1 + n % EXISTING;
    return new BenchRow(id, "name", 1, SEEN.plusNanos(1_000 * n));
  }

  @Benchmark
  @Contender("generated upsert")
  public Outcome generated() {
    return BenchRowUpserts.upsert(handle, nextRow());
  }

  @Benchmark
  @Contender(value = "JDBC PreparedStatement, same statement", baseline = true)
  public Outcome jdbc() throws SQLException {
    return HandWritten.upsert(jdbc, nextRow());
  }

  @Benchmark
  @Contender("JDBC SELECT FOR UPDATE, then INSERT or UPDATE")
  public Outcome jdbcSelectForUpdate() throws SQLException {
    return HandWritten.selectForUpdateThenWrite(jdbcTransactions, nextRow());
  }

  @Benchmark
  @Contender("jOOQ insertInto(...).onConflict(...).doUpdate()")
  public Outcome jooq() {
    return Jooq.upsert(jooq, nextRow());
  }

  @Benchmark
  @Contender("Hibernate StatelessSession.upsert")
  public void hibernateUpsert() {
    Hibernate.upsert(hibernate, new BenchRowEntity(nextRow()));
  }

  @Benchmark
  @Contender("Hibernate Session.merge")
  public BenchRowEntity hibernateMerge() {
    return Hibernate.merge(hibernate, new BenchRowEntity(nextRow()));
  }
}
