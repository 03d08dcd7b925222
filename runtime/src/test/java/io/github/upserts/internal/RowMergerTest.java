package io.github.upserts.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.dialect.Table;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
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

  private static Table counters() {
    return new Table("Counter", "", "counters", List.of(
        Column.key("k", "k", "k", String.class),
        Column.value("n", "n", "n", MergePolicy.INCREMENT, long.class),
        Column.value("share", "share", "share", MergePolicy.INCREMENT, double.class),
        Column.value("tiny", "tiny", "tiny", MergePolicy.INCREMENT, short.class)));
  }

  @Test
  void aSumOutOfTheJavaTypesRangeFailsNamingTheKeyInsteadOfWrapping() {
    RowMerger merger = new RowMerger(counters());
    UnableToExecuteStatementException e = assertThrows(UnableToExecuteStatementException.class, () -> merger.merge(
        new Object[] {"a", Long.MAX_VALUE, 0d, (short) 0}, new Object[] {"a", Long.MAX_VALUE, 0d, (short) 0}));
    assertThat(e).hasMessageThat().contains("(k=a)");
    assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("22003");
    assertThrows(UnableToExecuteStatementException.class, () -> merger.merge(
        new Object[] {"a", 0L, 0d, Short.MAX_VALUE}, new Object[] {"a", 0L, 0d, (short) 1}));
  }

  @Test
  void sumsFollowTheColumnsType() {
    Map<String, String> types = Map.of("n", "integer", "share", "numeric(12,4)", "tiny", "smallint");
    RowMerger merger = new RowMerger(counters(), c -> types.get(c.name()));
    // in range of a long, out of range of an integer column
    assertThrows(UnableToExecuteStatementException.class, () -> merger.merge(
        new Object[] {"a", 2_000_000_000L, 0d, (short) 0}, new Object[] {"a", 2_000_000_000L, 0d, (short) 0}));
    Object[] merged = merger.merge(new Object[] {"a", 1L, 0.1, (short) 1}, new Object[] {"a", 2L, 0.2, (short) 2});
    assertThat(merged).asList().containsExactly("a", 3L, 0.3, (short) 3).inOrder();
    // each partial sum rounded to the column's scale, as each row written alone is stored
    RowMerger scaled = new RowMerger(counters(), c -> "numeric(6,2)");
    Object[] row = scaled.merge(new Object[] {"a", 0L, 0.004, (short) 0}, new Object[] {"a", 0L, 0.004, (short) 0});
    assertThat(scaled.merge(row, new Object[] {"a", 0L, 0.004, (short) 0})[2]).isEqualTo(0.0);
    assertThat(scaled.merge(new Object[] {"a", 0L, 0.005, (short) 0}, new Object[] {"a", 0L, 0.005, (short) 0})[2]).isEqualTo(0.02);
    assertThat(new RowMerger(counters(), c -> "real").merge(new Object[] {"a", 0L, 0.1, (short) 0},
        new Object[] {"a", 0L, 0.2, (short) 0})[2]).isEqualTo((double) (0.1f + 0.2f));
    assertThat(new RowMerger(counters(), c -> "bigint unsigned").merge(new Object[] {"a", 1L, 0d, (short) 0},
        new Object[] {"a", 2L, 0d, (short) 0})[1]).isEqualTo(3L);
    assertThrows(UnableToExecuteStatementException.class, () -> new RowMerger(counters(), c -> "int unsigned")
        .merge(new Object[] {"a", 1L, 0d, (short) 0}, new Object[] {"a", -2L, 0d, (short) 0}));
  }
}
