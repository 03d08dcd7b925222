package io.github.upserts.bind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import io.github.upserts.dialect.Column;

/**
 * The H2 data type a Java type is sent as in a multi-row {@code VALUES} list.
 *
 * <p>Why it is needed: H2 types a {@code VALUES} column from its expressions when the statement
 * is prepared, and a bare {@code ?} has no type then, so the column becomes
 * {@code CHARACTER VARYING} and every value makes a round trip through text (bytes are
 * re-encoded, arrays and time zones lost). A {@code CAST(? AS type)} to the family of the Java
 * type keeps the value exact; assigning it to the real column then converts it as an
 * {@code INSERT} would. Single-row statements need none of this: there each parameter stands
 * where H2 gives it the column's type.
 */
public final class H2Types {
  private H2Types() {}

  private static final String TEXT = "CHARACTER VARYING";
  private static final String TIMESTAMP_TZ = "TIMESTAMP(9) WITH TIME ZONE";

  private static final Map<Class<?>, String> TYPES = Map.ofEntries(
      Map.entry(String.class, TEXT),
      Map.entry(char.class, TEXT),
      Map.entry(Character.class, TEXT),
      Map.entry(long.class, "BIGINT"),
      Map.entry(Long.class, "BIGINT"),
      Map.entry(int.class, "INTEGER"),
      Map.entry(Integer.class, "INTEGER"),
      Map.entry(short.class, "SMALLINT"),
      Map.entry(Short.class, "SMALLINT"),
      Map.entry(byte.class, "TINYINT"),
      Map.entry(Byte.class, "TINYINT"),
      Map.entry(double.class, "DOUBLE PRECISION"),
      Map.entry(Double.class, "DOUBLE PRECISION"),
      Map.entry(float.class, "REAL"),
      Map.entry(Float.class, "REAL"),
      Map.entry(boolean.class, "BOOLEAN"),
      Map.entry(Boolean.class, "BOOLEAN"),
      // DECFLOAT keeps every digit and the scale of the value; NUMERIC without a scale would round
      Map.entry(BigDecimal.class, "DECFLOAT"),
      Map.entry(BigInteger.class, "DECFLOAT"),
      Map.entry(UUID.class, "UUID"),
      Map.entry(LocalDate.class, "DATE"),
      Map.entry(java.sql.Date.class, "DATE"),
      Map.entry(LocalDateTime.class, "TIMESTAMP(9)"),
      Map.entry(java.sql.Timestamp.class, "TIMESTAMP(9)"),
      Map.entry(java.util.Date.class, "TIMESTAMP(9)"),
      Map.entry(LocalTime.class, "TIME(9)"),
      Map.entry(java.sql.Time.class, "TIME(9)"),
      Map.entry(OffsetTime.class, "TIME(9) WITH TIME ZONE"),
      Map.entry(Instant.class, TIMESTAMP_TZ),
      Map.entry(OffsetDateTime.class, TIMESTAMP_TZ),
      Map.entry(ZonedDateTime.class, TIMESTAMP_TZ),
      Map.entry(byte[].class, "BINARY VARYING"));

  /**
   * The H2 type of {@code type}, or null when there is none known (your own types, arrays as
   * {@code List}s): then the entity's batches are written row by row. Enums travel as their
   * names (JDBI's default), which H2 converts to an {@code ENUM}, text or number column alike.
   */
  public static String of(Class<?> type) {
    if (type.isEnum()) {
      return TEXT;
    }
    return TYPES.get(type);
  }

  /** A column type to suggest in DDL for {@code column}. */
  public static String forDdl(Column column) {
    Class<?> type = column.rawType();
    if (type == BigDecimal.class) {
      return "NUMERIC(38, 10) /* choose the precision and scale */";
    }
    if (type == BigInteger.class) {
      return "NUMERIC(38)";
    }
    String known = of(type);
    return known != null ? known
        : TEXT + " /* choose the type for " + column.type().getTypeName() + " */";
  }
}
