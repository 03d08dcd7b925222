package io.github.upserts.benchmarks;

import io.github.upserts.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.hibernate.SessionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jooq.DSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@value #THREADS} threads upsert the same stored row, one row per call, each call its own
 * transaction, each thread on its own connection (its own JDBI handle, JDBC connections and
 * jOOQ context; Hibernate opens a session per call, from a pool of one connection per thread):
 * the calls queue on the row's lock. Every contender of {@link SingleRowUpsert} runs here too.
 * Scores are calls per second, all threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// as SingleRowUpsert: one schedule for every contender
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(HotKeyUpsert.THREADS)
public class HotKeyUpsert {
  static final int THREADS = 4;
  /** The hot row: stored before the trial, so every call updates it. */
  static final long KEY = 1;

  private Database database;
  private Jdbi jdbi;
  private SessionFactory hibernate;
  private boolean addsHits;
  /** Calls made by every thread, added up as the threads finish. */
  private final LongAdder calls = new LongAdder();

  @Setup(Level.Trial)
  public void start(BenchmarkParams params) {
    database = Database.start(false);
    database.fill(1);
    jdbi = Jdbi.create(database.dataSource());
    if (Trial.runs(params, "hibernate")) {
      hibernate = Hibernate.sessionFactory(database, THREADS);
    }
    // Hibernate overwrites hits; every other contender adds the row's hits up
    addsHits = hibernate == null;
  }

  @TearDown(Level.Trial)
  public void stop() {
    long hits = database.queryLong("SELECT hits FROM " + Database.TABLE + " WHERE id = " + KEY);
    long rows = database.queryLong("SELECT count(*) FROM " + Database.TABLE);
    if (hibernate != null) {
      hibernate.close();
    }
    database.close();
    long expected = addsHits ? 1 + calls.sum() : 1;
    if (rows != 1 || hits != expected) {
      throw new IllegalStateException(calls.sum() + " calls left " + rows + " rows and hits = "
          + hits + ", expected 1 row and hits = " + expected);
    }
  }

  /** One thread's connections. */
  @State(Scope.Thread)
  public static class Caller {
    private Handle handle;
    private Connection jdbc;
    private Connection jdbcTransactions;
    private DSLContext jooq;
    private long made;

    @Setup(Level.Trial)
    public void connect(HotKeyUpsert shared, BenchmarkParams params) throws SQLException {
      handle = shared.jdbi.open();
      jdbc = shared.database.connect(false);
      jdbcTransactions = shared.database.connect(false);
      jdbcTransactions.setAutoCommit(false);
      if (Trial.runs(params, "jooq")) {
        jooq = Jooq.using(jdbc);
      }
    }

    @TearDown(Level.Trial)
    public void disconnect(HotKeyUpsert shared) throws SQLException {
      shared.calls.add(made);
      handle.close();
      jdbc.close();
      jdbcTransactions.close();
    }

    /** The hot row again, with a new {@code seen}, so that it always changes (as in SingleRowUpsert). */
    BenchRow nextRow() {
      made++;
      return new BenchRow(KEY, "name", 1, SingleRowUpsert.SEEN.plusNanos(1_000 * made));
    }
  }

  @Benchmark
  @Contender("generated upsert")
  public Outcome generated(Caller caller) {
    return BenchRowUpserts.upsert(caller.handle, caller.nextRow());
  }

  @Benchmark
  @Contender("JDBI, same statement hand-written")
  public Outcome jdbi(Caller caller) {
    return HandWritten.upsert(caller.handle, caller.nextRow());
  }

  @Benchmark
  @Contender(value = "JDBC PreparedStatement, same statement", baseline = true)
  public Outcome jdbc(Caller caller) throws SQLException {
    return HandWritten.upsert(caller.jdbc, caller.nextRow());
  }

  @Benchmark
  @Contender("JDBC SELECT FOR UPDATE, then INSERT or UPDATE")
  public Outcome jdbcSelectForUpdate(Caller caller) throws SQLException {
    return HandWritten.selectForUpdateThenWrite(caller.jdbcTransactions, caller.nextRow());
  }

  @Benchmark
  @Contender("jOOQ insertInto(...).onConflict(...).doUpdate()")
  public Outcome jooq(Caller caller) {
    return Jooq.upsert(caller.jooq, caller.nextRow());
  }

  @Benchmark
  @Contender("Hibernate StatelessSession.upsert")
  public void hibernateUpsert(Caller caller) {
    Hibernate.upsert(hibernate, new BenchRowEntity(caller.nextRow()));
  }

  @Benchmark
  @Contender("Hibernate Session.merge")
  public BenchRowEntity hibernateMerge(Caller caller) {
    return Hibernate.merge(hibernate, new BenchRowEntity(caller.nextRow()));
  }
}
