package io.github.upserts.internal;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
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
  private final boolean folded;

  BatchKeys(Table table) {
    this(table, false);
  }

  /**
   * @param folded whether text is folded (letter case, accents and trailing spaces dropped), so
   *     that keys a case- or accent-insensitive collation holds equal are equal here, and adjacent
   *     in {@link #ORDER}; the database tells which of them are equal ({@link io.github.upserts.exec.KeyClasses})
   */
  BatchKeys(Table table, boolean folded) {
    List<Column> columns = table.columns();
    this.keyIndexes = table.keys().stream().mapToInt(columns::indexOf).toArray();
    this.folded = folded;
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

  private Object normalized(Object value) {
    if (folded && (value instanceof String || value instanceof Enum<?>)) {
      String text = Normalizer.normalize(value instanceof Enum<?> e ? e.name() : (String) value, Normalizer.Form.NFKD);
      return MARKS.matcher(text).replaceAll("").toLowerCase(Locale.ROOT).stripTrailing();
    }
    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
  }

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /**
   * Natural order for comparable key values, {@code String.valueOf} order for the rest; a null
   * (a key value only where nulls are a real key, {@link io.github.upserts.dialect.Table#nullKeys()})
   * equals a null and follows every value, as PostgreSQL orders them.
   */
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
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? 1 : -1;
    }
    if (a instanceof Comparable && a.getClass() == b.getClass()) {
      return ((Comparable) a).compareTo(b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }
}
