package io.github.upserts.internal;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.dialect.Table;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merging rows by key and handing them out in key order, in order or not. */
class ChunkTest {
  /** A key and a counter that adds up, so every merge shows in the result. */
  private static final Table TABLE = new Table("E", "", "e", List.of(
      Column.key("k", "k", "k", Object.class),
      Column.value("n", "n", "n", MergePolicy.INCREMENT, Long.class)));

  private static Chunk chunk(Object... keysAndCounts) {
    Chunk chunk = new Chunk(new RowMerger(TABLE));
    for (int i = 0; i < keysAndCounts.length; i += 2) {
      chunk.add(keysAndCounts[i], new Object[] {keysAndCounts[i], keysAndCounts[i + 1]});
    }
    return chunk;
  }

  private static List<List<Object>> rows(List<Object[]> rows) {
    return rows.stream().map(List::of).toList();
  }

  @Test
  void rowsInKeyOrderMergeAdjacentDuplicatesAndKeepTheirOrder() {
    Chunk chunk = chunk(1L, 1L, 2L, 10L, 2L, 5L, 3L, 100L);
    assertThat(chunk.size()).isEqualTo(3);
    assertThat(chunk.contains(2L)).isTrue();
    assertThat(chunk.contains(4L)).isFalse();
    assertThat(rows(chunk.take()))
        .containsExactly(List.of(1L, 1L), List.of(2L, 15L), List.of(3L, 100L)).inOrder();
    assertThat(chunk.size()).isEqualTo(0);
  }

  @Test
  void rowsOutOfOrderMergeWhereverTheirKeyIsAndComeOutSorted() {
    Chunk chunk = chunk(3L, 1L, 1L, 2L, 3L, 4L, 2L, 8L, 1L, 16L);
    assertThat(chunk.size()).isEqualTo(3);
    assertThat(chunk.contains(3L)).isTrue();
    assertThat(rows(chunk.take()))
        .containsExactly(List.of(1L, 18L), List.of(2L, 8L), List.of(3L, 5L)).inOrder();
  }

  @Test
  void askingForAnEarlierKeyFindsItAndAnEmptiedChunkStartsInOrderAgain() {
    Chunk chunk = chunk(1L, 1L, 2L, 1L, 3L, 1L);
    assertThat(chunk.contains(1L)).isTrue();
    chunk.add(1L, new Object[] {1L, 5L});
    assertThat(rows(chunk.take()))
        .containsExactly(List.of(1L, 6L), List.of(2L, 1L), List.of(3L, 1L)).inOrder();
    chunk.add(9L, new Object[] {9L, 1L});
    chunk.add(9L, new Object[] {9L, 1L});
    assertThat(rows(chunk.take())).containsExactly(List.of(9L, 2L));
  }

  @Test
  void keysThatCompareEqualButAreNotEqualStayApartInArrivalOrder() {
    BigDecimal one = new BigDecimal("1.0");
    BigDecimal oneAgain = new BigDecimal("1.00");
    Chunk chunk = chunk(oneAgain, 1L, new BigDecimal("0.5"), 1L, one, 1L, oneAgain, 1L);
    assertThat(chunk.size()).isEqualTo(3);
    assertThat(rows(chunk.take())).containsExactly(
        List.of(new BigDecimal("0.5"), 1L), List.of(oneAgain, 2L), List.of(one, 1L)).inOrder();
  }
}
