package io.github.upserts.internal;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The key of a row in a batch, with value equality (arrays by content) and one total order, so
 * duplicates can be merged and every batch locks its rows in the same order: concurrent batches
 * over overlapping keys then never deadlock.
 */
final class BatchKeys {
  private final int[] keyIndexes;

  BatchKeys(Table table) {
    List<Column> columns = table.columns();
    this.keyIndexes = table.keys().stream().mapToInt(columns::indexOf).toArray();
  }

  /** A value usable as a map key: a single key value, or a list of them. */
  Object of(Object[] row) {
    if (keyIndexes.length == 1) {
      return normalized(row[keyIndexes[0]]);
    }
    List<Object> key = new ArrayList<>(keyIndexes.length);
    for (int index : keyIndexes) {
      key.add(normalized(row[index]));
    }
    return key;
  }

  private static Object normalized(Object value) {
    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
  }

  /** Natural order for comparable key values, {@code String.valueOf} order for the rest. */
  static final Comparator<Object> ORDER = BatchKeys::compare;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof List<?> left && b instanceof List<?> right) {
      for (int i = 0; i < left.size(); i++) {
        int c = compare(left.get(i), right.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
    if (a instanceof Comparable && a.getClass() == b.getClass()) {
      return ((Comparable) a).compareTo(b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }
}
