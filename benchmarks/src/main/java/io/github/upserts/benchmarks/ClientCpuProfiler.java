package io.github.upserts.benchmarks;

import java.lang.management.ManagementFactory;
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
 * CPU time the benchmark JVM spends per operation: the client side (generated code, JDBI, the
 * JDBC driver, garbage collection), without the database, which runs in its own processes.
 *
 * <p>Throughput on a machine shared with other work, or with the database itself, swings with
 * whatever else runs; the client's CPU time per operation hardly does, so it shows what the code
 * under test costs even when throughput cannot. Counted over whole iterations of the whole
 * process, so a JIT compilation still running after the warmup counts too.
 */
public final class ClientCpuProfiler implements InternalProfiler {
  static final String NAME = "client.cpu";

  private long cpuAtStart;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM (not the database) per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuAtStart = processCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    double micros = ops == 0 ? Double.NaN : (processCpuNanos() - cpuAtStart) / 1e3 / ops;
    return List.of(new ScalarResult(NAME, micros, "us/op", AggregationPolicy.AVG));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
