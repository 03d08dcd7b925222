package io.github.upserts.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;

/**
 * One source file of a processor test, which remembers its lines so a test can pin a diagnostic
 * to "the line of {@code @Increment String text}" instead of a bare number that breaks whenever
 * an import is added. Also compiles sources with the processor and reads what it generated.
 */
record TestSource(JavaFileObject file, List<String> lines) {

  /** The imports every entity of package {@code test} gets. */
  private static final List<String> HEADER = List.of(
      "package test;",
      "",
      "import io.github.upserts.Increment;",
      "import io.github.upserts.Key;",
      "import io.github.upserts.Upsertable;",
      "import java.math.BigDecimal;",
      "import java.time.Instant;",
      "import java.time.LocalDate;",
      "import java.util.List;",
      "import org.jdbi.v3.core.mapper.reflect.ColumnName;",
      "");

  /** {@code test.<simpleName>}: the common imports, then {@code body}. */
  static TestSource entity(String simpleName, String... body) {
    List<String> lines = new ArrayList<>(HEADER);
    lines.addAll(List.of(body));
    return new TestSource(
        JavaFileObjects.forSourceLines("test." + simpleName, lines), List.copyOf(lines));
  }

  /** A source file exactly as given, e.g. one in the default package. */
  static TestSource verbatim(String qualifiedName, String... lines) {
    return new TestSource(JavaFileObjects.forSourceLines(qualifiedName, lines), List.of(lines));
  }

  /** Compiles {@code sources} together with the Upserts processor. */
  static Compilation compile(TestSource... sources) {
    return javac()
        .withProcessors(new UpsertsProcessor())
        .compile(files(sources));
  }

  /** Compiles {@code sources} with {@code processor}, which records what it generates. */
  static Compilation compile(RecordingUpsertsProcessor processor, TestSource... sources) {
    return javac()
        .withProcessors(processor)
        .compile(files(sources));
  }

  private static List<JavaFileObject> files(TestSource... sources) {
    return List.of(sources).stream().map(TestSource::file).toList();
  }

  /** The bytes of the generated source file of {@code type}. */
  static byte[] generatedBytes(Compilation c, String type) {
    JavaFileObject file = c.generatedSourceFile(type)
        .orElseThrow(() -> new AssertionError(type + " was not generated"));
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The generated source of {@code type} with every run of whitespace made one space, so a
   * signature matches however the writer wraps it.
   */
  static String generatedCode(Compilation c, String type) {
    return new String(generatedBytes(c, type), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
  }

  /** The 1-based line of the only line containing {@code snippet}. */
  int lineOf(String snippet) {
    int[] matches = IntStream.range(0, lines.size())
        .filter(i -> lines.get(i).contains(snippet))
        .toArray();
    if (matches.length != 1) {
      throw new IllegalArgumentException(
          matches.length + " lines contain '" + snippet + "'; make the snippet unique");
    }
    return matches[0] + 1;
  }
}
