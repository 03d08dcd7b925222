package io.github.upserts.internal;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.dialect.Table;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two rows of one key merge as the plan's assignments say, evaluated in Java. */
class RowMergerTest {
  private static Table table(boolean versioned) {
    return new Table("E", "", "e", List.of(
        Column.key("k", "k", "k", String.class),
        Column.value("n", "n", "n", MergePolicy.INCREMENT, long.class),
        Column.value("big", "big", "big", MergePolicy.INCREMENT, BigInteger.class),
        Column.value("hi", "hi", "hi", MergePolicy.MAX, Integer.class),
        Column.value("lo", "lo", "lo", MergePolicy.MIN, Integer.class),
        Column.value("c", "c", "c", MergePolicy.COALESCE, String.class),
        Column.value("first", "first", "first", MergePolicy.INSERT_ONLY, String.class),
        Column.value("last", "last", "last", MergePolicy.OVERWRITE, String.class),
        versioned
            ? Column.value("v", "v", "v", MergePolicy.NEWER_WINS, Long.class)
            : Column.value("v", "v", "v", MergePolicy.OVERWRITE, Long.class)));
  }

  @Test
  void eachPolicyMergesAsTheDatabaseWould() {
    RowMerger merger = new RowMerger(table(false));
    Object[] merged = merger.merge(
        new Object[] {"k", 2L, null, 5, null, "kept", "a", "x", 1L},
        new Object[] {"k", 3L, BigInteger.TEN, null, 4, null, "b", null, 2L});
    assertThat(merged).asList().containsExactly("k", 5L, BigInteger.TEN, 5, 4, "kept", "a", null, 2L).inOrder();
  }

  @Test
  void withAVersionTheNewerRowWinsWholeButInsertOnlyColumnsKeepTheFirst() {
    RowMerger merger = new RowMerger(table(true));
    Object[] older = {"k", 2L, null, 5, 1, "c1", "a", "x", 1L};
    Object[] newer = {"k", 3L, null, 4, 2, null, "b", "y", 2L};
    assertThat(merger.merge(older.clone(), newer.clone())).asList()
        .containsExactly("k", 3L, null, 4, 2, null, "a", "y", 2L).inOrder();
    // an older or unversioned row never wins
    assertThat(merger.merge(newer.clone(), older.clone())).asList().containsExactlyElementsIn(newer).inOrder();
    Object[] unversioned = {"k", 9L, null, 9, 9, "z", "z", "z", null};
    assertThat(merger.merge(older.clone(), unversioned)).asList().containsExactlyElementsIn(older).inOrder();
  }
}
