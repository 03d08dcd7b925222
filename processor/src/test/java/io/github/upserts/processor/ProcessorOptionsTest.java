package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.upserts.processor.TestSource.entity;
import static io.github.upserts.processor.TestSource.generatedCode;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The naming option, array keys, {@code @Nullable}, build-tool metadata and a golden source. */
class ProcessorOptionsTest {
  private static final TestSource USER_STATS = entity("UserStats",
      "@Upsertable",
      "public record UserStats(@Key String userId, @Increment long loginCount, Instant lastLogin) {}");

  @Test
  void snakeCaseIsTheDefault() {
    Compilation c = TestSource.compile(USER_STATS);
    assertThat(c).succeededWithoutWarnings();
    assertThat(generatedCode(c, "test.UserStatsUpserts"))
        .contains("new Table(\"UserStats\", \"\", \"user_stats\", List.of( Column.key(\"user_id\",");
  }

  @Test
  void exactNamingKeepsJavaNames() {
    Compilation c = javac()
        .withProcessors(new UpsertsProcessor())
        .withOptions("-Aupserts.naming=exact")
        .compile(USER_STATS.file());
    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.UserStatsUpserts");
    assertThat(code).contains("new Table(\"UserStats\", \"\", \"UserStats\", List.of( Column.key(\"userId\",");
    assertThat(code).contains("Column.value(\"loginCount\", \"loginCount\", \"loginCount\"");
  }

  @Test
  void anUnknownNamingOptionIsAnError() {
    Compilation c = javac()
        .withProcessors(new UpsertsProcessor())
        .withOptions("-Aupserts.naming=camel")
        .compile(USER_STATS.file());
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.badNamingOption("camel"));
  }

  @Test
  void anArrayKeyIsAnErrorOnTheField() {
    TestSource source = entity("Blob",
        "@Upsertable",
        "public class Blob {",
        "  @Key public byte[] hash;",
        "  public String name;",
        "}");
    RecordingUpsertsProcessor processor = new RecordingUpsertsProcessor();
    Compilation c = TestSource.compile(processor, source);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.arrayKey("Blob", "hash", "byte[]"))
        .inFile(source.file())
        .onLine(source.lineOf("@Key public byte[] hash;"));
    assertThat(processor.generatedSources()).isEmpty();
  }

  @Test
  void nullableColumnsAreSaidSoInTheJavadoc() {
    TestSource nullable = TestSource.verbatim("test.Nullable",
        "package test;",
        "import java.lang.annotation.*;",
        "@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD,"
            + " ElementType.PARAMETER, ElementType.TYPE_USE})",
        "public @interface Nullable {}");
    TestSource source = entity("Visit",
        "@Upsertable",
        "public record Visit(@Key String page, @Nullable String referrer, String agent, long hits) {}");
    Compilation c = TestSource.compile(nullable, source);
    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.VisitUpserts");
    assertThat(code).contains("{@code referrer} from {@code referrer}: overwritten on conflict; may be null");
    assertThat(code).contains("{@code agent} from {@code agent}: overwritten on conflict</li>");
    assertThat(code).contains("{@code hits} from {@code hits}: overwritten on conflict; never null (primitive");
    assertThat(code).contains("{@code page} from {@code page}: key; never null");
  }

  @Test
  void isolatingForGradleIsDeclared() throws IOException {
    try (InputStream in = UpsertsProcessor.class.getResourceAsStream(
        "/META-INF/gradle/incremental.annotation.processors")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
          .isEqualTo(UpsertsProcessor.class.getName() + ",isolating");
    }
  }

  /**
   * One whole-file golden source, to see any change to generated code in review. After an
   * intended change, rewrite it with {@code mvn -pl processor -am test -Dtest=ProcessorOptionsTest
   * -Dsurefire.failIfNoSpecifiedTests=false -Dupserts.updateGolden=true} and review the diff.
   */
  @Test
  void theGeneratedSourceMatchesTheGoldenFile() throws IOException {
    TestSource pageView = entity("PageView",
        "@Upsertable(table = \"page_views\")",
        "public record PageView(@Key String page, @Key LocalDate day, @Increment long views, Instant lastSeen) {}");
    Compilation c = TestSource.compile(pageView);
    assertThat(c).succeededWithoutWarnings();
    if (Boolean.getBoolean("upserts.updateGolden")) {
      Files.write(Path.of("src/test/resources/golden/PageViewUpserts.java"),
          TestSource.generatedBytes(c, "test.PageViewUpserts"));
      return;
    }
    JavaFileObject golden = JavaFileObjects.forResource("golden/PageViewUpserts.java");
    assertThat(c).generatedFile(StandardLocation.SOURCE_OUTPUT, "test", "PageViewUpserts.java")
        .contentsAsUtf8String()
        .isEqualTo(read(golden));
  }

  private static String read(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
