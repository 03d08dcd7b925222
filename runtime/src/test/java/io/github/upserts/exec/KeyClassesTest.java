package io.github.upserts.exec;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.exec.KeyClasses.Equality;
import io.github.upserts.exec.KeyClasses.Rows;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query that asks the database which keys of a batch are equal, in each shape of derived table. */
class KeyClassesTest {
  private static final Table CONTACTS = new Table("Contact", "", "contacts", List.of(
      Column.key("email", "email", "email", String.class), Column.key("day", "day", "day", LocalDate.class)));

  @Test
  void noQueryWhereEveryKeyComparesAsJavaDoes() {
    assertThat(KeyClasses.of(CONTACTS, List.of(Equality.PLAIN, Equality.PLAIN), Rows.NAMED_VALUES, false)).isNull();
    assertThat(KeyClasses.exactInJava(CONTACTS.keys().get(1))).isTrue();
    assertThat(KeyClasses.exactInJava(CONTACTS.keys().get(0))).isFalse();
  }

  @Test
  void eachShapeRanksTheKeysInTheColumnsTypeAndCollation() {
    List<Equality> citext = List.of(Equality.cast("citext"), Equality.PLAIN);
    assertThat(KeyClasses.of(CONTACTS, citext, Rows.NAMED_VALUES, false).sql(2)).isEqualTo("SELECT i, dense_rank() OVER"
        + " (ORDER BY k0, k1) FROM (VALUES (0, CAST(? AS citext), ?), (1, CAST(? AS citext), ?)) AS v(i, k0, k1)");
    List<Equality> nocase = List.of(new Equality("?", " COLLATE NOCASE"), Equality.PLAIN);
    assertThat(KeyClasses.of(CONTACTS, nocase, Rows.SQLITE_VALUES, false).sql(2)).isEqualTo("SELECT column1, dense_rank()"
        + " OVER (ORDER BY column2 COLLATE NOCASE, column3) FROM (VALUES (0, ?, ?), (1, ?, ?))");
    List<Equality> ci = List.of(new Equality("CONVERT(? USING utf8mb4)", " COLLATE utf8mb4_unicode_ci"), Equality.PLAIN);
    assertThat(KeyClasses.of(CONTACTS, ci, Rows.UNION_ALL, false).sql(2)).isEqualTo("SELECT i, dense_rank() OVER (ORDER BY"
        + " k0 COLLATE utf8mb4_unicode_ci, k1) FROM (SELECT 0 AS i, CONVERT(? USING utf8mb4) AS k0, ? AS k1 UNION ALL"
        + " SELECT 1 AS i, CONVERT(? USING utf8mb4) AS k0, ? AS k1) v");
    assertThat(Equality.cast("DECIMAL(10,2)").castType()).isEqualTo("DECIMAL(10,2)");
    assertThat(ci.get(0).castType()).isNull();
  }
}
