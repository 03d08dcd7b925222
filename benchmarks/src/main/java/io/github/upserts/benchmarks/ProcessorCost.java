package io.github.upserts.benchmarks;

import io.github.upserts.processor.UpsertsProcessor;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the processor adds to a build: javac, in process, compiles {@value #ENTITIES}
 * {@code @Upsertable} entities (records and classes of four shapes, 4 to 8 columns each, every
 * merge policy) without annotation processing ({@code -proc:none}: the baseline), or with the
 * Upserts processor, which then writes a DAO per entity that javac compiles too. Each iteration
 * is one compilation, timed; the classes and generated sources go to a directory in memory
 * ({@code /dev/shm}) when there is one, emptied after every iteration outside the measured time.
 * The classpath is the benchmark JVM's (the runtime, JDBI).
 *
 * <p>A third contender compiles the entities together with the very DAOs the processor writes,
 * given as sources, without the processor: the cost of that much code however it was written.
 * The difference between it and {@code withProcessor} is what the processor itself costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// javac's and the processor's code is compiled by the JIT over the first two compilations
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class ProcessorCost {
  static final int ENTITIES = 200;

  private JavaCompiler javac;
  private List<JavaFileObject> sources;
  private List<JavaFileObject> withDaos;
  private Path output;

  @Setup(Level.Trial)
  public void start() throws IOException {
    javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("No system Java compiler: run the benchmarks on a JDK");
    }
    sources = new ArrayList<>();
    for (int i = 0; i < ENTITIES; i++) {
      sources.add(new Source("bench.entities.Entity" + i, entity(i)));
    }
    // the DAOs the processor writes, kept as sources for the contender that compiles them as such
    makeOutput();
    try {
      compile(sources, List.of(), List.of(new UpsertsProcessor()));
      withDaos = new ArrayList<>(sources);
      try (Stream<Path> generated = Files.walk(output.resolve("generated"))) {
        for (Path dao : (Iterable<Path>) generated.filter(p -> p.toString().endsWith(".java"))::iterator) {
          String name = output.resolve("generated").relativize(dao).toString()
              .replace(".java", "").replace('/', '.');
          withDaos.add(new Source(name, Files.readString(dao)));
        }
      }
    } finally {
      deleteOutput();
    }
    if (withDaos.size() != 2 * ENTITIES) {
      throw new IllegalStateException("the processor wrote " + (withDaos.size() - ENTITIES)
          + " DAOs for " + ENTITIES + " entities");
    }
  }

  @Setup(Level.Iteration)
  public void makeOutput() throws IOException {
    Path memory = Path.of("/dev/shm");
    Path root = Files.isDirectory(memory) && Files.isWritable(memory)
        ? memory : Path.of(System.getProperty("java.io.tmpdir"));
    output = Files.createTempDirectory(root, "upserts-bench-javac-");
  }

  @TearDown(Level.Iteration)
  public void deleteOutput() throws IOException {
    try (Stream<Path> paths = Files.walk(output)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  @Benchmark
  @Contender(value = "javac alone (-proc:none)", baseline = true)
  public int javac() throws IOException {
    return compile(sources, List.of("-proc:none"), List.of());
  }

  @Benchmark
  @Contender("javac with the Upserts processor")
  public int withProcessor() throws IOException {
    return compile(sources, List.of(), List.of(new UpsertsProcessor()));
  }

  @Benchmark
  @Contender("javac alone on the entities and the same DAOs as sources")
  public int javacWithDaoSources() throws IOException {
    return compile(withDaos, List.of("-proc:none"), List.of());
  }

  /** Compiles {@code files}; returns how many class files javac wrote. */
  private int compile(List<JavaFileObject> files, List<String> options, List<Processor> processors)
      throws IOException {
    Path classes = Files.createDirectory(output.resolve("classes"));
    Path generated = Files.createDirectory(output.resolve("generated"));
    List<String> all = new ArrayList<>(List.of(
        "--release", "17",
        "-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString(),
        "-s", generated.toString()));
    all.addAll(options);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager manager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, manager, diagnostics, all, null, files);
      if (!processors.isEmpty()) {
        task.setProcessors(processors);
      }
      if (!task.call()) {
        throw new IllegalStateException("javac failed:\n" + diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .limit(10)
            .map(Object::toString)
            .collect(Collectors.joining("\n")));
      }
    }
    try (Stream<Path> written = Files.walk(classes)) {
      int count = (int) written.filter(p -> p.toString().endsWith(".class")).count();
      int expected = processors.isEmpty() && files.size() == ENTITIES ? ENTITIES : 2 * ENTITIES;
      if (count < expected) {
        throw new IllegalStateException("javac wrote " + count + " classes, expected " + expected);
      }
      return count;
    }
  }

  /**
   * Entity {@code i}, one of four shapes in turn: a record with one key; a record with a
   * composite key and several merge policies; a class with public fields; a JavaBean.
   */
  static String entity(int i) {
    String name = "Entity" + i;
    String body = switch (i % 4) {
      case 0 -> """
          @Upsertable
          public record %s(@Key long id, String name, @Increment long hits, Instant seen) {}
          """.formatted(name);
      case 1 -> """
          @Upsertable
          public record %s(
              @Key String page,
              @Key LocalDate day,
              @Increment long views,
              @Max Instant lastSeen,
              @Min Instant firstSeen,
              @Coalesce String referrer,
              @InsertOnly Instant created,
              BigDecimal revenue) {}
          """.formatted(name);
      case 2 -> """
          @Upsertable
          public class %s {
            @Key public String path;
            @Key public int shard;
            @Increment public Integer count;
            @NewerWins public long version;
            public Instant seen;
          }
          """.formatted(name);
      default -> """
          @Upsertable
          public class %1$s {
            @Key private long id;
            private String name;
            @Increment private BigDecimal spent;
            private boolean active;
            private LocalDate since;

            public long getId() { return id; }
            public void setId(long id) { this.id = id; }
            public String getName() { return name; }
            public void setName(String name) { this.name = name; }
            public BigDecimal getSpent() { return spent; }
            public void setSpent(BigDecimal spent) { this.spent = spent; }
            public boolean isActive() { return active; }
            public void setActive(boolean active) { this.active = active; }
            public LocalDate getSince() { return since; }
            public void setSince(LocalDate since) { this.since = since; }
          }
          """.formatted(name);
    };
    return """
        package bench.entities;

        import io.github.upserts.Coalesce;
        import io.github.upserts.Increment;
        import io.github.upserts.InsertOnly;
        import io.github.upserts.Key;
        import io.github.upserts.Max;
        import io.github.upserts.Min;
        import io.github.upserts.NewerWins;
        import io.github.upserts.Upsertable;
        import java.math.BigDecimal;
        import java.time.Instant;
        import java.time.LocalDate;

        """ + body;
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String qualifiedName, String code) {
      super(URI.create("string:///" + qualifiedName.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
