package io.github.upserts.support;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.MergePolicy;
import io.github.upserts.dialect.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Merges two rows with the same key the way the database merges an upsert into a stored row,
 * so a batch can write each key once (PostgreSQL refuses to touch a row twice in one statement).
 * Rows are {@code Object[]}s in {@link Table#columns()} order.
 *
 * <p>Without a {@code @NewerWins} column, merging row by row gives exactly what writing the rows
 * one after another would: last wins, deltas add up (null as zero), min, max, first for
 * insert-only, last non-null for coalesce. With one, the row with the highest version wins
 * whole (insert-only columns keep the first row's value), as a stored row would end up.
 */
final class RowMerger {
  private final List<Column> columns;
  private final int version;

  RowMerger(Table table) {
    this.columns = table.columns();
    this.version = table.version().map(columns::indexOf).orElse(-1);
  }

  /** {@code incoming} merged into {@code stored}; may return either array, possibly updated. */
  Object[] merge(Object[] stored, Object[] incoming) {
    if (version >= 0) {
      if (!isNewer(incoming[version], stored[version])) {
        return stored;
      }
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).policy() == MergePolicy.INSERT_ONLY) {
          incoming[i] = stored[i];
        }
      }
      return incoming;
    }
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      if (!column.key()) {
        stored[i] = merge(column, stored[i], incoming[i]);
      }
    }
    return stored;
  }

  private static Object merge(Column column, Object stored, Object incoming) {
    return switch (column.policy()) {
      case OVERWRITE, NEWER_WINS -> incoming;
      case INSERT_ONLY -> stored;
      case COALESCE -> incoming != null ? incoming : stored;
      case INCREMENT -> add(column, stored, incoming);
      case MAX -> incoming == null || (stored != null && compare(stored, incoming) >= 0) ? stored : incoming;
      case MIN -> incoming == null || (stored != null && compare(stored, incoming) <= 0) ? stored : incoming;
    };
  }

  /** An incoming null never wins; a stored null loses to any value; equal is not newer. */
  private static boolean isNewer(Object incoming, Object stored) {
    return incoming != null && (stored == null || compare(incoming, stored) > 0);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** {@code COALESCE(a, 0) + COALESCE(b, 0)} in the column's Java type. */
  static Object add(Column column, Object a, Object b) {
    Class<?> type = column.rawType();
    if (a == null && b == null) {
      return zero(type);
    }
    Object x = a == null ? zero(b.getClass()) : a;
    Object y = b == null ? zero(a.getClass()) : b;
    if (x instanceof Long l) {
      return l + (Long) y;
    }
    if (x instanceof Integer i) {
      return i + (Integer) y;
    }
    if (x instanceof Short s) {
      return (short) (s + (Short) y);
    }
    if (x instanceof Byte s) {
      return (byte) (s + (Byte) y);
    }
    if (x instanceof Double d) {
      return d + (Double) y;
    }
    if (x instanceof Float f) {
      return f + (Float) y;
    }
    if (x instanceof BigDecimal d) {
      return d.add((BigDecimal) y);
    }
    if (x instanceof BigInteger d) {
      return d.add((BigInteger) y);
    }
    throw new IllegalArgumentException(
        "Cannot add values of type " + x.getClass().getName() + " of column " + column.name());
  }

  private static Object zero(Class<?> type) {
    if (type == long.class || type == Long.class) {
      return 0L;
    } else if (type == int.class || type == Integer.class) {
      return 0;
    } else if (type == short.class || type == Short.class) {
      return (short) 0;
    } else if (type == byte.class || type == Byte.class) {
      return (byte) 0;
    } else if (type == double.class || type == Double.class) {
      return 0d;
    } else if (type == float.class || type == Float.class) {
      return 0f;
    } else if (type == BigDecimal.class) {
      return BigDecimal.ZERO;
    } else if (type == BigInteger.class) {
      return BigInteger.ZERO;
    }
    return null;
  }
}
