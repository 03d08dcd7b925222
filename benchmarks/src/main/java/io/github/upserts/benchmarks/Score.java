package io.github.upserts.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's result, as the results table needs it.
 *
 * @param benchmark the benchmark class's simple name, e.g. {@code BulkUpsert}
 * @param method the {@code @Benchmark} method, e.g. {@code upsertAll}
 * @param params the {@code @Param} values, e.g. {@code table=insert}
 * @param score operations per second (rows per second when an invocation writes many rows),
 *     whatever the benchmark mode and time unit
 * @param error the half-width of JMH's 99.9% confidence interval, NaN when it has none (for a
 *     mode that measures time per operation, carried over to operations per second relatively)
 * @param perRow whether an operation is one row of a bulk invocation
 * @param timed whether each operation was timed as a whole call (a mode that measures time, one
 *     operation per invocation, e.g. a compilation): read as time per call rather than calls per
 *     second
 * @param clientCpu microseconds of CPU time the benchmark JVM spent per operation, NaN when not
 *     profiled ({@link CpuProfiler})
 * @param serverCpu microseconds of CPU time the embedded PostgreSQL spent per operation, NaN
 *     when not profiled ({@link CpuProfiler}; nothing for a server given by URL)
 * @param clientAlloc bytes the benchmark JVM allocated per operation, NaN when not profiled
 *     (JMH's {@code gc} profiler)
 */
record Score(String benchmark, String method, Map<String, String> params, double score,
    double error, boolean perRow, boolean timed, double clientCpu, double serverCpu, double clientAlloc) {

  Score {
    params = Map.copyOf(new TreeMap<>(params));
  }

  /**
   * The scores of one JMH result: one, or, for a benchmark whose contenders ran in turns in one
   * trial ({@link Rotation}), one per contender, from what {@link RotationProfiler} counted.
   */
  static List<Score> of(RunResult run) {
    BenchmarkParams params = run.getParams();
    String name = params.getBenchmark();
    int dot = name.lastIndexOf('.');
    String className = name.substring(0, dot);
    String benchmark = className.substring(className.lastIndexOf('.') + 1);
    Map<String, String> values = new TreeMap<>();
    for (String key : params.getParamsKeys()) {
      values.put(key, params.getParam(key));
    }
    Set<String> rotated = new TreeSet<>();
    for (String key : run.getSecondaryResults().keySet()) {
      int at = key.indexOf(RotationProfiler.PREFIX);
      if (at >= 0 && key.endsWith("." + RotationProfiler.TIME)) {
        rotated.add(key.substring(at + RotationProfiler.PREFIX.length(),
            key.length() - RotationProfiler.TIME.length() - 1));
      }
    }
    if (!rotated.isEmpty()) {
      List<Score> scores = new ArrayList<>();
      for (String contender : rotated) {
        String prefix = RotationProfiler.PREFIX + contender + ".";
        Result<?> time = secondaryResult(run, prefix + RotationProfiler.TIME).orElseThrow();
        double[] perSecond = perSecond(Mode.AverageTime, TimeUnit.MICROSECONDS,
            time.getScore(), time.getScoreError());
        scores.add(new Score(benchmark, contender, values, perSecond[0], perSecond[1],
            params.getOpsPerInvocation() > 1, false, secondary(run, prefix + RotationProfiler.CLIENT_CPU),
            secondary(run, prefix + RotationProfiler.SERVER_CPU),
            secondary(run, prefix + RotationProfiler.ALLOC)));
      }
      return scores;
    }
    Result<?> primary = run.getPrimaryResult();
    double[] perSecond = perSecond(params.getMode(), params.getTimeUnit(),
        primary.getScore(), primary.getScoreError());
    return List.of(new Score(benchmark, name.substring(dot + 1),
        values, perSecond[0], perSecond[1], params.getOpsPerInvocation() > 1,
        params.getMode() != Mode.Throughput && params.getOpsPerInvocation() == 1,
        secondary(run, CpuProfiler.CLIENT), secondary(run, CpuProfiler.SERVER),
        secondary(run, "gc.alloc.rate.norm")));
  }

  /**
   * A JMH score and its error as operations per second: a throughput in any time unit, or the
   * inverse of a time per operation (its error carried over relatively).
   */
  static double[] perSecond(Mode mode, TimeUnit unit, double score, double error) {
    double secondsPerUnit = unit.toNanos(1) / 1e9;
    if (mode == Mode.Throughput) {
      return new double[] {score / secondsPerUnit, error / secondsPerUnit};
    }
    double perSecond = 1 / (score * secondsPerUnit);
    return new double[] {perSecond, perSecond * error / score};
  }

  private static double secondary(RunResult run, String name) {
    return secondaryResult(run, name).map(Result::getScore).orElse(Double.NaN);
  }

  /** The secondary result named {@code name}, not one whose name merely ends the same. */
  private static Optional<Result<?>> secondaryResult(RunResult run, String name) {
    return run.getSecondaryResults().entrySet().stream()
        .filter(e -> e.getKey().equals(name) || e.getKey().endsWith(":" + name))
        .<Result<?>>map(Map.Entry::getValue)
        .findFirst();
  }

  /** The group whose contenders are compared: the class and its parameters. */
  String group() {
    return params.isEmpty()
        ? benchmark
        : benchmark + " (" + new TreeMap<>(params).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ")) + ")";
  }

  /** Milliseconds per call, and the error likewise (carried over relatively). */
  double millisPerCall() {
    return 1_000 / score;
  }

  double millisError() {
    return millisPerCall() * error / score;
  }

  String unit() {
    return perRow ? "rows/s" : "ops/s";
  }

  /** What one operation is: a row of a bulk call, or a call. */
  String op() {
    return perRow ? "row" : "op";
  }
}
