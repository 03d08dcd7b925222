package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.upserts.processor.TestSource.generatedCode;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins every diagnostic of the open merge rules of issue #16 ({@code @MergeWith},
 * {@code @FillIfNull}, {@code @Version}, {@code @Upsertable(updateWhen)}): its tag and message,
 * the line it is reported on (an expression's problem on the line of the attribute that gives
 * it, written on a line of its own here so that line differs from the annotated element's), that
 * it is the only error and that no DAO is generated. Then that entities using every rule compile
 * into DAOs with the {@code Columns} enum, the {@code upsert(handle, row, columns...)} overload
 * and the rules in their {@code TABLE}.
 */
class ProcessorMergeRulesDiagnosticsTest {
  private final RecordingUpsertsProcessor processor = new RecordingUpsertsProcessor();

  private static TestSource entity(String name, String... body) {
    String[] lines = new String[body.length + 1];
    lines[0] = "import io.github.upserts.*;";
    System.arraycopy(body, 0, lines, 1, body.length);
    return TestSource.entity(name, lines);
  }

  // Malformed expressions, reported on the attribute

  @Test
  void malformedMergeWithOnAClassField() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public class Doc {",
        "  @Key public String id;",
        "  @MergeWith(",
        "      \"{stored} || ',' || ({incoming}\")",
        "  public String tags;",
        "}");

    assertOnlyError(source, "[UpsertsMalformedExpression] the expression of @MergeWith of Doc.tags is"
        + " malformed: Unclosed parenthesis", "({incoming}\")");
  }

  @Test
  void malformedMergeWithOnARecordComponent() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(",
        "    @Key String id,",
        "    @MergeWith(",
        "        \"{stored} || ',\")",
        "    String tags) {}");

    assertOnlyError(source, "[UpsertsMalformedExpression] the expression of @MergeWith of Doc.tags is"
        + " malformed: Unclosed quote '", "\"{stored} || ',\")");
  }

  @Test
  void unknownPlaceholder() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @MergeWith(",
        "        \"{old} + {incoming}\")",
        "    long total) {}");

    assertOnlyError(source, "[UpsertsMalformedExpression] the expression of @MergeWith of Doc.total is"
        + " malformed: Unknown placeholder {old}", "\"{old} + {incoming}\")");
  }

  @Test
  void blankMergeWith() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @MergeWith(",
        "        \"  \")",
        "    String tags) {}");

    assertOnlyError(source, "[UpsertsMalformedExpression] the expression of @MergeWith of Doc.tags is"
        + " malformed: The expression is blank", "\"  \")");
  }

  @Test
  void mergeWithNamingNoField() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @MergeWith(",
        "        \"{stored} + {incoming.weigth}\")",
        "    long total, long weight) {}");

    assertOnlyError(source, Messages.unknownField("@MergeWith of Doc.total", "{incoming.weigth}", "Doc",
        List.of("id", "total", "weight")), "{incoming.weigth}");
  }

  /** Fields are named by their Java name: the column name of a {@code @ColumnName} field is no field. */
  @Test
  void mergeWithNamingAColumnInsteadOfAField() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @MergeWith(",
        "        \"{stored} + {incoming.w}\")",
        "    long total, @ColumnName(\"w\") long weight) {}");

    assertOnlyError(source, Messages.unknownField("@MergeWith of Doc.total", "{incoming.w}", "Doc",
        List.of("id", "total", "weight")), "{incoming.w}");
  }

  @Test
  void mergeWithReadingTheIncomingValueOfAGeneratedField() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @MergeWith(",
        "        \"{stored} || {incoming.seq}\")",
        "    String tags, @DatabaseGenerated Long seq) {}");

    assertOnlyError(source, Messages.noIncomingValue("@MergeWith of Doc.tags", "{incoming.seq}", "Doc", "seq",
        "@DatabaseGenerated"), "{incoming.seq}");
  }

  /** Its stored value is there: {@code {stored.seq}} is fine (the positive test below uses it). */
  @Test
  void updateWhenReadingTheIncomingValueOfACreatedAtField() {
    TestSource source = entity("Doc",
        "@Upsertable(",
        "    table = \"docs\",",
        "    updateWhen = \"{incoming.created} > {stored.created}\")",
        "public record Doc(@Key String id, String body, @CreatedAt Instant created) {}");

    assertOnlyError(source, Messages.noIncomingValue("@Upsertable(updateWhen) of Doc", "{incoming.created}", "Doc",
        "created", "@CreatedAt"), "updateWhen = ");
  }

  @Test
  void malformedUpdateWhen() {
    TestSource source = entity("Doc",
        "@Upsertable(",
        "    table = \"docs\",",
        "    updateWhen = \"{stored.status} <> 'locked\")",
        "public record Doc(@Key String id, String status) {}");

    assertOnlyError(source, "[UpsertsMalformedExpression] the expression of @Upsertable(updateWhen) of Doc is"
        + " malformed: Unclosed quote '", "updateWhen = ");
  }

  @Test
  void updateWhenWithAStatement() {
    TestSource source = entity("Doc",
        "@Upsertable(",
        "    updateWhen = \"true; DROP TABLE doc\")",
        "public record Doc(@Key String id, String status) {}");

    assertOnlyError(source, "[UpsertsMalformedExpression] the expression of @Upsertable(updateWhen) of Doc is"
        + " malformed: A ';'", "updateWhen = ");
  }

  @Test
  void updateWhenWithTheBareStoredPlaceholder() {
    TestSource source = entity("Doc",
        "@Upsertable(",
        "    updateWhen = \"{stored} IS NULL\")",
        "public record Doc(@Key String id, String status) {}");

    assertOnlyError(source, Messages.noOwnColumn("Doc", "{stored}"), "updateWhen = ");
  }

  @Test
  void updateWhenWithTheBareIncomingPlaceholder() {
    TestSource source = entity("Doc",
        "@Upsertable(",
        "    updateWhen = \"{incoming} IS NOT NULL\")",
        "public record Doc(@Key String id, String status) {}");

    assertOnlyError(source, Messages.noOwnColumn("Doc", "{incoming}"), "updateWhen = ");
  }

  @Test
  void updateWhenNamingNoField() {
    TestSource source = entity("Doc",
        "@Upsertable(",
        "    updateWhen = \"{stored.state} <> 'locked'\")",
        "public record Doc(@Key String id, String status) {}");

    assertOnlyError(source, Messages.unknownField("@Upsertable(updateWhen) of Doc", "{stored.state}", "Doc",
        List.of("id", "status")), "updateWhen = ");
  }

  /** A placeholder written twice is one error; two different problems are two. */
  @Test
  void everyDifferentProblemOfOneExpressionIsReportedOnce() {
    TestSource source = entity("Doc",
        "@Upsertable(",
        "    updateWhen = \"{stored.a} = {incoming.a} OR {stored.b} = {stored.a}\")",
        "public record Doc(@Key String id, String status) {}");

    Compilation c = compile(source);

    assertThat(c).hadErrorCount(3);
    int line = source.lineOf("updateWhen = ");
    assertThat(c).hadErrorContaining("{stored.a} in the expression of @Upsertable(updateWhen)")
        .inFile(source.file()).onLine(line);
    assertThat(c).hadErrorContaining("{incoming.a} in the expression of @Upsertable(updateWhen)")
        .inFile(source.file()).onLine(line);
    assertThat(c).hadErrorContaining("{stored.b} in the expression of @Upsertable(updateWhen)")
        .inFile(source.file()).onLine(line);
    assertThat(processor.generatedSources()).isEmpty();
  }

  // Policies on a key, two policies on a column

  @Test
  void mergeWithOnKey() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(",
        "    @Key @MergeWith(\"{stored}\") String id, String body) {}");

    assertOnlyError(source, Messages.policyOnKey("Doc", "id", "@MergeWith"), "@Key @MergeWith");
  }

  @Test
  void fillIfNullOnKey() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(",
        "    @Key @FillIfNull String id, String body) {}");

    assertOnlyError(source, Messages.policyOnKey("Doc", "id", "@FillIfNull"), "@Key @FillIfNull");
  }

  @Test
  void versionOnKey() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public class Doc {",
        "  @Key @Version public long id;",
        "  public String body;",
        "}");

    assertOnlyError(source, Messages.policyOnKey("Doc", "id", "@Version"), "@Key @Version");
  }

  @Test
  void mergeWithAndCoalesceOnOneColumn() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Coalesce @MergeWith(\"{stored} || {incoming}\") String tags) {}");

    assertOnlyError(source, Messages.conflictingPolicies("Doc", "tags", List.of("@Coalesce", "@MergeWith")),
        "@Coalesce @MergeWith");
  }

  @Test
  void fillIfNullAndVersionOnOneColumn() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Version @FillIfNull Long version) {}");

    assertOnlyError(source, Messages.conflictingPolicies("Doc", "version", List.of("@FillIfNull", "@Version")),
        "@Version @FillIfNull");
  }

  // @Version's type and count

  @Test
  void versionOfTypeString() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Version String version) {}");

    assertOnlyError(source, Messages.versionType("Doc", "version", "java.lang.String"), "@Version String");
  }

  @Test
  void versionOfTypeDouble() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Version double version) {}");

    assertOnlyError(source, Messages.versionType("Doc", "version", "double"), "@Version double");
  }

  @Test
  void versionOfTypeBigInteger() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Version java.math.BigInteger version) {}");

    assertOnlyError(source, Messages.versionType("Doc", "version", "java.math.BigInteger"), "@Version java.math");
  }

  @Test
  void versionTwice() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Version long version,",
        "    @Version int revision) {}");

    assertOnlyError(source, Messages.versionTwice("Doc", "revision", "@Version", "version", "@Version"),
        "@Version int revision");
  }

  @Test
  void versionAfterNewerWins() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @NewerWins Instant editedAt,",
        "    @Version long version) {}");

    assertOnlyError(source, Messages.versionTwice("Doc", "version", "@Version", "editedAt", "@NewerWins"),
        "@Version long version");
  }

  @Test
  void newerWinsAfterVersion() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Version long version,",
        "    @NewerWins Instant editedAt) {}");

    assertOnlyError(source, Messages.versionTwice("Doc", "editedAt", "@NewerWins", "version", "@Version"),
        "@NewerWins Instant editedAt");
  }

  // @Version with a value source

  @Test
  void versionWithDefaultIfNull() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Version @DefaultIfNull Long version) {}");

    assertOnlyError(source, Messages.sourceWithPolicy("Doc", "version", "@DefaultIfNull", "@Version"),
        "@Version @DefaultIfNull");
  }

  @Test
  void versionWithDatabaseGenerated() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @Version @DatabaseGenerated Long version) {}");

    assertOnlyError(source, Messages.sourceWithPolicy("Doc", "version", "@DatabaseGenerated", "@Version"),
        "@Version @DatabaseGenerated");
  }

  @Test
  void mergeWithOnAnUpdatedAtColumn() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id,",
        "    @MergeWith(\"{stored}\") @UpdatedAt Instant at) {}");

    assertOnlyError(source, Messages.sourceWithPolicy("Doc", "at", "@UpdatedAt", "@MergeWith"),
        "@MergeWith(\"{stored}\") @UpdatedAt");
  }

  // Valid entities

  @Test
  void everyRuleCompilesIntoADao() {
    TestSource source = entity("Doc",
        "@Upsertable(updateWhen = \"{stored.status} <> 'locked' AND {stored.seq} IS NOT NULL\")",
        "public record Doc(",
        "    @Key String id,",
        "    @MergeWith(\"{stored} || ',' || {incoming} || '\\\"}\\\\'\") String tags,",
        "    @MergeWith(\"{stored} + {incoming} * {incoming.weight}\") long total,",
        "    long weight,",
        "    @FillIfNull String firstSeen,",
        "    @Version long version,",
        "    String status,",
        "    @DatabaseGenerated Long seq,",
        "    @UpdatedAt Instant updatedAt) {}");
    TestSource caller = TestSource.verbatim("test.Caller",
        "package test;",
        "import io.github.upserts.Outcome;",
        "import org.jdbi.v3.core.Handle;",
        "class Caller {",
        "  static Outcome call(Handle handle, Doc doc) {",
        "    return DocUpserts.upsert(handle, doc, DocUpserts.Columns.TAGS, DocUpserts.Columns.FIRST_SEEN);",
        "  }",
        "  static String name() {",
        "    return DocUpserts.Columns.UPDATED_AT.column();",
        "  }",
        "}");

    Compilation c = compile(source, caller);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.DocUpserts");
    assertThat(code).contains("Column.value(\"tags\", \"tags\", \"tags\", MergePolicy.OVERWRITE, String.class)"
        + " .mergingWith(\"{stored} || ',' || {incoming} || '\\\"}\\\\'\")");
    assertThat(code).contains(".mergingWith(\"{stored} + {incoming} * {incoming.weight}\")");
    assertThat(code).contains("MergePolicy.FILL_IF_NULL, String.class)");
    assertThat(code).contains("MergePolicy.VERSION, long.class)");
    assertThat(code).contains(".updatingWhen(\"{stored.status} <> 'locked' AND {stored.seq} IS NOT NULL\");");
    assertThat(code).contains("public enum Columns { /** * Column {@code tags}, from {@code tags}. */ TAGS(\"tags\"),");
    assertThat(code).containsMatch("TAGS\\(\"tags\"\\),.* TOTAL\\(\"total\"\\),.* WEIGHT\\(\"weight\"\\),.*"
        + " FIRST_SEEN\\(\"first_seen\"\\),.* VERSION\\(\"version\"\\),.* STATUS\\(\"status\"\\),.*"
        + " SEQ\\(\"seq\"\\),.* UPDATED_AT\\(\"updated_at\"\\);");
    assertThat(code).doesNotContain("ID(\"id\")");
    assertThat(code).contains("public static Outcome upsert(Handle handle, Doc row, Columns... columns) {"
        + " checkRow(row); return SQL.upsert(handle, row, Columns.names(columns)); }");
    // the Javadoc: the SQL rendered with the rules, the outcomes, the expression in the column list
    assertThat(code).contains("COALESCE(t.\"first_seen\", EXCLUDED.\"first_seen\")");
    assertThat(code).contains("WHERE (COALESCE(t.\"version\", 0) = COALESCE(:version, 0)) AND ((t.\"status\""
        + " &lt;&gt; 'locked' AND t.\"seq\" IS NOT NULL))");
    assertThat(code).contains("{@link Outcome#STALE} when its {@code version} was not the one {@code row}");
    assertThat(code).contains("{@link Outcome#SKIPPED} when the {@code updateWhen} condition was not");
    assertThat(code).contains("merged by its SQL expression on conflict, <code>{stored} + {incoming} *"
        + " {incoming.weight}</code>");
    assertThat(code).contains("This entity's rows are written one statement each");
    assertThat(code).contains("how many keys were inserted, updated, skipped, unchanged and stale");
  }

  /** Rows Java cannot merge are written in rounds, and the bulk methods' Javadoc says so. */
  @Test
  void mergeWithBulkJavadocSaysRounds() {
    TestSource source = entity("Doc",
        "@Upsertable",
        "public record Doc(@Key String id, @MergeWith(\"{stored} || {incoming}\") String tags) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.DocUpserts");
    assertThat(code).contains("they are written in rounds of distinct keys");
    assertThat(code).doesNotContain("Outcome#STALE");
    assertThat(code).doesNotContain("and stale");
  }

  /** Two fields whose constants would be one get one each, in declaration order; nothing fails to compile. */
  @Test
  void constantNamesThatWouldClashGetOneEach() {
    TestSource source = entity("Visit",
        "@Upsertable",
        "public class Visit {",
        "  @Key public String id;",
        "  public Instant lastSeen;",
        "  @ColumnName(\"last_seen_2\") public Instant last_seen;",
        "  public String userID;",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.VisitUpserts");
    assertThat(code).contains("LAST_SEEN(\"last_seen\"),");
    assertThat(code).contains("LAST_SEEN_(\"last_seen_2\"),");
    assertThat(code).contains("USER_ID(\"user_id\");");
  }

  /** An entity named Columns is not hidden by the enum, which then takes another name. */
  @Test
  void anEntityNamedColumns() {
    TestSource source = entity("Columns",
        "@Upsertable",
        "public record Columns(@Key String id, String name) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ColumnsUpserts");
    assertThat(code).contains("public enum Columns_ {");
    assertThat(code).contains("public static Outcome upsert(Handle handle, Columns row, Columns_... columns)");
  }

  /** An entity of keys alone gets the enum without constants and the overload, which always refuses. */
  @Test
  void anEntityWithoutNonKeyColumns() {
    TestSource source = entity("Tag",
        "@Upsertable",
        "public record Tag(@Key String name) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.TagUpserts");
    assertThat(code).contains("public enum Columns { ; private final String column;");
    assertThat(code).contains("{@code Tag} has no non-key column, so {@link Columns} has no constant");
    assertThat(code).contains("public static Outcome upsert(Handle handle, Tag row, Columns... columns)");
  }

  /** Without the new rules, nothing of them shows in the TABLE constant. */
  @Test
  void noRulesNoTrace() {
    TestSource source = entity("Plain",
        "@Upsertable",
        "public record Plain(@Key String id, String name) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.PlainUpserts");
    assertThat(code).doesNotContain(".mergingWith(");
    assertThat(code).doesNotContain(".updatingWhen(");
    assertThat(code).doesNotContain("Outcome#STALE");
    assertThat(code).doesNotContain("Outcome#SKIPPED");
  }

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
