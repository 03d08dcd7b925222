package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.upserts.processor.TestSource.entity;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins every diagnostic of the processor: its message, the element it is reported on (the field
 * or record component for a column problem, the type for a type problem), that it is the only
 * error (so follow-on errors fail the test) and that no DAO is generated.
 */
class ProcessorDiagnosticsTest {
  private final RecordingUpsertsProcessor processor = new RecordingUpsertsProcessor();

  @Test
  void interfaceIsNotAClass() {
    TestSource source = entity("Shape",
        "@Upsertable",
        "public interface Shape {}");

    assertOnlyError(source, Messages.notAClass("interface", "Shape"), "interface Shape");
  }

  @Test
  void enumIsNotAClass() {
    TestSource source = entity("Color",
        "@Upsertable",
        "public enum Color { RED }");

    assertOnlyError(source, Messages.notAClass("enum", "Color"), "enum Color");
  }

  @Test
  void abstractClass() {
    TestSource source = entity("Base",
        "@Upsertable",
        "public abstract class Base {",
        "  @Key public String id;",
        "}");

    assertOnlyError(source, Messages.abstractClass("Base"), "class Base");
  }

  @Test
  void nonStaticInnerClass() {
    TestSource source = entity("Outer",
        "public class Outer {",
        "  @Upsertable",
        "  public class Inner {",
        "    @Key public String id;",
        "  }",
        "}");

    assertOnlyError(source, Messages.innerClass("Outer.Inner"), "class Inner");
  }

  @Test
  void privateNestedType() {
    TestSource source = entity("Outer",
        "public class Outer {",
        "  @Upsertable",
        "  private static class Hidden {",
        "    @Key String id;",
        "    Hidden() {}",
        "  }",
        "}");

    assertOnlyError(source, Messages.privateType("Outer.Hidden"), "class Hidden");
  }

  /** The default constructor of a private class is private too: making the class visible fixes both. */
  @Test
  void privateNestedTypeWithDefaultConstructorGetsOneError() {
    TestSource source = entity("Outer",
        "public class Outer {",
        "  @Upsertable",
        "  private static class Hidden {",
        "    @Key String id;",
        "  }",
        "}");

    assertOnlyError(source, Messages.privateType("Outer.Hidden"), "class Hidden");
  }

  @Test
  void genericEntity() {
    TestSource source = entity("Box",
        "@Upsertable",
        "public class Box<T> {",
        "  @Key public String id;",
        "  public T content;",
        "}");

    assertOnlyError(source, Messages.genericEntity("Box"), "class Box");
  }

  @Test
  void noKey() {
    TestSource source = entity("Visit",
        "@Upsertable",
        "public record Visit(String page, long views) {}");

    assertOnlyError(source, Messages.noKey("Visit"), "record Visit");
  }

  @Test
  void noColumns() {
    TestSource source = entity("Empty",
        "@Upsertable",
        "public class Empty {",
        "  static int instances;",
        "  transient String cache;",
        "}");

    assertOnlyError(source, Messages.noColumns("Empty"), "class Empty");
  }

  @Test
  void incrementOnString() {
    TestSource source = entity("Label",
        "@Upsertable",
        "public class Label {",
        "  @Key public String id;",
        "  @Increment public String text;",
        "}");

    assertOnlyError(source, Messages.incrementNotNumeric("Label", "text", "java.lang.String"),
        "@Increment public String text");
  }

  /** javac 17 gives a RecordComponentElement no source position; the component's field has one. */
  @Test
  void recordComponentProblemPointsAtTheComponent() {
    TestSource source = entity("Tag",
        "@Upsertable",
        "public record Tag(",
        "    @Key String id,",
        "    @Increment String text) {}");

    assertOnlyError(source, Messages.incrementNotNumeric("Tag", "text", "java.lang.String"),
        "@Increment String text");
  }

  @Test
  void incrementOnBoolean() {
    TestSource source = entity("Flag",
        "@Upsertable",
        "public class Flag {",
        "  @Key public String id;",
        "  @Increment public boolean set;",
        "}");

    assertOnlyError(source, Messages.incrementNotNumeric("Flag", "set", "boolean"),
        "@Increment public boolean set");
  }

  @Test
  void incrementOnKey() {
    TestSource source = entity("Counter",
        "@Upsertable",
        "public class Counter {",
        "  @Key @Increment public long id;",
        "  @Increment public long hits;",
        "}");

    assertOnlyError(source, Messages.incrementOnKey("Counter", "id"), "public long id;");
  }

  @Test
  void twoFieldsSnakeCasingToTheSameColumn() {
    TestSource source = entity("Member",
        "@Upsertable",
        "public class Member {",
        "  @Key public long userId;",
        "  public long user_id;",
        "}");

    assertOnlyError(source, Messages.duplicateColumn("Member", "user_id", "user_id", "userId"),
        "public long user_id;");
  }

  @Test
  void twoColumnNamesDifferingOnlyInCase() {
    TestSource source = entity("Person",
        "@Upsertable",
        "public class Person {",
        "  @Key public long id;",
        "  @ColumnName(\"Name\") public String first;",
        "  @ColumnName(\"NAME\") public String last;",
        "}");

    assertOnlyError(source, Messages.duplicateColumn("Person", "last", "NAME", "first"),
        "public String last;");
  }

  /** The example of issue #14: reported on the attribute's value, not on the class. */
  @Test
  void blankTableName() {
    TestSource source = entity("Blank",
        "@Upsertable(",
        "    table = \" \")",
        "public record Blank(@Key long id) {}");

    assertOnlyError(source, Messages.badTableName("Blank", "table", " ", "it is blank"),
        "table = \" \"");
  }

  @Test
  void tableNameWithControlCharacter() {
    TestSource source = entity("Tabbed",
        "@Upsertable(skipUnchanged = true,",
        "    table = \"page\\tviews\")",
        "public record Tabbed(@Key long id) {}");

    assertOnlyError(source, Messages.badTableName("Tabbed", "table", "page\tviews",
        "it contains the control character U+0009"), "table = ");
  }

  @Test
  void schemaNameWithControlCharacter() {
    TestSource source = entity("Split",
        "@Upsertable(",
        "    schema = \"app\\tlog\")",
        "public record Split(@Key long id) {}");

    assertOnlyError(source, Messages.badTableName("Split", "schema", "app\tlog",
        "it contains the control character U+0009"), "schema = ");
  }

  @Test
  void blankColumnName() {
    TestSource source = entity("Spaced",
        "@Upsertable",
        "public class Spaced {",
        "  @Key public long id;",
        "  @ColumnName(",
        "      \" \")",
        "  public String label;",
        "}");

    assertOnlyError(source, Messages.badColumnName("Spaced", "label", " ", "it is blank"),
        "      \" \")");
  }

  /** On a record component too, where javac puts the annotation on the field, the accessor and the component. */
  @Test
  void columnNameOfARecordComponent() {
    TestSource source = entity("Coded",
        "@Upsertable",
        "public record Coded(",
        "    @Key long id,",
        "    @ColumnName(",
        "        \"a:b\")",
        "    String code) {}");

    assertOnlyError(source, Messages.badColumnName("Coded", "code", "a:b", Naming.identifierProblem("a:b")),
        "\"a:b\"");
  }

  /**
   * The example of issue #14: MariaDB got table {@code backslash}, as JDBI reads a backslash in
   * a statement as an escape; so does everything else JDBI or a driver reads as SQL inside
   * MariaDB's and MySQL's backticks, where nothing can escape it (see ProcIdentifiersTest).
   */
  @ParameterizedTest
  @ValueSource(strings = {"back\\slash", "it's", "say \"hi\"", "a:b", "a?", "{fn now}", "x}",
      "<name>", "a>b", "a--b", "a/*b", "a*/b"})
  void tableNameWithWhatJdbiOrADriverReadsAsSql(String table) {
    TestSource source = entity("Tricky",
        "@Upsertable(",
        "    table = " + javaString(table) + ")",
        "public record Tricky(@Key long id) {}");

    String problem = Naming.identifierProblem(table);
    assertThat(problem).contains("which JDBI or the JDBC driver would read as SQL");
    assertOnlyError(source, Messages.badTableName("Tricky", "table", table, problem), "table = ");
  }

  @Test
  void schemaNameOutsideTheBasicMultilingualPlane() {
    TestSource source = entity("Emoji",
        "@Upsertable(",
        "    schema = \"app\\uD83D\\uDE00\")",
        "public record Emoji(@Key long id) {}");

    assertOnlyError(source, Messages.badTableName("Emoji", "schema", "app\uD83D\uDE00",
        "it contains U+1F600, outside the Basic Multilingual Plane, which MariaDB and MySQL names"
            + " cannot hold"), "schema = ");
  }

  @Test
  void columnNameEndingWithASpace() {
    TestSource source = entity("Padded",
        "@Upsertable",
        "public record Padded(",
        "    @Key long id,",
        "    @ColumnName(",
        "        \"label \")",
        "    String label) {}");

    assertOnlyError(source, Messages.badColumnName("Padded", "label", "label ",
        "it ends with a space, which MariaDB and MySQL refuse in a name"), "\"label \")");
  }

  /** A name derived from a field is checked too, and reported on the field. */
  @Test
  void columnNameDerivedFromALongField() {
    String field = "a".repeat(31) + "B".repeat(32);
    String column = "a".repeat(31) + "_" + "b".repeat(32);
    TestSource source = entity("Wordy",
        "@Upsertable",
        "public record Wordy(",
        "    @Key long id,",
        "    String " + field + ") {}");

    assertOnlyError(source, Messages.badColumnName("Wordy", field, column,
        "it is 64 bytes long in UTF-8, and PostgreSQL cuts names after 63"), "String " + field);
  }

  @Test
  void tableNameOfMoreThan63BytesInUtf8() {
    String table = "\u00e9".repeat(32);
    TestSource source = entity("Accented",
        "@Upsertable(",
        "    table = " + javaString(table) + ")",
        "public record Accented(@Key long id) {}");

    assertOnlyError(source, Messages.badTableName("Accented", "table", table,
        "it is 64 bytes long in UTF-8, and PostgreSQL cuts names after 63"), "table = ");
  }

  /** {@code value} as a Java string literal. */
  private static String javaString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void privateFieldWithoutGetter() {
    TestSource source = entity("Account",
        "@Upsertable",
        "public class Account {",
        "  @Key public final String id;",
        "  private final long balance;",
        "",
        "  public Account(String id, long balance) {",
        "    this.id = id;",
        "    this.balance = balance;",
        "  }",
        "}");

    assertOnlyError(source,
        Messages.unreadable("Account", "balance", List.of("getBalance", "balance")),
        "private final long balance;");
  }

  @Test
  void privateFieldWithGetterButNoSetter() {
    TestSource source = entity("Account",
        "@Upsertable",
        "public class Account {",
        "  @Key public String id;",
        "  private long balance;",
        "",
        "  public Account() {}",
        "",
        "  public long getBalance() {",
        "    return balance;",
        "  }",
        "}");

    assertOnlyError(source, Messages.unwritable("Account", "balance", "setBalance(long)", 2),
        "private long balance;");
  }

  @Test
  void noUsableConstructor() {
    TestSource source = entity("Account",
        "@Upsertable",
        "public class Account {",
        "  @Key public String id;",
        "  public long balance;",
        "",
        "  public Account(String id) {",
        "    this.id = id;",
        "  }",
        "}");

    assertOnlyError(source, Messages.noConstructor("Account", 2), "class Account");
  }

  @Test
  void twoCountersGettingTheSameIncrementMethod() {
    TestSource source = entity("Stats",
        "@Upsertable",
        "public class Stats {",
        "  @Key public String id;",
        "  @Increment public long views;",
        "  @Increment @ColumnName(\"views_total\") public long Views;",
        "}");

    assertOnlyError(source, Messages.methodClash("Stats", "Views", "incrementViews"),
        "public long Views;");
  }

  @Test
  void daoNameTakenByAnExistingClass() {
    TestSource source = entity("Visit",
        "@Upsertable",
        "public record Visit(@Key String page) {}",
        "",
        "class VisitUpserts {}");

    Compilation c = compile(source);

    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[UpsertsWriteFailed] could not write the generated class"
            + " test.VisitUpserts: ")
        .inFile(source.file())
        .onLine(source.lineOf("record Visit"));
    assertThat(processor.generatedSources()).isEmpty();
  }

  @Test
  void daoNameOfNestedEntityTakenByAnExistingClass() {
    TestSource source = entity("Outer",
        "public class Outer {",
        "  @Upsertable",
        "  public record Inner(@Key String id) {}",
        "}",
        "",
        "class Outer_InnerUpserts {}");

    Compilation c = compile(source);

    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[UpsertsWriteFailed] could not write the generated class"
            + " test.Outer_InnerUpserts: ")
        .inFile(source.file())
        .onLine(source.lineOf("record Inner"));
    assertThat(processor.generatedSources()).isEmpty();
  }

  /** The valid entity's DAO makes javac run another round, in which the deferred one is retried. */
  @Test
  void unresolvableFieldTypeIsReportedOnce() {
    TestSource source = entity("Order",
        "@Upsertable",
        "public class Order {",
        "  @Key public String id;",
        "  public Missing item;",
        "}");
    TestSource valid = entity("Customer",
        "@Upsertable",
        "public record Customer(@Key String id) {}");

    Compilation c = compile(source, valid);

    // javac's own error on the missing type is expected; the processor adds exactly one.
    String message = Messages.unresolvedType("Order", "item", "Missing");
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("cannot find symbol")
        .inFile(source.file())
        .onLine(source.lineOf("public Missing item;"));
    assertThat(c).hadErrorContaining(message)
        .inFile(source.file())
        .onLine(source.lineOf("public Missing item;"));
    assertThat(c.errors().stream().filter(d -> d.getMessage(null).contains(message)).count())
        .isEqualTo(1);
    assertThat(processor.generatedSources()).containsExactly("test.CustomerUpserts");
  }

  @Test
  void everyErrorOfAnEntityIsReported() {
    TestSource source = entity("Label",
        "@Upsertable",
        "public class Label {",
        "  public String id;",
        "  @Increment public String text;",
        "}");

    Compilation c = compile(source);

    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining(
            Messages.incrementNotNumeric("Label", "text", "java.lang.String"))
        .inFile(source.file())
        .onLine(source.lineOf("public String text;"));
    assertThat(c).hadErrorContaining(Messages.noKey("Label"))
        .inFile(source.file())
        .onLine(source.lineOf("class Label"));
    assertThat(processor.generatedSources()).isEmpty();
  }

  @Test
  void validEntityIsGeneratedNextToAnInvalidOne() {
    TestSource bad = entity("Bad",
        "@Upsertable",
        "public record Bad(String id) {}");
    TestSource good = entity("Good",
        "@Upsertable",
        "public record Good(@Key String id) {}");

    Compilation c = compile(bad, good);

    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(Messages.noKey("Bad"));
    assertThat(processor.generatedSources()).containsExactly("test.GoodUpserts");
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
