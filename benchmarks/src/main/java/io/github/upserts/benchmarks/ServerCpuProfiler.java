package io.github.upserts.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the embedded PostgreSQL spends per operation: its postmaster and every process under
 * it (the backends serving the trial's connections, the WAL writer, the checkpointer,
 * autovacuum), read from the operating system around each iteration.
 *
 * <p>Next to {@link ClientCpuProfiler} it splits an operation's cost into what the client spends
 * and what the server spends: a contender that sends the same statement costs the server the
 * same, one that sends more statements costs it more. Nothing is reported for a server given by
 * {@code --url} (not a process of this machine to read), nor for an iteration that starts before
 * the trial's server does. The trial's last iteration ends after its tear-down has stopped the
 * server: it counts up to the stop ({@link Database#serverCpuNanos()}).
 */
public final class ServerCpuProfiler implements InternalProfiler {
  static final String NAME = "server.cpu";

  private long cpuAtStart = -1;

  @Override
  public String getDescription() {
    return "CPU time of the embedded PostgreSQL (all its processes) per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuAtStart = serverCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    long cpuAtEnd = serverCpuNanos();
    if (ops == 0 || cpuAtStart < 0 || cpuAtEnd < 0) {
      return List.of();
    }
    return List.of(new ScalarResult(NAME, (cpuAtEnd - cpuAtStart) / 1e3 / ops, "us/op",
        AggregationPolicy.AVG));
  }

  private static long serverCpuNanos() {
    return Database.serverCpuNanos().orElse(-1);
  }
}
