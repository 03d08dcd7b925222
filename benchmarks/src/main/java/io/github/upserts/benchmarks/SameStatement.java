package io.github.upserts.benchmarks;

import io.github.upserts.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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

/**
 * The generated upsert against the very statement written by hand, through JDBI and through
 * JDBC, in turns: one thread, one connection (one backend) for all three, one row per call in
 * auto-commit, a new key ({@code new}) or one of {@value SingleRowUpsert#EXISTING} stored keys
 * ({@code existing}). Each round calls the three once, in a shuffled order ({@link Rotation}).
 *
 * <p>{@link SingleRowUpsert} measures each contender in a trial of its own, a few seconds at a
 * time, minutes apart; on a machine whose speed swings from minute to minute that cannot tell
 * 5% apart (two contenders of the same cost came out 1.3× apart). Here the three share every
 * second, the JVM and the backend, so what differs between them is their own code. The score
 * JMH prints is rounds per second; {@link RotationProfiler} reports each contender's time, client
 * CPU, backend CPU and allocation per call, which the report turns into calls per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// as SingleRowUpsert: JDBI's code path settles after 8 or 9 one-second iterations
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SameStatement extends InTurns {
  /** {@code new}: the key is not stored yet; {@code existing}: it is. */
  @Param({"new", "existing"})
  public String key;

  private Database database;
  private Connection connection;
  private Handle handle;
  private long next;

  @Setup(Level.Trial)
  public void start() throws SQLException {
    database = Database.start(true);
    database.fill(SingleRowUpsert.EXISTING);
    connection = database.connect(false);
    handle = Jdbi.open(connection);
    long backend = database.backend(connection);
    rotation = new Rotation(List.of(
        new Rotation.Caller("generated", backend, this::generated),
        new Rotation.Caller("jdbi", backend, this::jdbi),
        new Rotation.Caller("jdbc", backend, this::jdbc)));
    next = 0;
  }

  @TearDown(Level.Trial)
  public void stop() throws SQLException {
    long written = database.queryLong("SELECT count(*) FROM " + Database.TABLE
        + " WHERE name = 'name'");
    handle.close();
    connection.close();
    database.close();
    long expected = "new".equals(key) ? next : Math.min(next, SingleRowUpsert.EXISTING);
    if (written != expected) {
      throw new IllegalStateException(next + " calls wrote " + written + " rows, expected " + expected);
    }
  }

  /** One call of each contender, in a shuffled order. */
  @Benchmark
  public void round() throws Exception {
    rotation.round();
  }

  private BenchRow nextRow() {
    long n = next++;
    long id = "new".equals(key) ? SingleRowUpsert.EXISTING + 1 + n : 1 + n % SingleRowUpsert.EXISTING;
    return new BenchRow(id, "name", 1, SingleRowUpsert.SEEN.plusNanos(1_000 * n));
  }

  @Contender("generated upsert")
  public Outcome generated() {
    return BenchRowUpserts.upsert(handle, nextRow());
  }

  @Contender("JDBI, same statement hand-written")
  public Outcome jdbi() {
    return HandWritten.upsert(handle, nextRow());
  }

  @Contender(value = "JDBC PreparedStatement, same statement", baseline = true)
  public Outcome jdbc() throws SQLException {
    return HandWritten.upsert(connection, nextRow());
  }
}
