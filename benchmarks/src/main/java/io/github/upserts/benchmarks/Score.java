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
 */
record Score(String benchmark, String method, Map<String, String> params, double score,
    double error, boolean perRow) {

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
        values, primary.getScore(), primary.getScoreError(), params.getOpsPerInvocation() > 1);
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
}
