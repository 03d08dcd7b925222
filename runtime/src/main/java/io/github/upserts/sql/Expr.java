package io.github.upserts.sql;

import io.github.upserts.dialect.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * A node of the expression tree an upsert plan assigns to a column or tests in its guard. Each
 * node renders itself through a {@link Spelling} (where one database writes a node differently
 * from another, the spelling says how, at that node only) and evaluates itself in Java, so
 * merging two rows of one batch follows the very definition the database applies.
 */
public sealed interface Expr {

  /** The SQL text of this node in {@code spelling}. */
  String render(Spelling spelling);

  /** This node's value for a stored and an incoming row, in Java. */
  Object evaluate(Values values);

  /** The values an expression reads, by column. */
  interface Values {
    Object stored(Column column);

    Object incoming(Column column);

    /** {@code a + b} in {@code column}'s arithmetic (null as zero); Java's by default, overflow an error. */
    default Object sum(Column column, Object a, Object b) {
      return Arithmetic.add(column, a, b);
    }
  }

  /** The value the table holds. */
  record Stored(Column column) implements Expr {
    public String render(Spelling spelling) {
      return spelling.stored(column);
    }

    public Object evaluate(Values values) {
      return values.stored(column);
    }
  }

  /**
   * The stored value of {@code column} in the row of {@code table} with the statement's key, read
   * by a subquery ({@link Spelling#storedByKey}); null when no row has the key. What an insert
   * proposes for a {@link Column.Source#STORED_IF_NULL} column.
   */
  record StoredByKey(io.github.upserts.dialect.Table table, Column column) implements Expr {
    public String render(Spelling spelling) {
      return spelling.storedByKey(table, column, spelling::parameter);
    }

    public Object evaluate(Values values) {
      return values.stored(column);
    }
  }

  /** The value the statement brings. */
  record Incoming(Column column) implements Expr {
    public String render(Spelling spelling) {
      return spelling.incoming(column);
    }

    public Object evaluate(Values values) {
      return values.incoming(column);
    }
  }

  /** The bound parameter of {@code column} ({@link Spelling#parameter}), where the incoming row is not in scope (an insert's values). */
  record Parameter(Column column) implements Expr {
    public String render(Spelling spelling) {
      return spelling.parameter(column);
    }

    public Object evaluate(Values values) {
      return values.incoming(column);
    }
  }

  /**
   * A SQL expression the entity declares ({@code @MergeWith}, {@code @Upsertable(updateWhen)}),
   * its placeholders rendered as the stored or incoming values of {@code own} (null for a table's
   * condition) or of the column of {@code table} with the field they name. Only the database
   * evaluates it: rows that would need it in Java are never merged there.
   */
  record Sql(Template template, Column own, io.github.upserts.dialect.Table table) implements Expr {
    public String render(Spelling spelling) {
      return template.render(ref -> {
        Column column = ref.field() == null ? own : table.property(ref.field());
        // a column this statement leaves to the database (a null @DefaultIfNull, or @Coalesce on
        // NOT NULL) is not in the proposed row as the entity gave it: its incoming value is the
        // row's null, on every database (not the DEFAULT or the stored value the insert would take)
        return ref.stored() ? spelling.stored(column) : column.bound() ? spelling.incoming(column) : "NULL";
      });
    }

    public Object evaluate(Values values) {
      throw new UnsupportedOperationException("The SQL expression " + template + " is evaluated by the database only");
    }
  }

  /** {@code a = b}. */
  record Equal(Expr a, Expr b) implements Expr {
    public String render(Spelling spelling) {
      return a.render(spelling) + " = " + b.render(spelling);
    }

    public Object evaluate(Values values) {
      return java.util.Objects.equals(a.evaluate(values), b.evaluate(values));
    }
  }

  /** A constant, as SQL and as its Java value. */
  record Literal(String sql, Object value) implements Expr {
    public String render(Spelling spelling) {
      return sql;
    }

    public Object evaluate(Values values) {
      return value;
    }
  }

  /** The database's clock, as {@code column} stores it ({@link Spelling#clock}); unknown in Java (null). */
  record Clock(Column column) implements Expr {
    public String render(Spelling spelling) {
      return spelling.clock(column);
    }

    public Object evaluate(Values values) {
      return null;
    }
  }

  /** {@code then} when {@code condition} holds, else {@code otherwise}. */
  record When(Expr condition, Expr then, Expr otherwise) implements Expr {
    public String render(Spelling spelling) {
      return "CASE WHEN " + condition.render(spelling) + " THEN " + then.render(spelling)
          + " ELSE " + otherwise.render(spelling) + " END";
    }

    public Object evaluate(Values values) {
      return (Boolean.TRUE.equals(condition.evaluate(values)) ? then : otherwise).evaluate(values);
    }
  }

  /** The first argument that is not null. */
  record Coalesce(Expr first, Expr second) implements Expr {
    public String render(Spelling spelling) {
      return "COALESCE(" + first.render(spelling) + ", " + second.render(spelling) + ")";
    }

    public Object evaluate(Values values) {
      Object value = first.evaluate(values);
      return value != null ? value : second.evaluate(values);
    }
  }

  /** The larger ({@code max}) or smaller of two values; a null on either side keeps the other. */
  record Extreme(boolean max, Expr first, Expr second) implements Expr {
    public String render(Spelling spelling) {
      return spelling.extreme(max, first.render(spelling), second.render(spelling));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object evaluate(Values values) {
      Object a = first.evaluate(values);
      Object b = second.evaluate(values);
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      int order = ((Comparable) a).compareTo(b);
      return (max ? order >= 0 : order <= 0) ? a : b;
    }
  }

  /**
   * The stored value plus a delta, a stored null counting as zero, and a null delta too when
   * {@code deltaNullable} (a delta given to an increment method is never null).
   */
  record Sum(Column column, Expr stored, Expr delta, boolean deltaNullable) implements Expr {
    public String render(Spelling spelling) {
      return spelling.sum(stored.render(spelling), delta.render(spelling), deltaNullable);
    }

    public Object evaluate(Values values) {
      return values.sum(column, stored.evaluate(values), delta.evaluate(values));
    }
  }

  /** The version check: the incoming value is not null and greater than the stored one, or that is null. */
  record Newer(Column version) implements Expr {
    public String render(Spelling spelling) {
      String incoming = spelling.incoming(version);
      String stored = spelling.stored(version);
      return incoming + " IS NOT NULL AND (" + stored + " IS NULL OR " + incoming + " > " + stored + ")";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object evaluate(Values values) {
      Object incoming = values.incoming(version);
      Object stored = values.stored(version);
      return incoming != null && (stored == null || ((Comparable) incoming).compareTo(stored) > 0);
    }
  }

  /** Whether some column's stored value differs from its merged one, nulls equal to nulls. */
  record Differs(List<Column> columns, List<Expr> merged) implements Expr {
    public String render(Spelling spelling) {
      return spelling.differs(
          columns.stream().map(spelling::stored).toList(),
          merged.stream().map(m -> m.render(spelling)).toList());
    }

    public Object evaluate(Values values) {
      for (int i = 0; i < columns.size(); i++) {
        if (!java.util.Objects.equals(values.stored(columns.get(i)), merged.get(i).evaluate(values))) {
          return true;
        }
      }
      return false;
    }
  }

  /** Every condition holds; each rendered in parentheses. */
  static String all(List<Expr> conditions, Spelling spelling) {
    return conditions.stream().map(c -> "(" + c.render(spelling) + ")").collect(Collectors.joining(" AND "));
  }

  /** Java arithmetic of {@link Sum}, in the column's Java type; an overflow throws {@link ArithmeticException}. */
  final class Arithmetic {
    private Arithmetic() {}

    public static Object add(Column column, Object a, Object b) {
      if (a == null && b == null) {
        return zero(column.rawType());
      }
      Object x = a == null ? zero(b.getClass()) : a;
      Object y = b == null ? zero(a.getClass()) : b;
      BinaryOperator<Object> sum = SUMS.get(x.getClass());
      if (sum == null) {
        throw new IllegalArgumentException(
            "Cannot add values of type " + x.getClass().getName() + " of column " + column.name());
      }
      return sum.apply(x, y);
    }

    private static Object zero(Class<?> type) {
      return ZEROS.get(type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type);
    }

    private static final Map<Class<?>, Object> ZEROS = Map.of(Long.class, 0L,
        Integer.class, 0, Short.class, (short) 0, Byte.class, (byte) 0, Double.class, 0d, Float.class, 0f,
        BigDecimal.class, BigDecimal.ZERO, BigInteger.class, BigInteger.ZERO);

    /** Addition in each numeric type, as Java does it, but an integer overflow throws instead of wrapping. */
    private static final Map<Class<?>, BinaryOperator<Object>> SUMS = Map.of(
        Long.class, (x, y) -> Math.addExact((Long) x, (Long) y), Integer.class, (x, y) -> Math.addExact((Integer) x, (Integer) y),
        Short.class, (x, y) -> narrowed((Short) x + (Short) y, Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v),
        Byte.class, (x, y) -> narrowed((Byte) x + (Byte) y, Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v),
        Double.class, (x, y) -> (Double) x + (Double) y, Float.class, (x, y) -> (Float) x + (Float) y,
        BigDecimal.class, (x, y) -> ((BigDecimal) x).add((BigDecimal) y),
        BigInteger.class, (x, y) -> ((BigInteger) x).add((BigInteger) y));

    private static Object narrowed(int sum, int min, int max, java.util.function.IntFunction<Object> narrow) {
      if (sum < min || sum > max) {
        throw new ArithmeticException("out of range");
      }
      return narrow.apply(sum);
    }
  }
}
