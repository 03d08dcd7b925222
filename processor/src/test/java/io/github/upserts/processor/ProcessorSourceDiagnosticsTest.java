package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.upserts.processor.TestSource.generatedCode;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins every diagnostic of the annotations that say where a column's value comes from
 * ({@code @DatabaseGenerated}, {@code @DefaultIfNull}, {@code @CreatedAt}, {@code @UpdatedAt}):
 * its message, the line it is reported on, that it is the only error and that no DAO is
 * generated; then that the valid shapes compile, and a column the database fills is never bound.
 */
class ProcessorSourceDiagnosticsTest {
  private final RecordingUpsertsProcessor processor = new RecordingUpsertsProcessor();

  private static TestSource entity(String name, String... body) {
    String[] lines = new String[body.length + 5];
    lines[0] = "import io.github.upserts.DatabaseGenerated;";
    lines[1] = "import io.github.upserts.DefaultIfNull;";
    lines[2] = "import io.github.upserts.CreatedAt;";
    lines[3] = "import io.github.upserts.UpdatedAt;";
    lines[4] = "import io.github.upserts.*;";
    System.arraycopy(body, 0, lines, 5, body.length);
    return TestSource.entity(name, lines);
  }

  @Test
  void twoSourcesOnOneColumn() {
    TestSource source = entity("Stamp",
        "@Upsertable",
        "public record Stamp(@Key String id,",
        "    @CreatedAt @UpdatedAt Instant at) {}");
    assertOnlyError(source, Messages.conflictingSources("Stamp", "at", List.of("@CreatedAt", "@UpdatedAt")),
        "@CreatedAt @UpdatedAt Instant at");
  }

  @Test
  void databaseGeneratedKey() {
    TestSource source = entity("User",
        "@Upsertable",
        "public record User(",
        "    @Key @DatabaseGenerated Long id, String email) {}");
    assertOnlyError(source, Messages.sourceOnKey("User", "id", "@DatabaseGenerated"), "@Key @DatabaseGenerated Long id");
  }

  @Test
  void defaultIfNullOnKey() {
    TestSource source = entity("User",
        "@Upsertable",
        "public record User(",
        "    @Key @DefaultIfNull String email, String name) {}");
    assertOnlyError(source, Messages.sourceOnKey("User", "email", "@DefaultIfNull"), "@Key @DefaultIfNull String email");
  }

  @Test
  void createdAtWithAPolicy() {
    TestSource source = entity("Stamp",
        "@Upsertable",
        "public record Stamp(@Key String id,",
        "    @CreatedAt @Max Instant at) {}");
    assertOnlyError(source, Messages.sourceWithPolicy("Stamp", "at", "@CreatedAt", "@Max"), "@CreatedAt @Max Instant at");
  }

  @Test
  void databaseGeneratedWithIncrement() {
    TestSource source = entity("Counter",
        "@Upsertable",
        "public record Counter(@Key String id,",
        "    @DatabaseGenerated @Increment Long n) {}");
    assertOnlyError(source, Messages.sourceWithPolicy("Counter", "n", "@DatabaseGenerated", "@Increment"),
        "@DatabaseGenerated @Increment Long n");
  }

  @Test
  void defaultIfNullOnTheVersion() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @DefaultIfNull @NewerWins Long version) {}");
    assertOnlyError(source, Messages.sourceWithPolicy("Doc", "version", "@DefaultIfNull", "@NewerWins"),
        "@DefaultIfNull @NewerWins Long version");
  }

  @Test
  void defaultIfNullOnAPrimitive() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @DefaultIfNull int rank) {}");
    assertOnlyError(source, Messages.defaultIfNullPrimitive("Doc", "rank", "int"), "@DefaultIfNull int rank");
  }

  @Test
  void clockOnAString() {
    TestSource source = entity("Stamp",
        "@Upsertable",
        "public record Stamp(@Key String id,",
        "    @UpdatedAt String at) {}");
    assertOnlyError(source, Messages.clockType("Stamp", "at", "@UpdatedAt", "java.lang.String"), "@UpdatedAt String at");
  }

  @Test
  void updatedAtTwice() {
    TestSource source = entity("Stamp",
        "@Upsertable",
        "public record Stamp(@Key String id, @UpdatedAt Instant a,",
        "    @UpdatedAt java.time.LocalDateTime b) {}");
    assertOnlyError(source, Messages.updatedAtTwice("Stamp", "b", "a"), "@UpdatedAt java.time.LocalDateTime b");
  }

  @Test
  void validShapesCompileAndNeverBindWhatTheDatabaseFills() {
    TestSource source = entity("Member",
        "@Upsertable(conflictIndex = \"members_live_email\")",
        "public record Member(@DatabaseGenerated Long id, @Key String email,",
        "    @DefaultIfNull @Coalesce String status, @DefaultIfNull Integer rank,",
        "    @CreatedAt java.time.OffsetDateTime created, @UpdatedAt java.time.LocalDateTime updated,",
        "    @Increment long visits) {}");
    Compilation c = compile(source);
    assertThat(c).succeededWithoutWarnings();
    String dao = generatedCode(c, "test.MemberUpserts");
    assertThat(dao).contains(".from(Column.Source.DATABASE_GENERATED)");
    assertThat(dao).contains(".from(Column.Source.CREATED_AT)");
    assertThat(dao).contains("\"members_live_email\"");
    assertThat(dao).contains("statement.bind(\"status\", row.status())");
    assertThat(dao).doesNotContain("statement.bind(\"id\"");
    assertThat(dao).doesNotContain("\"created\", row.created()");
    assertThat(dao).doesNotContain("\"updated\", row.updated()");
    assertThat(dao).contains("public static Upserted<Member> upsertReturningOutcome(Handle handle, Member row)");
    assertThat(dao).contains("public static Upserted<Member> getOrInsertOutcome(Handle handle, Member row)");
    assertThat(dao).contains("public static BatchOutcome upsertAllReturning(Handle handle, Stream<? extends Member> rows,");
  }

  private void assertOnlyError(TestSource source, String message, String snippet) {
    Compilation c = compile(source);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(message).inFile(source.file()).onLine(source.lineOf(snippet));
    assertThat(processor.generatedSources()).isEmpty();
  }

  private Compilation compile(TestSource... sources) {
    return TestSource.compile(processor, sources);
  }
}
