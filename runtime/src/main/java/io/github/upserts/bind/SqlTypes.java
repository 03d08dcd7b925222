package io.github.upserts.bind;

import io.github.upserts.dialect.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The families of Java column types and what H2, MariaDB/MySQL and SQLite call each: the one
 * table of Java-to-SQL type knowledge outside PostgreSQL's array types ({@link ArrayType}).
 *
 * <p>H2's type is also what a bulk {@code VALUES} list casts each parameter to: H2 types a
 * {@code VALUES} column from its expressions when the statement is prepared, and a bare
 * {@code ?} has no type then, so the column would become {@code CHARACTER VARYING} and every
 * value would make a round trip through text (bytes re-encoded, time zones lost). Single-row
 * statements need no cast: there each parameter stands where H2 gives it the column's type.
 * The other names are the types {@code verifySchema} suggests in DDL.
 */
public enum SqlTypes {
  TEXT(List.of(String.class, char.class, Character.class), "CHARACTER VARYING", "TEXT", "TEXT"),
  INT8(List.of(long.class, Long.class), "BIGINT", "BIGINT", "INTEGER"),
  INT4(List.of(int.class, Integer.class), "INTEGER", "INT", "INTEGER"),
  INT2(List.of(short.class, Short.class), "SMALLINT", "SMALLINT", "INTEGER"),
  INT1(List.of(byte.class, Byte.class), "TINYINT", "TINYINT", "INTEGER"),
  FLOAT8(List.of(double.class, Double.class), "DOUBLE PRECISION", "DOUBLE", "REAL"),
  FLOAT4(List.of(float.class, Float.class), "REAL", "FLOAT", "REAL"),
  BOOLEAN(List.of(boolean.class, Boolean.class), "BOOLEAN", "BOOLEAN", "INTEGER"),
  // DECFLOAT keeps every digit and the scale of the value; NUMERIC without a scale would round
  DECIMAL(List.of(BigDecimal.class), "DECFLOAT", "DECIMAL(38, 10) /* choose the precision and scale */", "NUMERIC"),
  WHOLE(List.of(BigInteger.class), "DECFLOAT", "DECIMAL(65, 0)", "INTEGER"),
  UUID(List.of(java.util.UUID.class), "UUID", "CHAR(36)", null),
  DATE(List.of(LocalDate.class, java.sql.Date.class), "DATE", "DATE", "DATE"),
  TIMESTAMP(List.of(LocalDateTime.class, java.sql.Timestamp.class, java.util.Date.class), "TIMESTAMP(9)", "DATETIME(6)", "TIMESTAMP"),
  TIME(List.of(LocalTime.class, java.sql.Time.class), "TIME(9)", "TIME(6)", null),
  TIME_WITH_ZONE(List.of(OffsetTime.class), "TIME(9) WITH TIME ZONE", null, null),
  INSTANT(List.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class), "TIMESTAMP(9) WITH TIME ZONE", "DATETIME(6)", "TIMESTAMP"),
  BYTES(List.of(byte[].class), "BINARY VARYING", "BLOB", "BLOB");

  private final List<Class<?>> classes;
  /** H2's type, MariaDB's/MySQL's and SQLite's; null where none is known. */
  public final String h2;
  public final String mySql;
  public final String sqlite;

  SqlTypes(List<Class<?>> classes, String h2, String mySql, String sqlite) {
    this.classes = classes;
    this.h2 = h2;
    this.mySql = mySql;
    this.sqlite = sqlite;
  }

  /**
   * The family of {@code type}, or null for the application's own types and {@code List}s. Enums
   * travel as their names (JDBI's default), so they are text.
   */
  public static SqlTypes of(Class<?> type) {
    if (type.isEnum()) {
      return TEXT;
    }
    for (SqlTypes family : values()) {
      if (family.classes.contains(type)) {
        return family;
      }
    }
    return null;
  }

  /** H2's type of {@code type}, or null when there is none known (then batches go row by row). */
  public static String h2(Class<?> type) {
    SqlTypes family = of(type);
    return family == null ? null : family.h2;
  }

  /** {@code name} with a leading space, or a comment asking to choose the type of {@code column}. */
  public static String orChoose(String name, String fallback, Column column) {
    return " " + (name != null ? name : fallback + "/* choose the type for " + column.type().getTypeName() + " */");
  }
}
