package io.github.upserts.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.upserts.processor.TestSource.compile;
import static io.github.upserts.processor.TestSource.entity;
import static io.github.upserts.processor.TestSource.generatedCode;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Under a Turkish default locale {@code "I".toLowerCase()} is a dotless {@code "ı"} and
 * {@code "i".toUpperCase()} a dotted {@code "İ"}; names derived from Java identifiers must not
 * depend on the locale the build runs in.
 */
class ProcessorTurkishLocaleTest {

  @Test
  void namesStayAsciiUnderTurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr"));
    try {
      Compilation c = compile(entity("IndexEntry",
          "@Upsertable",
          "public record IndexEntry(",
          "    @Key long userId,",
          "    @Key String ID,",
          "    boolean isIndexed,",
          "    @Increment long impressions) {}"));

      assertThat(c).succeededWithoutWarnings();
      String code = generatedCode(c, "test.IndexEntryUpserts");
      assertThat(code).contains("new Table(\"IndexEntry\", \"\", \"index_entry\",");
      assertThat(code).contains("Column.key(\"user_id\", \"userId\", \"userId\",");
      assertThat(code).contains("Column.key(\"id\", \"ID\", \"ID\",");
      assertThat(code).contains(
          "Column.value(\"is_indexed\", \"isIndexed\", \"isIndexed\", MergePolicy.OVERWRITE,");
      assertThat(code).contains("public static long incrementImpressions(Handle handle,");
      assertThat(code).doesNotContainMatch("[ıİ]");
    } finally {
      Locale.setDefault(saved);
    }
  }
}
