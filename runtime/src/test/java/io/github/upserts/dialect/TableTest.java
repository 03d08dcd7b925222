package io.github.upserts.dialect;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void splitsKeysFromValuesInDeclarationOrder() {
    Table table = new Table("E", "", "e", List.of(
        Column.value("a", "a", "a", MergePolicy.OVERWRITE),
        Column.key("k", "k", "k"),
        Column.value("b", "b", "b", MergePolicy.INCREMENT)));
    assertThat(table.keys()).containsExactly(table.column(1));
    assertThat(table.values()).containsExactly(table.column(0), table.column(2)).inOrder();
  }

  @Test
  void rejectsWhatCouldNotWork() {
    assertThrows(IllegalArgumentException.class,
        () -> new Table("E", "", "e", List.of(Column.value("a", "a", "a", MergePolicy.OVERWRITE))));
    assertThrows(IllegalArgumentException.class, () -> new Table("E", "", "e", List.of(
        Column.key("a", "a", "a"), Column.value("A", "b", "b", MergePolicy.OVERWRITE))));
    assertThrows(IllegalArgumentException.class,
        () -> Column.key("a", "a", "not a parameter"));
    assertThrows(IllegalArgumentException.class,
        () -> new Column("a", "a", "a", true, MergePolicy.INCREMENT));
  }
}
