package io.github.upserts.benchmarks;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the scores of one run into Markdown: per group (benchmark and parameters), each
 * contender's throughput and its ratio to the group's hand-written JDBC baseline measured in
 * the same run; then the groups timed per call (the processor's compile cost), as time per
 * call and its ratio to the group's baseline (javac without the processor); then whether the
 * targets the generated code must meet were met.
 */
final class ResultsTable {
  /**
   * The order groups appear in: bulk, single row (in turns, then alone), hot keys, compile cost;
   * anything else after.
   */
  private static final List<String> ORDER = List.of(
      "BulkUpsert", "SameStatement", "SingleRowUpsert", "HotKeyUpsert", "HotKeyIncrements", "ProcessorCost");

  /**
   * What the generated code must achieve against a hand-written contender of its group.
   *
   * @param benchmark the benchmark class
   * @param method the generated contender
   * @param versus the hand-written contender
   * @param limit the lowest throughput ratio allowed, or, when {@code inTime}, the highest time ratio
   * @param inTime whether the limit is on time per call ({@code versus / method} throughput)
   */
  record Target(String benchmark, String method, String versus, double limit, boolean inTime) {
    String describe() {
      return inTime
          ? String.format(Locale.ROOT, "`%s` takes ≤ %.2f× the time of `%s`", method, limit, versus)
          : String.format(Locale.ROOT, "`%s` ≥ %.2f× the throughput of `%s`", method, limit, versus);
    }
  }

  static final List<Target> TARGETS = List.of(
      new Target("BulkUpsert", "upsertAll", "jdbcUnnest", 0.9, false),
      new Target("BulkUpsert", "upsertAll", "jdbcBatch", 1.5, false),
      new Target("SameStatement", "generated", "jdbi", 1.05, true),
      new Target("SingleRowUpsert", "generated", "hibernateMerge", 2.0, false),
      new Target("SingleRowUpsert", "generated", "jdbcSelectForUpdate", 2.0, false));

  private ResultsTable() {}

  static String markdown(List<Score> scores) {
    Map<String, List<Score>> groups = new LinkedHashMap<>();
    scores.stream()
        .sorted(Comparator.comparing((Score s) -> rank(s.benchmark()))
            .thenComparing(Score::benchmark)
            .thenComparing(Score::group))
        .forEach(s -> groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s));

    StringBuilder out = new StringBuilder();
    List<List<Score>> perSecond = new ArrayList<>();
    List<List<Score>> timed = new ArrayList<>();
    for (List<Score> group : groups.values()) {
      // fastest first
      group.sort(Comparator.comparingDouble(Score::score).reversed());
      (group.stream().allMatch(Score::timed) ? timed : perSecond).add(group);
    }
    if (!perSecond.isEmpty()) {
      out.append("| benchmark | contender | throughput | ± (99.9%) | vs hand-written JDBC"
          + " | client CPU | server CPU | client alloc |\n");
      out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
      for (List<Score> group : perSecond) {
        Optional<Score> baseline = group.stream().filter(ResultsTable::isBaseline).findFirst();
        for (Score s : group) {
          out.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s | %s | %s |%n",
              s.group(), label(s), number(s.score()), s.unit(),
              Double.isNaN(s.error()) ? "" : number(s.error()),
              baseline.map(b -> ratio(s.score() / b.score())).orElse(""),
              micros(s.clientCpu(), s.op()), micros(s.serverCpu(), s.op()),
              Double.isNaN(s.clientAlloc()) ? "" : String.format(Locale.ROOT, "%,.0f B/%s", s.clientAlloc(), s.op())));
        }
      }
    }
    if (!timed.isEmpty()) {
      if (!perSecond.isEmpty()) {
        out.append("\n");
      }
      out.append("| benchmark | contender | time per call | ± (99.9%) | time vs baseline"
          + " | client CPU | client alloc |\n");
      out.append("|---|---|---:|---:|---:|---:|---:|\n");
      for (List<Score> group : timed) {
        Optional<Score> baseline = group.stream().filter(ResultsTable::isBaseline).findFirst();
        for (Score s : group) {
          out.append(String.format(Locale.ROOT, "| %s | %s | %s ms | %s | %s | %s | %s |%n",
              s.group(), label(s), number(s.millisPerCall()),
              Double.isNaN(s.error()) ? "" : number(s.millisError()),
              baseline.map(b -> ratio(b.score() / s.score())).orElse(""),
              Double.isNaN(s.clientCpu()) ? "" : number(s.clientCpu() / 1_000) + " ms",
              Double.isNaN(s.clientAlloc()) ? "" : number(s.clientAlloc() / 1e6) + " MB"));
        }
      }
    }

    List<String> verdicts = new ArrayList<>();
    for (Target target : TARGETS) {
      for (List<Score> group : groups.values()) {
        Optional<Score> mine = find(group, target.benchmark(), target.method());
        Optional<Score> theirs = find(group, target.benchmark(), target.versus());
        if (mine.isPresent() && theirs.isPresent()) {
          double throughput = mine.get().score() / theirs.get().score();
          double value = target.inTime() ? 1 / throughput : throughput;
          boolean met = target.inTime() ? value <= target.limit() : value >= target.limit();
          verdicts.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", mine.get().group(),
              target.describe(), ratio(value), met ? "met" : "**missed**"));
        }
      }
    }
    if (!verdicts.isEmpty()) {
      out.append("\n| benchmark | target | measured | |\n|---|---|---:|---|\n");
      verdicts.forEach(out::append);
    }
    return out.toString();
  }

  private static int rank(String benchmark) {
    int i = ORDER.indexOf(benchmark);
    return i < 0 ? ORDER.size() : i;
  }

  private static Optional<Score> find(List<Score> group, String benchmark, String method) {
    return group.stream()
        .filter(s -> s.benchmark().equals(benchmark) && s.method().equals(method))
        .findFirst();
  }

  private static Optional<Contender> contender(Score score) {
    try {
      Class<?> type = Class.forName(ResultsTable.class.getPackageName() + "." + score.benchmark());
      for (Method method : type.getMethods()) {
        if (method.getName().equals(score.method())) {
          return Optional.ofNullable(method.getAnnotation(Contender.class));
        }
      }
    } catch (ClassNotFoundException e) {
      // a benchmark from elsewhere: no label, no baseline
    }
    return Optional.empty();
  }

  private static boolean isBaseline(Score score) {
    return contender(score).map(Contender::baseline).orElse(false);
  }

  private static String label(Score score) {
    return contender(score).map(c -> c.value() + " (`" + score.method() + "`)").orElse("`" + score.method() + "`");
  }

  /** {@code 12.3 µs/op}, or blank when not measured. */
  private static String micros(double value, String op) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f µs/%s", value, op);
  }

  /** 12,345 for large numbers, 12.3 for small ones. */
  static String number(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.1f", value);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f×", value);
  }
}
