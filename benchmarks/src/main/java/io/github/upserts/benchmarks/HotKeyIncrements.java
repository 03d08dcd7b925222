package io.github.upserts.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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

/**
 * {@value #THREADS} threads add 1 to the counters of {@value #KEYS} hot rows, each thread on
 * its own connection, each call its own transaction: the calls queue on the row locks. Scores
 * are calls per second, all threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// 8 threads and their 8 server processes leave the JIT little of 2 cores: JDBI's code path needs
// 10 s and more to be compiled, and a shorter warmup measures the JIT, not the code
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(HotKeyIncrements.THREADS)
public class HotKeyIncrements {
  static final int THREADS = 8;
  static final int KEYS = 10;

  private Database database;
  private Jdbi jdbi;
  private final AtomicInteger threads = new AtomicInteger();
  /** Calls made by every thread, added up as the threads finish. */
  private final LongAdder calls = new LongAdder();

  @Setup(Level.Trial)
  public void start() {
    database = Database.start(false);
    database.fill(KEYS);
    jdbi = Jdbi.create(database.dataSource());
  }

  @TearDown(Level.Trial)
  public void stop() {
    long added = database.queryLong("SELECT sum(hits) FROM " + Database.TABLE) - KEYS;
    database.close();
    if (added != calls.sum()) {
      throw new IllegalStateException(calls.sum() + " increments by 1 added " + added);
    }
  }

  /** One thread's connections, and the keys it goes through in turn, from its own offset. */
  @State(Scope.Thread)
  public static class Caller {
    private Handle handle;
    private Connection jdbc;
    private long first;
    private long next;

    @Setup(Level.Trial)
    public void connect(HotKeyIncrements shared) {
      handle = shared.jdbi.open();
      jdbc = shared.database.connect(false);
      first = shared.threads.getAndIncrement();
      next = first;
    }

    @TearDown(Level.Trial)
    public void disconnect(HotKeyIncrements shared) throws SQLException {
      shared.calls.add(next - first);
      handle.close();
      jdbc.close();
    }

    long nextKey() {
      return 1 + next++ % KEYS;
    }
  }

  @Benchmark
  @Contender("generated incrementHits")
  public long generated(Caller caller) {
    return BenchRowUpserts.incrementHits(caller.handle, caller.nextKey(), 1);
  }

  @Benchmark
  @Contender("JDBI, same statement hand-written")
  public long jdbi(Caller caller) {
    return HandWritten.increment(caller.handle, caller.nextKey(), 1);
  }

  @Benchmark
  @Contender(value = "JDBC PreparedStatement, same statement", baseline = true)
  public long jdbc(Caller caller) throws SQLException {
    return HandWritten.increment(caller.jdbc, caller.nextKey(), 1);
  }
}
