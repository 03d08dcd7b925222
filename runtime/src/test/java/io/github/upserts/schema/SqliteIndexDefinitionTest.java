package io.github.upserts.schema;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a unique index's {@code CREATE INDEX} text in SQLite's {@code sqlite_master} is split into parts and predicate. */
class SqliteIndexDefinitionTest {

  @Test
  void expressionsAndThePredicateAreSplitAtTheTopLevel() {
    List<String> parts = new ArrayList<>();
    String predicate = SqliteCatalog.indexDefinition("CREATE UNIQUE INDEX \"a(b\" ON \"t,(\" (lower(email), substr(\"x,)\", 1, 2) DESC,"
        + " 'lit)' || y)\n  WHERE deleted_at IS NULL AND n IN (1, 2)", parts);
    assertThat(parts).containsExactly("lower(email)", "substr(\"x,)\", 1, 2)", "'lit)' || y").inOrder();
    assertThat(predicate).isEqualTo("deleted_at IS NULL AND n IN (1, 2)");
  }

  @Test
  void anIndexWithoutPredicateHasNone() {
    List<String> parts = new ArrayList<>();
    assertThat(SqliteCatalog.indexDefinition("CREATE UNIQUE INDEX i ON t(email COLLATE NOCASE ASC)", parts)).isNull();
    assertThat(parts).containsExactly("email COLLATE NOCASE");
  }
}
