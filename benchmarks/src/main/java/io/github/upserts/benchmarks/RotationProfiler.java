package io.github.upserts.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports what each contender of a {@link Rotation} spent per operation (a call, or a row of a
 * benchmark with {@code @OperationsPerInvocation}) in the iteration: results
 * named {@code rotation.<contender>.<measure>}, the measures being {@value #TIME} (wall time),
 * {@value #CLIENT_CPU} (the calling thread's CPU time), {@value #SERVER_CPU} (its backend's CPU
 * time, when known) in microseconds, and {@value #ALLOC} (bytes the calling thread allocated).
 * Nothing for a benchmark without a rotation.
 */
public final class RotationProfiler implements InternalProfiler {
  static final String PREFIX = "rotation.";
  static final String TIME = "time";
  static final String CLIENT_CPU = "client.cpu";
  static final String SERVER_CPU = "server.cpu";
  static final String ALLOC = "alloc";

  @Override
  public String getDescription() {
    return "Per contender of a rotation: wall time, client and server CPU time and allocation per call";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {}

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    Rotation rotation = Rotation.current();
    if (rotation == null) {
      return List.of();
    }
    List<Result> results = new ArrayList<>();
    for (Map.Entry<String, Rotation.Account> entry : rotation.lastIteration().entrySet()) {
      Rotation.Account account = entry.getValue();
      if (account.calls() == 0) {
        continue;
      }
      // per operation: a call, or a row of a call that writes many
      double calls = (double) account.calls() * benchmark.getOpsPerInvocation();
      String name = PREFIX + entry.getKey() + ".";
      results.add(micros(name + TIME, account.nanos() / calls));
      results.add(micros(name + CLIENT_CPU, account.cpuNanos() / calls));
      if (account.serverNanos() >= 0) {
        results.add(micros(name + SERVER_CPU, account.serverNanos() / calls));
      }
      results.add(new ScalarResult(name + ALLOC, account.allocatedBytes() / calls, "B/op",
          AggregationPolicy.AVG));
    }
    return results;
  }

  private static ScalarResult micros(String name, double nanos) {
    return new ScalarResult(name, nanos / 1e3, "us/op", AggregationPolicy.AVG);
  }
}
