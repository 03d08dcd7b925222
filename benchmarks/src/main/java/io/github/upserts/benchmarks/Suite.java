package io.github.upserts.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/**
 * The entry point of {@code benchmarks.jar}: runs the benchmarks with JMH, then writes the raw
 * results ({@code jmh-result.json}) and a Markdown table of them ({@code results.md}) into the
 * output directory.
 *
 * <pre>
 * java -jar benchmarks.jar [--url JDBC-URL] [--out DIR] [JMH options, e.g. BulkUpsert -i 5]
 * </pre>
 *
 * <p>JMH's {@code gc} profiler and {@link CpuProfiler} always
 * run: the table shows what each contender costs the client and the server per operation next
 * to its throughput.
 *
 * <p>{@code --url} runs every trial against that server (it must allow dropping and creating
 * table {@code bench_rows}) instead of starting an embedded PostgreSQL per trial. {@code --out}
 * defaults to {@code target}. JMH's own listing and help options ({@code -l}, {@code -h}, ...)
 * go straight to JMH.
 */
public final class Suite {
  private static final Set<String> JMH_ONLY = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

  private Suite() {}

  public static void main(String[] args) throws Exception {
    String url = null;
    Path out = Path.of("target");
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = value(args, ++i, "--url");
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        default -> jmhArgs.add(args[i]);
      }
    }
    if (jmhArgs.stream().anyMatch(JMH_ONLY::contains)) {
      org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
      return;
    }
    Files.createDirectories(out);
    Path json = out.resolve("jmh-result.json");
    Path serverInfo = out.resolve("postgres-version.txt");
    Files.deleteIfExists(serverInfo);
    // made again by the first trial of each run, so a new PostgreSQL version is never mixed in
    Path template = out.resolve("postgres-template");
    deleteTree(template);

    CommandLineOptions given;
    try {
      given = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<String> jvmArgs = new ArrayList<>(given.getJvmArgsAppend().orElse(List.of()));
    jvmArgs.add("-D" + Database.INFO_PROPERTY + "=" + serverInfo.toAbsolutePath());
    jvmArgs.add("-D" + Database.TEMPLATE_PROPERTY + "=" + template.toAbsolutePath());
    if (url != null) {
      jvmArgs.add("-D" + Database.URL_PROPERTY + "=" + url);
    }
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(given).jvmArgsAppend(jvmArgs.toArray(String[]::new));
    // client-side cost per operation, which other load on the machine hardly moves
    Set<String> profilers = given.getProfilers().stream()
        .map(ProfilerConfig::getKlass).collect(Collectors.toSet());
    if (!profilers.contains("gc") && !profilers.contains(GCProfiler.class.getName())) {
      builder.addProfiler(GCProfiler.class);
    }
    if (!profilers.contains(CpuProfiler.class.getName())) {
      builder.addProfiler(CpuProfiler.class);
    }
    if (!profilers.contains(RotationProfiler.class.getName())) {
      builder.addProfiler(RotationProfiler.class);
    }
    if (given.getResult().hasValue() || given.getResultFormat().hasValue()) {
      json = Path.of(given.getResult().orElse("jmh-result." + given.getResultFormat()
          .orElse(ResultFormatType.JSON).toString().toLowerCase(Locale.ROOT)));
    } else {
      builder.resultFormat(ResultFormatType.JSON).result(json.toString());
    }
    Options options = builder.build();
    String loadBefore = loadAverage();

    Collection<RunResult> results;
    try {
      results = new Runner(options).run();
    } catch (RunnerException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (results.isEmpty()) {
      System.err.println("error: no benchmark ran (see the output above)");
      System.exit(1);
      return;
    }
    List<Score> scores = results.stream().flatMap(run -> Score.of(run).stream()).toList();
    String markdown = header(results, serverInfo, url, loadBefore)
        + "\n" + ResultsTable.markdown(scores);
    Path table = out.resolve("results.md");
    Files.writeString(table, markdown);
    System.out.println();
    System.out.println(markdown);
    System.out.println("Raw results: " + json.toAbsolutePath());
    System.out.println("This table:  " + table.toAbsolutePath());
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println("error: " + option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  /** Where and how the numbers were measured. */
  private static String header(Collection<RunResult> results, Path serverInfo, String url,
      String loadBefore) throws IOException {
    BenchmarkParams first = results.iterator().next().getParams();
    // per benchmark class: its iterations (each class sets its own, long enough to warm up; a
    // contender that settles sooner may warm up for less), and the contenders of each setting
    Map<String, Map<String, Set<String>>> settings = new TreeMap<>();
    for (RunResult result : results) {
      BenchmarkParams p = result.getParams();
      String name = p.getBenchmark().substring(0, p.getBenchmark().lastIndexOf('.'));
      String forks = p.getForks() == 1 ? "1 fork" : p.getForks() + " forks";
      String setting = p.getMode() == Mode.SingleShotTime
          ? String.format(Locale.ROOT, "%s, %d warmup and %d measured invocations, each timed",
              forks, p.getWarmup().getCount(), p.getMeasurement().getCount())
          : String.format(Locale.ROOT, "%s, %d × %s warmup, %d × %s measured", forks,
              p.getWarmup().getCount(), p.getWarmup().getTime(),
              p.getMeasurement().getCount(), p.getMeasurement().getTime());
      settings.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), c -> new TreeMap<>())
          .computeIfAbsent(setting, k -> new TreeSet<>())
          .add(p.getBenchmark().substring(name.length() + 1));
    }
    Map<String, String> iterations = new TreeMap<>();
    settings.forEach((name, contenders) -> iterations.put(name, describe(contenders)));
    String database = Files.isRegularFile(serverInfo)
        ? Files.readString(serverInfo).strip()
        : url != null ? "the PostgreSQL server given by --url" : "embedded PostgreSQL";
    return String.format(Locale.ROOT, """
        # Upserts benchmarks

        - machine: %d CPUs, %s
        - Java: %s %s (%s)
        - database: %s
        - JMH %s (± is half the 99.9%% confidence interval): %s
        - load average (1, 5, 15 min) before: %s, after: %s
        """,
        Runtime.getRuntime().availableProcessors(), cpuModel().orElse("CPU model unknown"),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        System.getProperty("java.vendor"),
        database,
        first.getJmhVersion(), iterations.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")),
        loadBefore, loadAverage());
  }

  /**
   * A class's iteration settings: the one most of its contenders ran with, then the others,
   * each with its contenders, e.g. {@code 1 fork, 6 × 1 s warmup, 3 × 1 s measured (jdbc: 3 × 1 s
   * warmup, 3 × 1 s measured)}.
   */
  static String describe(Map<String, Set<String>> contendersBySetting) {
    List<Map.Entry<String, Set<String>>> bySize = new ArrayList<>(contendersBySetting.entrySet());
    bySize.sort(Comparator.comparingInt((Map.Entry<String, Set<String>> e) -> e.getValue().size())
        .reversed());
    String others = bySize.stream().skip(1)
        .map(e -> String.join(", ", e.getValue()) + ": " + e.getKey())
        .collect(Collectors.joining("; "));
    return bySize.get(0).getKey() + (others.isEmpty() ? "" : " (" + others + ")");
  }

  /** Other work on the machine skews the numbers; the report says how busy it was. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Optional<String> cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
