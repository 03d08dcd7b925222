package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    assertThat(c).hadErrorContaining(Messages.qualifiedTable("Visit", "public.visits", List.of("public", "visits"), ""))
        .inFile(source.file()).onLine(source.lineOf("table = \"public.visits\""));
    assertThat(Messages.qualifiedTable("Visit", "public.visits", List.of("public", "visits"), ""))
        .contains("@Upsertable(schema = \"public\", table = \"visits\")");
    assertThat(processor.generatedSources()).isEmpty();
  }

  /** Every form a qualified name takes: catalog.schema.table, quoted parts, backticks. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cat.public.v|public|v|connect to the database 'cat'",
      "\"public\".\"y\"|public|y|",
      "`shop`.`orders`|shop|orders|",
      "PUBLIC.w|PUBLIC|w|",
      "public . t|public|t|",
      " public.t|public|t|",
      "schéma.tablé|schéma|tablé|",
      "a.b.c.d|c|d|connect to the database 'a.b'",
      "\"a.b\".c|a.b|c|",
      "db1.2t|db1|2t|"})
  void everyFormOfAQualifiedNameSaysToGiveTheSchemaApart(String table, String schema, String name, String more) {
    String literal = table.replace("\\", "\\\\").replace("\"", "\\\"");
    TestSource source = TestSource.entity("Visit",
        "@Upsertable(",
        "    table = \"" + literal + "\")",
        "public record Visit(@Key String id, long n) {}");
    Compilation c = TestSource.compile(processor, source);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[UpsertsQualifiedTable]").inFile(source.file())
        .onLine(source.lineOf("table = \""));
    assertThat(c).hadErrorContaining("@Upsertable(schema = \"" + schema + "\", table = \"" + name + "\")");
    if (more != null) {
      assertThat(c).hadErrorContaining(more);
    }
    assertThat(processor.generatedSources()).isEmpty();
  }

  /** With a schema attribute that differs, the message says to replace it. */
  @Test
  void aSchemaGivenBesideAQualifiedTableIsNamedInTheMessage() {
    TestSource source = TestSource.entity("Visit",
        "@Upsertable(schema = \"x\",",
        "    table = \"public.t\")",
        "public record Visit(@Key String id, long n) {}");
    Compilation c = TestSource.compile(processor, source);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("@Upsertable(schema = \"public\", table = \"t\") instead of schema = \"x\"")
        .inFile(source.file()).onLine(source.lineOf("table = \"public.t\""));
  }

  /** A schema qualified by a catalog: the same mistake, on the schema attribute. */
  @Test
  void aQualifiedSchemaSaysToGiveTheSchemaAlone() {
    TestSource source = TestSource.entity("Visit",
        "@Upsertable(table = \"t\",",
        "    schema = \"db.public\")",
        "public record Visit(@Key String id, long n) {}");
    Compilation c = TestSource.compile(processor, source);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[UpsertsQualifiedTable] the schema name 'db.public'").inFile(source.file())
        .onLine(source.lineOf("schema = \"db.public\""));
    assertThat(c).hadErrorContaining("@Upsertable(schema = \"public\"), and connect to the database 'db'");
  }

  /** A dot inside a name of other characters is a quoted name on purpose, not a qualified one. */
  @Test
  void aDotAmongOtherCharactersIsNotAQualifiedName() {
    TestSource source = TestSource.entity("Visit",
        "@Upsertable(table = \"visits (v1.2)\")",
        "public record Visit(@Key String id, long n) {}");
    assertThat(TestSource.compile(processor, source)).succeededWithoutWarnings();
  }

  @Test
  void aSchemaGivenApartCompiles() {
    TestSource source = TestSource.entity("Visit",
        "@Upsertable(schema = \"public\", table = \"visits\")",
        "public record Visit(@Key String id, long n) {}");
    assertThat(TestSource.compile(processor, source)).succeededWithoutWarnings();
  }
}
