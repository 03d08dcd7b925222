package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.upserts.processor.TestSource.compile;
import static io.github.upserts.processor.TestSource.entity;
import static io.github.upserts.processor.TestSource.generatedBytes;
import static io.github.upserts.processor.TestSource.generatedCode;
import static io.github.upserts.processor.TestSource.verbatim;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Every shape of entity the processor accepts compiles, together with the DAO generated for it,
 * without a warning. A few tests check the generated signatures users call; none compares whole
 * files.
 */
class ProcessorGenerationTest {

  @Test
  void recordWithCompositeKeyAndCounter() {
    Compilation c = compile(pageView());

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.PageViewUpserts");
    assertThat(code).contains("public final class PageViewUpserts {");
    assertThat(code).contains("public static Outcome upsert(Handle handle, PageView row)");
    assertThat(code).contains("public static PageView upsertReturning(Handle handle, PageView row)");
    assertThat(code).contains("public static boolean insertIfAbsent(Handle handle, PageView row)");
    assertThat(code).contains(
        "public static Optional<PageView> find(Handle handle, String page, LocalDate day)");
    assertThat(code).contains("public static long incrementViews(Handle handle, String page,"
        + " LocalDate day, long delta)");
    assertThat(code).contains("public static RowMapper<PageView> rowMapper()");
  }

  @Test
  void classWithPublicFieldsAndNoArgConstructor() {
    TestSource source = entity("Hit",
        "@Upsertable",
        "public class Hit {",
        "  @Key public String path;",
        "  @Increment public Integer count;",
        "  public Instant seen;",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.HitUpserts");
    assertThat(code).contains("Hit row = new Hit();");
    assertThat(code).contains("row.path = r.getString(pathIndex);");
    assertThat(code).contains(
        "public static Integer incrementCount(Handle handle, String path, Integer delta)");
  }

  @Test
  void javaBean() {
    TestSource source = entity("Customer",
        "@Upsertable",
        "public class Customer {",
        "  @Key private long id;",
        "  private String name;",
        "  @Increment private BigDecimal spent;",
        "",
        "  public long getId() { return id; }",
        "  public void setId(long id) { this.id = id; }",
        "  public String getName() { return name; }",
        "  public void setName(String name) { this.name = name; }",
        "  public BigDecimal getSpent() { return spent; }",
        "  public void setSpent(BigDecimal spent) { this.spent = spent; }",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.CustomerUpserts");
    assertThat(code).contains("statement.bind(\"name\", row.getName());");
    assertThat(code).contains("row.setName(r.getString(nameIndex));");
  }

  /** Parameters of one type in another order than the fields: only names tell them apart. */
  @Test
  void immutableClassWithConstructorParametersInAnotherOrder() {
    TestSource source = entity("Person",
        "@Upsertable",
        "public final class Person {",
        "  @Key private final String id;",
        "  private final String name;",
        "  private final String city;",
        "",
        "  public Person(String city, String id, String name) {",
        "    this.id = id;",
        "    this.name = name;",
        "    this.city = city;",
        "  }",
        "",
        "  public String getId() { return id; }",
        "  public String getName() { return name; }",
        "  public String getCity() { return city; }",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    assertThat(generatedCode(c, "test.PersonUpserts")).contains("new Person( r.getString(cityIndex),"
        + " r.getString(idIndex), r.getString(nameIndex));");
  }

  @Test
  void booleanWithIsGetter() {
    TestSource source = entity("Subscription",
        "@Upsertable",
        "public class Subscription {",
        "  @Key private String email;",
        "  private boolean active;",
        "",
        "  public String getEmail() { return email; }",
        "  public void setEmail(String email) { this.email = email; }",
        "  public boolean isActive() { return active; }",
        "  public void setActive(boolean active) { this.active = active; }",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    assertThat(generatedCode(c, "test.SubscriptionUpserts"))
        .contains("statement.bind(\"active\", row.isActive());");
  }

  @Test
  void nestedStaticEntity() {
    TestSource source = entity("Outer",
        "public class Outer {",
        "  @Upsertable",
        "  public static class Inner {",
        "    @Key public String id;",
        "    public long size;",
        "  }",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    assertThat(generatedCode(c, "test.Outer_InnerUpserts"))
        .contains("public static Outcome upsert(Handle handle, Outer.Inner row)");
  }

  @Test
  void entityInTheDefaultPackage() {
    TestSource source = verbatim("Counter",
        "import io.github.upserts.Increment;",
        "import io.github.upserts.Key;",
        "import io.github.upserts.Upsertable;",
        "",
        "@Upsertable",
        "public record Counter(@Key String name, @Increment long total) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("CounterUpserts").isNotNull();
  }

  @Test
  void reservedWordsAsTableAndColumns() {
    TestSource source = entity("Purchase",
        "@Upsertable(table = \"order\")",
        "public class Purchase {",
        "  @Key public String user;",
        "  @Key public String group;",
        "  public String select;",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    assertThat(generatedCode(c, "test.PurchaseUpserts")).contains("new Table(\"Purchase\", \"\", \"order\",");
  }

  /** The writer's own parameters give way to key fields of the same name. */
  @Test
  void keysNamedLikeTheWritersParameters() {
    TestSource source = entity("Tally",
        "@Upsertable",
        "public record Tally(",
        "    @Key String handle,",
        "    @Key String delta,",
        "    @Key String statement,",
        "    @Increment long count) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.TallyUpserts");
    assertThat(code).contains("public static Optional<Tally> find(Handle handle_, String handle,"
        + " String delta, String statement)");
    assertThat(code).contains("public static long incrementCount(Handle handle_, String handle,"
        + " String delta, String statement, long delta_)");
  }

  /** Key parameters are in scope in find and increment, where the DAO refers to its own members. */
  @Test
  void keysNamedLikeTheDaosOwnMembers() {
    TestSource source = entity("Snippet",
        "@Upsertable",
        "public record Snippet(",
        "    @Key String SQL,",
        "    @Key String Checks,",
        "    @Increment long uses) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void parameterizedColumnType() {
    TestSource source = entity("Tagged",
        "@Upsertable",
        "public record Tagged(@Key long id, List<String> tags) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    assertThat(generatedCode(c, "test.TaggedUpserts"))
        .contains("new GenericType<List<String>>() {}.getType()");
  }

  @Test
  void columnNames() {
    TestSource source = entity("Link",
        "@Upsertable",
        "public record Link(",
        "    @Key @ColumnName(\"page_url\") String url,",
        "    @Increment @ColumnName(\"hits\") long count) {}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.LinkUpserts");
    assertThat(code).contains("Column.key(\"page_url\", \"url\", \"url\",");
    assertThat(code).contains("Column.value(\"hits\", \"count\", \"count\", MergePolicy.INCREMENT,");
    assertThat(code).contains("public static long incrementCount(Handle handle, String url, long delta)");
  }

  /**
   * {@code @ColumnName} on the all-args constructor's parameter alone: where Kotlin before 2.2
   * puts it when written on a data class property ({@code @ColumnName("hits") val count: Long}),
   * and where JDBI's own constructor mapper reads it.
   */
  @Test
  void columnNameOnTheConstructorParameter() {
    TestSource source = entity("Link",
        "@Upsertable",
        "public final class Link {",
        "  @Key private final String url;",
        "  @Increment private final long count;",
        "  public Link(@ColumnName(\"page_url\") String url, @ColumnName(\"hits\") long count) {",
        "    this.url = url;",
        "    this.count = count;",
        "  }",
        "  public String getUrl() { return url; }",
        "  public long getCount() { return count; }",
        "}");

    Compilation c = compile(source);

    assertThat(c).succeededWithoutWarnings();
    String code = generatedCode(c, "test.LinkUpserts");
    assertThat(code).contains("Column.key(\"page_url\", \"url\", \"url\",");
    assertThat(code).contains("Column.value(\"hits\", \"count\", \"count\", MergePolicy.INCREMENT,");
  }

  @Test
  void sameSourceGivesTheSameBytes() {
    byte[] first = generatedBytes(compile(pageView()), "test.PageViewUpserts");
    byte[] second = generatedBytes(compile(pageView()), "test.PageViewUpserts");

    assertThat(second).isEqualTo(first);
  }

  /** A column type generated by another processor resolves in a later round. */
  @Test
  void columnTypeGeneratedByAnotherProcessor() {
    TestSource source = entity("Shipment",
        "@Upsertable",
        "public record Shipment(@Key String id, Parcel parcel) {}");

    Compilation c = javac()
        .withProcessors(new UpsertsProcessor(), new ParcelGenerator())
        .compile(source.file());

    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.ShipmentUpserts").isNotNull();
  }

  private static TestSource pageView() {
    return entity("PageView",
        "@Upsertable(table = \"page_views\")",
        "public record PageView(",
        "    @Key String page,",
        "    @Key LocalDate day,",
        "    @Increment long views,",
        "    Instant lastSeen) {}");
  }

  /** Generates {@code test.Parcel} in the first round, like a value-type processor would. */
  private static final class ParcelGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) {
        return false;
      }
      done = true;
      try (Writer out = processingEnv.getFiler().createSourceFile("test.Parcel").openWriter()) {
        out.write("package test;\n\npublic record Parcel(String label) {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }
}
