package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * A schema-qualified {@code table} ({@code "public.x"}) is a compile error on the attribute: the
 * name is quoted as one identifier, so every statement would fail at run time.
 */
class ProcessorQualifiedTableTest {
  private final RecordingUpsertsProcessor processor = new RecordingUpsertsProcessor();

  @Test
  void aSchemaQualifiedTableNameSaysToGiveTheSchemaApart() {
    TestSource source = TestSource.entity("Visit",
        "@Upsertable(",
        "    table = \"public.visits\")",
        "public record Visit(@Key String id, long n) {}");
    Compilation c = TestSource.compile(processor, source);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.qualifiedTable("Visit", "public.visits"))
        .inFile(source.file()).onLine(source.lineOf("table = \"public.visits\""));
    assertThat(Messages.qualifiedTable("Visit", "public.visits"))
        .contains("@Upsertable(schema = \"public\", table = \"visits\")");
    assertThat(processor.generatedSources()).isEmpty();
  }

  @Test
  void aSchemaGivenApartCompiles() {
    TestSource source = TestSource.entity("Visit",
        "@Upsertable(schema = \"public\", table = \"visits\")",
        "public record Visit(@Key String id, long n) {}");
    assertThat(TestSource.compile(processor, source)).succeededWithoutWarnings();
  }
}
