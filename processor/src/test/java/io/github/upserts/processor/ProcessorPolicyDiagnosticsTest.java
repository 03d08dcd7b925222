package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.upserts.processor.TestSource.generatedCode;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins every diagnostic of the per-column merge policies ({@code @Increment}, {@code @InsertOnly},
 * {@code @Coalesce}, {@code @Max}, {@code @Min}, {@code @NewerWins}): its message, the field or
 * record component it is reported on, that it is the only error and that no DAO is generated.
 * Then checks that every valid policy shape compiles, with its DAO, without a warning.
 */
class ProcessorPolicyDiagnosticsTest {
  private final RecordingUpsertsProcessor processor = new RecordingUpsertsProcessor();

  // Two policies on one column

  /** The message lists the annotations in the processor's order, not the source's. */
  @Test
  void maxAndMinOnOneColumn() {
    TestSource source = entity("Reading",
        "@Upsertable",
        "public class Reading {",
        "  @Key public String sensor;",
        "  @Min @Max public long value;",
        "}");

    assertOnlyError(source,
        Messages.conflictingPolicies("Reading", "value", List.of("@Max", "@Min")),
        "@Min @Max public long value;");
  }

  @Test
  void incrementAndCoalesceOnOneColumn() {
    TestSource source = entity("Tally",
        "@Upsertable",
        "public class Tally {",
        "  @Key public String id;",
        "  @Coalesce @Increment public Long total;",
        "}");

    assertOnlyError(source,
        Messages.conflictingPolicies("Tally", "total", List.of("@Increment", "@Coalesce")),
        "@Coalesce @Increment public Long total;");
  }

  @Test
  void threePoliciesOnOneColumn() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public class Doc {",
        "  @Key public String id;",
        "  @NewerWins @Max @InsertOnly public long revision;",
        "}");

    assertOnlyError(source,
        Messages.conflictingPolicies(
            "Doc", "revision", List.of("@InsertOnly", "@Max", "@NewerWins")),
        "public long revision;");
  }

  // A policy on a key

  @Test
  void insertOnlyOnKey() {
    TestSource source = entity("Device",
        "@Upsertable",
        "public class Device {",
        "  @Key @InsertOnly public String serial;",
        "  public String name;",
        "}");

    assertOnlyError(source, Messages.policyOnKey("Device", "serial", "@InsertOnly"),
        "public String serial;");
  }

  @Test
  void coalesceOnKey() {
    TestSource source = entity("Device",
        "@Upsertable",
        "public class Device {",
        "  @Key @Coalesce public String serial;",
        "  public String name;",
        "}");

    assertOnlyError(source, Messages.policyOnKey("Device", "serial", "@Coalesce"),
        "public String serial;");
  }

  @Test
  void maxOnKey() {
    TestSource source = entity("Device",
        "@Upsertable",
        "public class Device {",
        "  @Key @Max public long serial;",
        "  public String name;",
        "}");

    assertOnlyError(source, Messages.policyOnKey("Device", "serial", "@Max"),
        "public long serial;");
  }

  @Test
  void minOnKey() {
    TestSource source = entity("Device",
        "@Upsertable",
        "public class Device {",
        "  @Key @Min public long serial;",
        "  public String name;",
        "}");

    assertOnlyError(source, Messages.policyOnKey("Device", "serial", "@Min"),
        "public long serial;");
  }

  @Test
  void newerWinsOnKey() {
    TestSource source = entity("Device",
        "@Upsertable",
        "public class Device {",
        "  @Key @NewerWins public long serial;",
        "  public String name;",
        "}");

    assertOnlyError(source, Messages.policyOnKey("Device", "serial", "@NewerWins"),
        "public long serial;");
  }

  /** @Increment on a key keeps its own, older message. */
  @Test
  void incrementOnKey() {
    TestSource source = entity("Device",
        "@Upsertable",
        "public class Device {",
        "  @Key @Increment public long serial;",
        "  public String name;",
        "}");

    assertOnlyError(source, Messages.incrementOnKey("Device", "serial"), "public long serial;");
  }

  // @NewerWins twice

  @Test
  void newerWinsTwiceIsReportedOnTheSecondField() {
    TestSource source = entity("Article",
        "@Upsertable",
        "public class Article {",
        "  @Key public String slug;",
        "  @NewerWins public long revision;",
        "  public String body;",
        "  @NewerWins public Instant editedAt;",
        "}");

    assertOnlyError(source, Messages.newerWinsTwice("Article", "editedAt", "revision"),
        "public Instant editedAt;");
  }

  /** javac 17 gives a RecordComponentElement no source position; the component's field has one. */
  @Test
  void newerWinsTwiceOnRecordComponentsPointsAtTheSecondComponent() {
    TestSource source = entity("Article",
        "@Upsertable",
        "public record Article(",
        "    @Key String slug,",
        "    @NewerWins long revision,",
        "    String body,",
        "    @NewerWins Instant editedAt) {}");

    assertOnlyError(source, Messages.newerWinsTwice("Article", "editedAt", "revision"),
        "@NewerWins Instant editedAt");
  }

  /** A @NewerWins already rejected for its type does not count as the first one. */
  @Test
  void rejectedNewerWinsDoesNotMakeTheNextOneASecond() {
    TestSource source = entity("Article",
        "@Upsertable",
        "public class Article {",
        "  @Key public String slug;",
        "  @NewerWins public String revision;",
        "  @NewerWins public Instant editedAt;",
        "}");

    assertOnlyError(source,
        Messages.notComparable("Article", "revision", "@NewerWins", "java.lang.String"),
        "@NewerWins public String revision;");
  }

  // Types a policy does not fit

  @Test
  void maxOnBoolean() {
    TestSource source = entity("Flag",
        "@Upsertable",
        "public class Flag {",
        "  @Key public String id;",
        "  @Max public boolean set;",
        "}");

    assertOnlyError(source, Messages.notComparable("Flag", "set", "@Max", "boolean"),
        "@Max public boolean set;");
  }

  @Test
  void minOnString() {
    TestSource source = entity("Label",
        "@Upsertable",
        "public class Label {",
        "  @Key public String id;",
        "  @Min public String text;",
        "}");

    assertOnlyError(source, Messages.notComparable("Label", "text", "@Min", "java.lang.String"),
        "@Min public String text;");
  }

  @Test
  void newerWinsOnUuid() {
    TestSource source = entity("Release",
        "@Upsertable",
        "public class Release {",
        "  @Key public String id;",
        "  @NewerWins public UUID build;",
        "}");

    assertOnlyError(source,
        Messages.notComparable("Release", "build", "@NewerWins", "java.util.UUID"),
        "@NewerWins public UUID build;");
  }

  /** With the annotation on a line of its own, the error is on the component's name, as javac's are. */
  @Test
  void notComparableOnRecordComponentPointsAtTheComponentsName() {
    TestSource source = entity("Release",
        "@Upsertable",
        "public record Release(",
        "    @Key String id,",
        "    @Max",
        "    String name) {}");

    assertOnlyError(source,
        Messages.notComparable("Release", "name", "@Max", "java.lang.String"),
        "String name) {}");
  }

  @Test
  void conflictingPoliciesOnLinesOfTheirOwnPointAtTheFieldsName() {
    TestSource source = entity("Reading",
        "@Upsertable",
        "public class Reading {",
        "  @Key public String sensor;",
        "  @Max",
        "  @Min",
        "  public long value;",
        "}");

    assertOnlyError(source,
        Messages.conflictingPolicies("Reading", "value", List.of("@Max", "@Min")),
        "public long value;");
  }

  /**
   * Duration is a java.time type but not one the processor compares, so a message promising
   * "java.time types" contradicts itself.
   */
  @Test
  void notComparableMessageNamesTheAcceptedJavaTimeTypes() {
    TestSource source = entity("Job",
        "@Upsertable",
        "public class Job {",
        "  @Key public String id;",
        "  @Max public Duration longestRun;",
        "}");

    Compilation c = compile(source);

    String message = Messages.notComparable("Job", "longestRun", "@Max", "java.time.Duration");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(message)
        .inFile(source.file())
        .onLine(source.lineOf("public Duration longestRun;"));
    assertThat(message).doesNotContain("java.time types");
    assertThat(message).contains("Instant, LocalDate");
    assertThat(processor.generatedSources()).isEmpty();
  }

  @Test
  void coalesceOnPrimitiveInt() {
    TestSource source = entity("Stock",
        "@Upsertable",
        "public class Stock {",
        "  @Key public String sku;",
        "  @Coalesce public int level;",
        "}");

    assertOnlyError(source, Messages.coalescePrimitive("Stock", "level", "int"),
        "@Coalesce public int level;");
  }

  // Valid shapes

  @ParameterizedTest
  @ValueSource(strings = {
      "int", "long", "Long", "BigDecimal", "Instant", "LocalDate", "OffsetDateTime", "Timestamp"})
  void comparablePoliciesOn(String type) {
    TestSource source = entity("Sample",
        "@Upsertable",
        "public class Sample {",
        "  @Key public String id;",
        "  @Max public " + type + " highest;",
        "  @Min public " + type + " lowest;",
        "  @NewerWins public " + type + " version;",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.SampleUpserts");
    assertThat(code).contains("\"highest\", \"highest\", MergePolicy.MAX,");
    assertThat(code).contains("\"lowest\", \"lowest\", MergePolicy.MIN,");
    assertThat(code).contains("\"version\", \"version\", MergePolicy.NEWER_WINS,");
  }

  @Test
  void comparablePoliciesOnRecordComponents() {
    TestSource source = entity("Sample",
        "@Upsertable",
        "public record Sample(",
        "    @Key String id,",
        "    @Max Long highest,",
        "    @Min LocalDate lowest,",
        "    @NewerWins Timestamp version) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.SampleUpserts");
    assertThat(code).contains("\"highest\", \"highest\", MergePolicy.MAX,");
    assertThat(code).contains("\"lowest\", \"lowest\", MergePolicy.MIN,");
    assertThat(code).contains("\"version\", \"version\", MergePolicy.NEWER_WINS,");
  }

  @Test
  void coalesceOnStringAndInteger() {
    TestSource source = entity("Profile",
        "@Upsertable",
        "public class Profile {",
        "  @Key public String id;",
        "  @Coalesce public String nickname;",
        "  @Coalesce public Integer age;",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ProfileUpserts");
    assertThat(code).contains("\"nickname\", \"nickname\", MergePolicy.COALESCE,");
    assertThat(code).contains("\"age\", \"age\", MergePolicy.COALESCE,");
  }

  @Test
  void insertOnlyOnAnyType() {
    TestSource source = entity("Signup",
        "@Upsertable",
        "public class Signup {",
        "  @Key public String email;",
        "  @InsertOnly public int source;",
        "  @InsertOnly public boolean invited;",
        "  @InsertOnly public String referrer;",
        "  @InsertOnly public UUID token;",
        "  @InsertOnly public Instant firstSeen;",
        "  @InsertOnly public List<String> tags;",
        "  @InsertOnly public byte[] avatar;",
        "  public String name;",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.SignupUpserts");
    for (String column : List.of("source", "invited", "referrer", "token", "tags", "avatar")) {
      assertThat(code).contains("\"" + column + "\", \"" + column + "\", MergePolicy.INSERT_ONLY,");
    }
    assertThat(code).contains("\"first_seen\", \"firstSeen\", \"firstSeen\", MergePolicy.INSERT_ONLY,");
    assertThat(code).contains("\"name\", \"name\", \"name\", MergePolicy.OVERWRITE,");
  }

  /** An upsert then never changes the row, so it reports UNCHANGED whenever the key exists. */
  @Test
  void onlyNonKeyColumnIsInsertOnly() {
    TestSource source = entity("Install",
        "@Upsertable",
        "public record Install(@Key String device, @InsertOnly Instant firstSeen) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.InstallUpserts");
    assertThat(code).contains("MergePolicy.INSERT_ONLY,");
    assertThat(code).contains("public static Install getOrInsert(Handle handle, Install row)");
    assertThat(code).contains("{@link Outcome#UNCHANGED}");
    assertThat(code).doesNotContain("Outcome#SKIPPED");
  }

  @Test
  void getOrInsertIsGenerated() {
    TestSource source = entity("Device",
        "@Upsertable",
        "public record Device(@Key String serial, String name) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.DeviceUpserts");
    assertThat(code).contains("public static Device getOrInsert(Handle handle, Device row)");
    // Without a version column or skipUnchanged, an upsert always writes.
    assertThat(code).doesNotContain("Outcome#SKIPPED");
    assertThat(code).doesNotContain("Outcome#UNCHANGED");
  }

  @Test
  void newerWinsUpsertDocumentsSkipped() {
    TestSource source = entity("Article",
        "@Upsertable",
        "public record Article(@Key String slug, @NewerWins long revision, String body) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ArticleUpserts");
    assertThat(code).contains("public static Article getOrInsert(Handle handle, Article row)");
    assertThat(code).contains("{@link Outcome#SKIPPED} when its {@code revision} was not older");
    assertThat(code).doesNotContain("Outcome#UNCHANGED");
  }

  @Test
  void skipUnchangedUpsertDocumentsUnchanged() {
    TestSource source = entity("Profile",
        "@Upsertable(skipUnchanged = true)",
        "public record Profile(@Key String id, String name, @Max int score) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ProfileUpserts");
    assertThat(code).contains("public static Profile getOrInsert(Handle handle, Profile row)");
    assertThat(code).contains("{@link Outcome#UNCHANGED} when no column would change");
    assertThat(code).doesNotContain("Outcome#SKIPPED");
  }

  /**
   * A newer version always changes its column, so the runtime never reports UNCHANGED here
   * ({@code Table.untouchedOutcomes()}); the Javadoc says what the runtime does.
   */
  @Test
  void skipUnchangedWithNewerWinsDocumentsSkippedOnly() {
    TestSource source = entity("Article",
        "@Upsertable(skipUnchanged = true)",
        "public record Article(@Key String slug, @NewerWins Instant editedAt, String body) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ArticleUpserts");
    assertThat(code).contains("{@link Outcome#SKIPPED}");
    assertThat(code).doesNotContain("{@link Outcome#UNCHANGED}");
  }

  /** The imports every entity of this test gets: the policies and the types they apply to. */
  private static final List<String> HEADER = List.of(
      "package test;",
      "",
      "import io.github.upserts.Coalesce;",
      "import io.github.upserts.Increment;",
      "import io.github.upserts.InsertOnly;",
      "import io.github.upserts.Key;",
      "import io.github.upserts.Max;",
      "import io.github.upserts.Min;",
      "import io.github.upserts.NewerWins;",
      "import io.github.upserts.Upsertable;",
      "import java.math.BigDecimal;",
      "import java.sql.Timestamp;",
      "import java.time.Duration;",
      "import java.time.Instant;",
      "import java.time.LocalDate;",
      "import java.time.OffsetDateTime;",
      "import java.util.List;",
      "import java.util.UUID;",
      "");

  /** {@code test.<simpleName>}: the policy imports, then {@code body}. */
  private static TestSource entity(String simpleName, String... body) {
    List<String> lines = new ArrayList<>(HEADER);
    lines.addAll(List.of(body));
    return TestSource.verbatim("test." + simpleName, lines.toArray(String[]::new));
  }

  /** The only error is {@code message}, on the line containing {@code snippet}; nothing is generated. */
  private void assertOnlyError(TestSource source, String message, String snippet) {
    Compilation c = compile(source);

    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(message)
        .inFile(source.file())
        .onLine(source.lineOf(snippet));
    assertThat(processor.generatedSources()).isEmpty();
  }

  private Compilation compile(TestSource... sources) {
    return TestSource.compile(processor, sources);
  }
}
