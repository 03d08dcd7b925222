package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.upserts.processor.TestSource.entity;
import static io.github.upserts.processor.TestSource.generatedCode;

import com.google.testing.compile.Compilation;
import javax.annotation.processing.Processor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Lombok entities: Lombok adds getters, setters and constructors while it processes a class,
 * and makes {@code @Value}'s fields private only after Upserts first saw them. The DAO reads
 * through the getters and creates rows through the constructor or setters Lombok generates,
 * whichever of the two processors javac runs first (Upserts waits a round for Lombok); when
 * Lombok never runs, the error says to put it first.
 */
class ProcessorLombokTest {

  /** Compiles with both processors, Lombok first or Upserts first. */
  private static Compilation compile(boolean lombokFirst, TestSource source) {
    Processor lombok = lombok();
    Processor upserts = new UpsertsProcessor();
    return javac()
        .withProcessors(lombokFirst ? lombok : upserts, lombokFirst ? upserts : lombok)
        .compile(source.file());
  }

  /** Lombok's processor, whose class Lombok hides from the compiler's view of its jar. */
  private static Processor lombok() {
    try {
      var constructor = Class.forName("lombok.launch.AnnotationProcessorHider$AnnotationProcessor")
          .getDeclaredConstructor();
      constructor.setAccessible(true);
      return (Processor) constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "lombokFirst={0}")
  @ValueSource(booleans = {true, false})
  void valueIsReadThroughGettersAndCreatedThroughItsConstructor(boolean lombokFirst) {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Value",
        "public class Item {",
        "  @Key String id;",
        "  @Increment long quantity;",
        "  boolean active;",
        "}");

    Compilation c = compile(lombokFirst, source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ItemUpserts");
    assertThat(code).contains("statement.bind(\"id\", row.getId());");
    assertThat(code).contains("statement.bind(\"quantity\", row.getQuantity());");
    assertThat(code).contains("statement.bind(\"active\", row.isActive());");
    assertThat(code).contains("new Item(");
    assertThat(code).doesNotContain("row.id");
    assertThat(code).doesNotContain("row.quantity");
    assertThat(code).doesNotContain("row.active");
  }

  @ParameterizedTest(name = "lombokFirst={0}")
  @ValueSource(booleans = {true, false})
  void dataIsReadThroughGettersAndSetThroughSetters(boolean lombokFirst) {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Data",
        "public class Item {",
        "  @Key private String id;",
        "  private String name;",
        "  private boolean isDeleted;",
        "  private Boolean verified;",
        "}");

    Compilation c = compile(lombokFirst, source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ItemUpserts");
    assertThat(code).contains("statement.bind(\"id\", row.getId());");
    assertThat(code).contains("statement.bind(\"name\", row.getName());");
    // Lombok's names: isDeleted() and setDeleted for boolean isDeleted, getVerified() for Boolean
    assertThat(code).contains("row.isDeleted()");
    assertThat(code).doesNotContainMatch("row\\.isDeleted[^(]");
    assertThat(code).contains("statement.bind(\"verified\", row.getVerified());");
    assertThat(code).contains("new Item()");
    assertThat(code).contains("row.setId(");
    assertThat(code).contains("row.setDeleted(");
    assertThat(code).contains("row.setVerified(");
  }

  /** A package-private field of an {@code @Data} class stays visible, but its getter is used. */
  @ParameterizedTest(name = "lombokFirst={0}")
  @ValueSource(booleans = {true, false})
  void dataWithPackagePrivateFieldsStillUsesItsAccessors(boolean lombokFirst) {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Data",
        "public class Item {",
        "  @Key String id;",
        "  long quantity;",
        "}");

    Compilation c = compile(lombokFirst, source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ItemUpserts");
    assertThat(code).contains("statement.bind(\"quantity\", row.getQuantity());");
    assertThat(code).contains("row.setQuantity(");
  }

  @ParameterizedTest(name = "lombokFirst={0}")
  @ValueSource(booleans = {true, false})
  void builderWithAllArgsConstructorAndGettersIsCreatedThroughTheConstructor(boolean lombokFirst) {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Builder",
        "@lombok.AllArgsConstructor",
        "@lombok.Getter",
        "public class Item {",
        "  @Key private final String id;",
        "  private final long quantity;",
        "}");

    Compilation c = compile(lombokFirst, source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ItemUpserts");
    assertThat(code).contains("statement.bind(\"id\", row.getId());");
    assertThat(code).contains("statement.bind(\"quantity\", row.getQuantity());");
    assertThat(code).contains("new Item(");
  }

  @ParameterizedTest(name = "lombokFirst={0}")
  @ValueSource(booleans = {true, false})
  void valueWithBuilderIsCreatedThroughTheConstructor(boolean lombokFirst) {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Value",
        "@lombok.Builder",
        "public class Item {",
        "  @Key String id;",
        "  Instant seenAt;",
        "}");

    Compilation c = compile(lombokFirst, source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ItemUpserts");
    assertThat(code).contains("row.getSeenAt()");
    assertThat(code).contains("new Item(");
    assertThat(code).doesNotContain("row.seenAt");
  }

  /** Fluent accessors ({@code @Accessors(fluent = true)}): the getter named like the field. */
  @ParameterizedTest(name = "lombokFirst={0}")
  @ValueSource(booleans = {true, false})
  void fluentGettersAreUsed(boolean lombokFirst) {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Value",
        "@lombok.experimental.Accessors(fluent = true)",
        "public class Item {",
        "  @Key String id;",
        "  boolean active;",
        "}");

    Compilation c = compile(lombokFirst, source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ItemUpserts");
    assertThat(code).contains("statement.bind(\"id\", row.id());");
    assertThat(code).contains("statement.bind(\"active\", row.active());");
  }

  /** {@code @Builder} alone: fields read directly, rows created through Lombok's constructor. */
  @ParameterizedTest(name = "lombokFirst={0}")
  @ValueSource(booleans = {true, false})
  void builderAloneIsCreatedThroughItsConstructor(boolean lombokFirst) {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Builder",
        "public class Item {",
        "  @Key String id;",
        "  long quantity;",
        "}");

    Compilation c = compile(lombokFirst, source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ItemUpserts");
    assertThat(code).contains("statement.bind(\"quantity\", row.quantity);");
    assertThat(code).contains("new Item(");
    assertThat(code).doesNotContain("new Item()");
  }

  /** {@code @Builder} without Lombok running: the order error, not a DAO calling {@code new Item()}. */
  @Test
  void builderWithoutLombokIsReportedWithTheProcessorOrder() {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Builder",
        "public class Item {",
        "  @Key String id;",
        "  long quantity;",
        "}");

    Compilation c = javac().withProcessors(new UpsertsProcessor()).compile(source.file());

    assertThat(c).hadErrorContaining("[UpsertsLombokOrder] Item is annotated for Lombok, but the"
        + " all-args constructor of Item that Lombok generates does not exist when Upserts reads it")
        .inFile(source.file())
        .onLine(source.lineOf("public class Item"));
  }

  /** {@code @Getter}/{@code @Setter} on fields, and a field whose getter is switched off. */
  @ParameterizedTest(name = "lombokFirst={0}")
  @ValueSource(booleans = {true, false})
  void getterOnFieldsIsUsedAndAccessLevelNoneFallsBackToTheField(boolean lombokFirst) {
    TestSource source = entity("Item",
        "@Upsertable",
        "public class Item {",
        "  @Key @lombok.Getter @lombok.Setter private String id;",
        "  @lombok.Getter @lombok.Setter private boolean active;",
        "  @lombok.Getter(lombok.AccessLevel.NONE) public String note;",
        "}");

    Compilation c = compile(lombokFirst, source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ItemUpserts");
    assertThat(code).contains("statement.bind(\"id\", row.getId());");
    assertThat(code).contains("statement.bind(\"active\", row.isActive());");
    assertThat(code).contains("statement.bind(\"note\", row.note);");
    assertThat(code).contains("row.setActive(");
    assertThat(code).contains("row.note = ");
  }

  /** Lombok annotations but Lombok never runs (not on the processor path): the order error. */
  @Test
  void lombokThatNeverRunsIsReportedWithTheProcessorOrder() {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Value",
        "public class Item {",
        "  @Key String id;",
        "  long quantity;",
        "}");

    Compilation c = javac().withProcessors(new UpsertsProcessor()).compile(source.file());

    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[UpsertsLombokOrder] Item is annotated for Lombok, but the"
        + " getter of Item.id that Lombok generates does not exist when Upserts reads it; Lombok must run"
        + " before Upserts: put lombok first in annotationProcessorPaths (Maven) / annotationProcessor"
        + " (Gradle)");
    assertThat(c).hadErrorContaining("<annotationProcessorPaths><path>org.projectlombok:lombok</path>")
        .inFile(source.file())
        .onLine(source.lineOf("public class Item"));
  }
}
