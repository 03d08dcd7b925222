package io.github.upserts.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one batch statement, one per distinct key, each the merge of the given rows with
 * that key, handed out in key order ({@link BatchKeys#ORDER}).
 *
 * <p>Rows that arrive in key order (every collection larger than a chunk is put in key order
 * first) are kept in a plain list: a key equal to the last one merges into the last row, a
 * greater one appends, and nothing is hashed or sorted. The first key that arrives out of order
 * turns on a hash index of the keys, and the rows are sorted when taken.
 */
final class Chunk {
  private final RowMerger merger;
  private List<Object> keys = new ArrayList<>();
  private List<Object[]> rows = new ArrayList<>();
  /** Position of each key; null while the keys arrived in strictly increasing order. */
  private Map<Object, Integer> positions;

  Chunk(RowMerger merger) {
    this.merger = merger;
  }

  /** The distinct keys held. */
  int size() {
    return rows.size();
  }

  /** Whether a row with {@code key} is held (merging into it would not grow the chunk). */
  boolean contains(Object key) {
    return positionOf(key) >= 0;
  }

  /**
   * Merges {@code row} into the held row with {@code key}, or holds it as a new key; false (and
   * nothing held) when the held row cannot take it ({@link RowMerger#mergeable}): the chunk must
   * be written first.
   */
  boolean add(Object key, Object[] row) {
    int position = positionOf(key);
    if (position >= 0) {
      if (!merger.mergeable(rows.get(position), row)) {
        return false;
      }
      rows.set(position, merger.merge(rows.get(position), row));
      return true;
    }
    keys.add(key);
    rows.add(row);
    if (positions != null) {
      positions.put(key, rows.size() - 1);
    }
    return true;
  }

  /**
   * The held rows in key order (keys that compare equal but are not equal, such as
   * {@code 1.0} and {@code 1.00}, in their order of arrival); the chunk is empty afterwards.
   */
  List<Object[]> take() {
    List<Object[]> taken = rows;
    if (positions != null) {
      List<Integer> order = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        order.add(i);
      }
      List<Object> held = keys;
      order.sort(Comparator.comparing(held::get, BatchKeys.ORDER));
      taken = new ArrayList<>(order.size());
      for (int i : order) {
        taken.add(rows.get(i));
      }
    }
    keys = new ArrayList<>();
    rows = new ArrayList<>();
    positions = null;
    return taken;
  }

  /**
   * Where the row with {@code key} is, or -1. While in order, only the last key can be equal to
   * a new one: a greater key is new, and a key not greater than the last turns on the index.
   */
  private int positionOf(Object key) {
    if (positions == null) {
      int last = keys.size() - 1;
      if (last < 0) {
        return -1;
      }
      if (java.util.Objects.equals(keys.get(last), key)) {
        return last;
      }
      if (BatchKeys.ORDER.compare(keys.get(last), key) < 0) {
        return -1;
      }
      positions = new HashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        positions.put(keys.get(i), i);
      }
    }
    Integer position = positions.get(key);
    return position == null ? -1 : position;
  }
}
