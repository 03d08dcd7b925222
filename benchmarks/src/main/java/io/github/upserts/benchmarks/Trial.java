package io.github.upserts.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;

/** What a trial (one contender, one parameter value, one JVM) needs to set up. */
final class Trial {
  private Trial() {}

  /**
   * Whether the trial of {@code params} runs a contender whose method name starts with
   * {@code prefix}: a trial starts only the libraries its contender uses, so that no other
   * library's start-up (class loading, JIT compilation) runs in its JVM.
   */
  static boolean runs(BenchmarkParams params, String prefix) {
    String benchmark = params.getBenchmark();
    return benchmark.substring(benchmark.lastIndexOf('.') + 1).startsWith(prefix);
  }
}
