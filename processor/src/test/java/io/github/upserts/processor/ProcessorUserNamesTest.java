package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.upserts.processor.TestSource.compile;
import static io.github.upserts.processor.TestSource.generatedCode;
import static io.github.upserts.processor.TestSource.verbatim;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whatever the user names the entity, its fields or its package, the generated DAO compiles
 * without a warning: the names generated code spells (java.lang's types, the types it imports,
 * its own members, locals and parameters) never capture or shadow the user's, nor the reverse.
 * Each test compiles many entities at once, so an entity named like a type another entity's DAO
 * uses is tried too.
 */
class ProcessorUserNamesTest {

  /** Simple names the generated code refers to: java.lang's, imported ones and its own. */
  private static final List<String> TYPE_NAMES = List.of("Object", "String", "Long", "Integer",
      "Boolean", "Math", "Override", "Class", "Iterable", "Optional", "List", "Stream", "Handle",
      "Jdbi", "Mapper", "Checks", "Table", "Column", "EntitySql", "MergePolicy", "Outcome",
      "BatchOutcome", "ResultSet", "SQLException", "StatementContext", "RowMapper", "ColumnMapper",
      "ResultColumns", "GenericType", "Type", "SqlStatement", "Generated", "Upserts",
      "SchemaMismatchException");

  /** Names of the DAO's members, locals and parameters. */
  private static final List<String> MEMBER_NAMES = List.of("handle", "row", "rows", "deltas",
      "statement", "delta", "rs", "ctx", "r", "c", "SQL", "INSTANCE", "HostileUpserts",
      "QuietUpserts", "checkRow", "values", "bindRow", "key");

  /** The example of issue #14: {@code new Object[]} meant the entity. */
  @Test
  void entityNamedObject() {
    assertCompiles(verbatim("fz.Object",
        "package fz;",
        "",
        "import io.github.upserts.Increment;",
        "import io.github.upserts.Key;",
        "import io.github.upserts.Upsertable;",
        "",
        "@Upsertable",
        "public record Object(@Key String id, @Increment long n) {}"));
  }

  /** The example of issue #14: {@code ünï} was bound as {@code p1}, which {@code p1} already was. */
  @Test
  void aNonAsciiFieldIsNotBoundUnderAnotherFieldsName() {
    Compilation c = compile(TestSource.entity("Foo",
        "@Upsertable",
        "public record Foo(@Key int p1, String \u00fcn\u00ef) {}"));

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.FooUpserts");
    assertThat(code).contains("Column.key(\"p1\", \"p1\", \"p1\", int.class)");
    assertThat(code).contains("Column.value(\"\u00fcn\u00ef\", \"\u00fcn\u00ef\", \"uni\",");
  }

  /**
   * Bind parameters are distinct by construction: plain names keep theirs, the others get an
   * ASCII form that gives way to every plain name, whatever order the fields come in.
   */
  @Test
  void bindParametersNeverCollide() {
    Compilation c = compile(TestSource.entity("Clash",
        "@Upsertable",
        "public record Clash(",
        "    @Key String \u00fcn\u00ef,",
        "    String $,",
        "    String \u00fc,",
        "    String uni,",
        "    String uni_2,",
        "    String p,",
        "    String u) {}"));

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.ClashUpserts");
    assertThat(code).contains("Column.key(\"\u00fcn\u00ef\", \"\u00fcn\u00ef\", \"uni_3\",");
    assertThat(code).contains("Column.value(\"$\", \"$\", \"p_2\",");
    assertThat(code).contains("Column.value(\"\u00fc\", \"\u00fc\", \"u_2\",");
    assertThat(code).contains("Column.value(\"uni\", \"uni\", \"uni\",");
    assertThat(code).contains("Column.value(\"uni_2\", \"uni_2\", \"uni_2\",");
    assertThat(code).contains("Column.value(\"p\", \"p\", \"p\",");
  }

  @Test
  void entitiesNamedLikeTypesTheDaoUses() {
    assertCompiles(TYPE_NAMES.stream().map(name -> entity("fz", name)).toArray(TestSource[]::new));
  }

  @Test
  void entitiesInTheDefaultPackageNamedLikeTypesTheDaoUses() {
    assertCompiles(TYPE_NAMES.stream().map(name -> entity("", name)).toArray(TestSource[]::new));
  }

  @Test
  void entitiesInPackagesNamedLikeNamesTheDaoUses() {
    assertCompiles(List.of("java.lang.fz", "io", "org", "java", "io.github.upserts.fz", "Handle",
            "SQL", "row", "String").stream()
        .map(pkg -> entity(pkg, "Counter")).toArray(TestSource[]::new));
  }

  /**
   * Fields named like the DAO's members, locals and parameters and the types it uses, each also
   * with the suffixes the DAO derives names with, as keys (the parameters of find and increment)
   * and as values.
   */
  @Test
  void fieldsNamedLikeNamesTheDaoUses() {
    // one entity per list: columns differing only in case are an error of their own
    assertCompiles(
        hostile("Hostile", "@Key ", MEMBER_NAMES), hostile("Quiet", "", MEMBER_NAMES),
        hostile("HostileTypes", "@Key ", TYPE_NAMES), hostile("QuietTypes", "", TYPE_NAMES));
  }

  private static TestSource hostile(String entity, String annotation, List<String> names) {
    List<String> lines = new ArrayList<>(List.of(
        "package fz;",
        "",
        "@io.github.upserts.Upsertable",
        "public record " + entity + "(",
        "    @io.github.upserts.Key long id,"));
    Set<String> fields = new HashSet<>();
    for (String name : names) {
      for (String[] field : new String[][] {{"java.util.List<java.lang.String>", name},
          {"java.lang.Long", name + "Type"}, {"java.util.Set<java.lang.Integer>", name + "Index"},
          {"java.util.UUID", name + "Mapper"}}) {
        if (fields.add(field[1])) { // Column + Mapper is ColumnMapper
          lines.add("    " + annotation + field[0] + " " + field[1] + ",");
        }
      }
    }
    lines.add("    @io.github.upserts.Increment long n) {}");
    return verbatim("fz." + entity, lines.stream()
        .map(line -> line.replace("@Key ", "@io.github.upserts.Key "))
        .toArray(String[]::new));
  }

  /** A record named {@code name} in package {@code pkg} with a column of each kind of binding and reading. */
  private static TestSource entity(String pkg, String name) {
    List<String> lines = new ArrayList<>();
    if (!pkg.isEmpty()) {
      lines.add("package " + pkg + ";");
    }
    lines.addAll(List.of(
        "@io.github.upserts.Upsertable(table = \"" + pkg.replace('.', '_') + name + "\")",
        "public record " + name + "(",
        "    @io.github.upserts.Key java.lang.String id,",
        "    @io.github.upserts.Key java.util.UUID uuid,",
        "    java.util.List<java.lang.String> tags,",
        "    java.lang.Integer boxed,",
        "    java.time.Instant at,",
        "    @io.github.upserts.Increment java.lang.Long n) {}"));
    return verbatim(pkg.isEmpty() ? name : pkg + "." + name, lines.toArray(String[]::new));
  }

  private static void assertCompiles(TestSource... sources) {
    Compilation c = compile(sources);
    assertThat(c).succeededWithoutWarnings();
  }
}
