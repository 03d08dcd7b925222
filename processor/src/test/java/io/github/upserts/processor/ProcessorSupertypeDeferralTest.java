package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.upserts.processor.TestSource.entity;
import static io.github.upserts.processor.TestSource.generatedCode;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * An entity whose superclass another processor generates is deferred until the superclass
 * exists, instead of being scanned without its inherited fields.
 */
class ProcessorSupertypeDeferralTest {

  @Test
  void superclassGeneratedInALaterRoundGivesItsColumns() {
    TestSource source = entity("Order",
        "@Upsertable",
        "public class Order extends Base {",
        "  public long quantity;",
        "}");
    LateSources generator = new LateSources(Map.of(2, Map.of("test.Base", BASE)));

    Compilation c = javac()
        .withProcessors(new UpsertsProcessor(), generator)
        .compile(source.file());

    // Upserts first saw Order in round 1, when Base did not exist yet
    assertThat(generator.baseRound).isEqualTo(2);
    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.OrderUpserts");
    assertThat(code).contains("Column.key(\"id\", \"id\", \"id\", String.class)");
    assertThat(code).contains("public static Optional<Order> find(Handle handle, String id)");
    assertThat(code).contains("row.id = r.getString(idIndex);");
  }

  /** A grandparent generated late: the whole chain of superclasses is checked, not the first. */
  @Test
  void grandparentGeneratedInALaterRoundGivesItsColumns() {
    TestSource middle = entity("Middle",
        "public class Middle extends Base {",
        "  public String note;",
        "}");
    TestSource source = entity("Order",
        "@Upsertable",
        "public class Order extends Middle {",
        "  public long quantity;",
        "}");
    LateSources generator = new LateSources(Map.of(2, Map.of("test.Base", BASE)));

    Compilation c = javac().withProcessors(new UpsertsProcessor(), generator).compile(middle.file(), source.file());

    assertThat(generator.baseRound).isEqualTo(2);
    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.OrderUpserts");
    assertThat(code).contains("Column.key(\"id\", \"id\", \"id\", String.class)");
    assertThat(code).contains("Column.value(\"note\", \"note\", \"note\"");
  }

  /**
   * A superclass generated late whose own field's type is generated later still: the entity is
   * deferred again, by its inherited field, until both exist.
   */
  @Test
  void aLateSuperclassWithALaterFieldTypeDefersTwice() {
    TestSource source = entity("Order",
        "@Upsertable",
        "public class Order extends Base {",
        "  public long quantity;",
        "}");
    String base = "package test;\n\nimport io.github.upserts.Key;\n\n"
        + "public class Base {\n  @Key public String id;\n  public Extra extra;\n}\n";
    LateSources generator = new LateSources(Map.of(
        2, Map.of("test.Base", base),
        3, Map.of("test.Extra", "package test;\n\npublic class Extra {}\n")));

    Compilation c = javac().withProcessors(new UpsertsProcessor(), generator).compile(source.file());

    assertThat(c).succeeded();
    String code = generatedCode(c, "test.OrderUpserts");
    assertThat(code).contains("Column.key(\"id\", \"id\", \"id\", String.class)");
    assertThat(code).contains("Column.value(\"extra\", \"extra\", \"extra\"");
  }

  /**
   * The entity declares a key itself, so without the deferral a DAO missing the superclass's
   * columns would be generated; the valid entity's DAO makes javac run another round, in which
   * the deferred one is retried.
   */
  @Test
  void superclassThatNeverResolvesIsReportedOnceOnTheEntity() {
    TestSource source = entity("Order",
        "@Upsertable",
        "public class Order extends Missing {",
        "  @Key public String id;",
        "}");
    TestSource valid = entity("Customer",
        "@Upsertable",
        "public record Customer(@Key String id) {}");
    RecordingUpsertsProcessor processor = new RecordingUpsertsProcessor();

    Compilation c = TestSource.compile(processor, source, valid);

    // javac's own error on the missing type is expected; the processor adds exactly one.
    String message = Messages.unresolvedSupertype("Order", "Missing");
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("cannot find symbol")
        .inFile(source.file())
        .onLine(source.lineOf("class Order"));
    assertThat(c).hadErrorContaining(message)
        .inFile(source.file())
        .onLine(source.lineOf("class Order"));
    assertThat(c.errors().stream().filter(d -> d.getMessage(null).contains(message)).count())
        .isEqualTo(1);
    assertThat(processor.generatedSources()).containsExactly("test.CustomerUpserts");
  }

  /** {@code test.Base} with the key field, written in round 2 by {@link LateSources}. */
  private static final String BASE = "package test;\n\nimport io.github.upserts.Key;\n\n"
      + "public class Base {\n  @Key public String id;\n}\n";

  /**
   * Writes a placeholder in round 1, so that javac runs a round 2, and the given sources in the
   * rounds given: what they declare is missing in the round Upserts first sees the entity.
   */
  private static final class LateSources extends AbstractProcessor {
    private final Map<Integer, Map<String, String>> byRound;
    private int round;
    int baseRound;

    LateSources(Map<Integer, Map<String, String>> byRound) {
      this.byRound = byRound;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
      round++;
      if (round == 1) {
        write("test.Placeholder", "package test;\n\nclass Placeholder {}\n");
      }
      byRound.getOrDefault(round, Map.of()).forEach((name, source) -> {
        write(name, source);
        if (name.equals("test.Base")) {
          baseRound = round;
        }
      });
      return false;
    }

    private void write(String name, String source) {
      try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        out.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
