package io.github.upserts.internal;

import io.github.upserts.dialect.Column;
import io.github.upserts.sql.Expr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Additions of two deltas in a batch, in the arithmetic of the column they are added to: a sum
 * out of the range of an integer column (a {@code long} field on an {@code integer} column) or of
 * the Java type overflows as the database's addition would, instead of wrapping; a {@code double}
 * added to a {@code numeric} column is added in decimal, as the database does, and one added to a
 * {@code real} column in single precision.
 */
final class ColumnArithmetic {
  private ColumnArithmetic() {}

  /**
   * {@code a + b} (null as zero) as the column of SQL type {@code sqlType} (null when unknown)
   * adds them, in the Java type of the values.
   *
   * @throws ArithmeticException when the sum is out of the range of the Java type or the column's type
   */
  static Object add(Column column, String sqlType, Object a, Object b) {
    Object sum = Expr.Arithmetic.add(column, a, b);
    if (sqlType == null) {
      return sum;
    }
    String type = sqlType.toLowerCase(Locale.ROOT);
    Matcher scaled = SCALED.matcher(type);
    if (scaled.matches() && (sum instanceof BigDecimal || sum instanceof Double || sum instanceof Float)) {
      // each row written alone stores its sum rounded to the column's scale, half away from zero
      int scale = Integer.parseInt(scaled.group(1));
      BigDecimal exact = rounded(decimal(a), scale).add(decimal(b)).setScale(scale, RoundingMode.HALF_UP);
      return sum instanceof BigDecimal ? exact : sum instanceof Double ? (Object) exact.doubleValue() : (Object) exact.floatValue();
    }
    if (sum instanceof Double || sum instanceof Float) {
      if (type.startsWith("numeric") || type.startsWith("decimal")) {
        BigDecimal exact = decimal(a).add(decimal(b));
        return sum instanceof Double ? (Object) exact.doubleValue() : (Object) exact.floatValue();
      }
      if (sum instanceof Double && type.matches("real|float4|float")) {
        return (double) (number(a).floatValue() + number(b).floatValue());
      }
      return sum;
    }
    int bits = integerBits(type);
    if (bits > 0 && (sum instanceof Number n) && !(sum instanceof BigDecimal)) {
      BigInteger value = sum instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue());
      boolean unsigned = type.contains("unsigned");
      BigInteger max = BigInteger.ONE.shiftLeft(unsigned ? bits : bits - 1).subtract(BigInteger.ONE);
      BigInteger min = unsigned ? BigInteger.ZERO : max.negate().subtract(BigInteger.ONE);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new ArithmeticException("out of the range of " + sqlType);
      }
    }
    return sum;
  }

  /** A decimal type with a scale: {@code numeric(6,2)}, {@code decimal(10, 2)}. */
  private static final Pattern SCALED = Pattern.compile("(?:numeric|decimal)\\(\\s*\\d+\\s*,\\s*(\\d+)\\s*\\).*");

  private static BigDecimal rounded(BigDecimal value, int scale) {
    return value.scale() > scale ? value.setScale(scale, RoundingMode.HALF_UP) : value;
  }

  /** The width of an integer type, or 0 for another type. */
  private static int integerBits(String type) {
    if (type.startsWith("tinyint")) {
      return 8;
    }
    if (type.startsWith("smallint") || type.equals("int2")) {
      return 16;
    }
    if (type.startsWith("mediumint")) {
      return 24;
    }
    if (type.startsWith("bigint") || type.equals("int8")) {
      return 64;
    }
    return type.matches("(int|integer)(\\(\\d+\\))?( unsigned)?( zerofill)?|int4") ? 32 : 0;
  }

  private static Number number(Object value) {
    return value == null ? 0 : (Number) value;
  }

  private static BigDecimal decimal(Object value) {
    return value == null ? BigDecimal.ZERO : new BigDecimal(number(value).toString());
  }
}
