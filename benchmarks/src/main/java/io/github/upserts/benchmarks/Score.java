package io.github.upserts.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's result, as the results table needs it.
 *
 * @param benchmark the benchmark class's simple name, e.g. {@code BulkUpsert}
 * @param method the {@code @Benchmark} method, e.g. {@code upsertAll}
 * @param params the {@code @Param} values, e.g. {@code table=insert}
 * @param score operations per second (rows per second when an invocation writes many rows)
 * @param error the half-width of JMH's 99.9% confidence interval, NaN when it has none
 * @param perRow whether an operation is one row of a bulk invocation
 * @param clientCpu microseconds of CPU time the benchmark JVM spent per operation, NaN when not
 *     profiled ({@link ClientCpuProfiler})
 * @param clientAlloc bytes the benchmark JVM allocated per operation, NaN when not profiled
 *     (JMH's {@code gc} profiler)
 */
record Score(String benchmark, String method, Map<String, String> params, double score,
    double error, boolean perRow, double clientCpu, double clientAlloc) {

  Score {
    params = Map.copyOf(new TreeMap<>(params));
  }

  static Score of(RunResult run) {
    BenchmarkParams params = run.getParams();
    String name = params.getBenchmark();
    int dot = name.lastIndexOf('.');
    String className = name.substring(0, dot);
    Map<String, String> values = new TreeMap<>();
    for (String key : params.getParamsKeys()) {
      values.put(key, params.getParam(key));
    }
    Result<?> primary = run.getPrimaryResult();
    return new Score(className.substring(className.lastIndexOf('.') + 1), name.substring(dot + 1),
        values, primary.getScore(), primary.getScoreError(), params.getOpsPerInvocation() > 1,
        secondary(run, ClientCpuProfiler.NAME), secondary(run, "gc.alloc.rate.norm"));
  }

  private static double secondary(RunResult run, String name) {
    return run.getSecondaryResults().entrySet().stream()
        .filter(e -> e.getKey().endsWith(name))
        .mapToDouble(e -> e.getValue().getScore())
        .findFirst()
        .orElse(Double.NaN);
  }

  /** The group whose contenders are compared: the class and its parameters. */
  String group() {
    return params.isEmpty()
        ? benchmark
        : benchmark + " (" + new TreeMap<>(params).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ")) + ")";
  }

  String unit() {
    return perRow ? "rows/s" : "ops/s";
  }

  /** What one operation is: a row of a bulk call, or a call. */
  String op() {
    return perRow ? "row" : "op";
  }
}
