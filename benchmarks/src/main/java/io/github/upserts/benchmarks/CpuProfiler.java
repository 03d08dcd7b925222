package io.github.upserts.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
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
 * CPU time per operation, on both sides: {@value #CLIENT} is the benchmark JVM's (generated code,
 * JDBI, the JDBC driver, garbage collection), {@value #SERVER} the embedded PostgreSQL's (its
 * postmaster and every process under it: backends, WAL writer, checkpointer, autovacuum; see
 * {@link Database#serverCpuNanos()}).
 *
 * <p>Throughput on a machine shared with other work, or with the database itself, swings with
 * whatever else runs; CPU time per operation hardly does, so it shows what the code under test
 * costs even when throughput cannot, and splits it between client and server: a contender that
 * sends the same statement costs the server the same, one that sends more costs it more. Counted
 * over whole iterations of whole processes, so a JIT compilation still running after the warmup
 * counts too. Nothing is reported for the server when it is given by {@code --url} (not a
 * process of this machine to read), nor for an iteration that starts before the trial's server
 * does; the trial's last iteration ends after its tear-down has stopped the server, and counts
 * up to the stop.
 */
public final class CpuProfiler implements InternalProfiler {
  static final String CLIENT = "client.cpu";
  static final String SERVER = "server.cpu";

  private long clientAtStart;
  private long serverAtStart = -1;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM and of the embedded database per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    clientAtStart = clientCpuNanos();
    serverAtStart = Database.serverCpuNanos().orElse(-1);
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    long client = clientCpuNanos() - clientAtStart;
    long serverAtEnd = Database.serverCpuNanos().orElse(-1);
    List<Result> results = new ArrayList<>(2);
    results.add(micros(CLIENT, ops == 0 ? Double.NaN : client / 1e3 / ops));
    if (ops > 0 && serverAtStart >= 0 && serverAtEnd >= 0) {
      results.add(micros(SERVER, (serverAtEnd - serverAtStart) / 1e3 / ops));
    }
    return results;
  }

  private static ScalarResult micros(String name, double value) {
    return new ScalarResult(name, value, "us/op", AggregationPolicy.AVG);
  }

  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
