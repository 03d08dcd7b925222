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
import java.util.regex.Pattern;

/**
 * The families of Java column types and what H2, MariaDB/MySQL and SQLite call each, and which
 * PostgreSQL types take each as it is bound: the one table of Java-to-SQL type knowledge outside
 * PostgreSQL's array types ({@link ArrayType}).
 *
 * <p>H2's type is also what a bulk {@code VALUES} list casts each parameter to: H2 types a
 * {@code VALUES} column from its expressions when the statement is prepared, and a bare
 * {@code ?} has no type then, so the column would become {@code CHARACTER VARYING} and every
 * value would make a round trip through text (bytes re-encoded, time zones lost). Single-row
 * statements need no cast: there each parameter stands where H2 gives it the column's type.
 * The other names are the types {@code verifySchema} suggests in DDL.
 */
public enum SqlTypes {
  // text is cast to every category of type but numbers and booleans (json, citext, enums, dates, ...)
  TEXT(List.of(String.class, char.class, Character.class), "CHARACTER VARYING", "TEXT", "TEXT",
      List.of("text", "character varying", "character", "name"), "SUDETIGVXAZPRC"),
  INT8(List.of(long.class, Long.class), "BIGINT", "BIGINT", "INTEGER", Pg.WHOLE, "N"),
  INT4(List.of(int.class, Integer.class), "INTEGER", "INT", "INTEGER", Pg.WHOLE, "N"),
  INT2(List.of(short.class, Short.class), "SMALLINT", "SMALLINT", "INTEGER", Pg.WHOLE, "N"),
  INT1(List.of(byte.class, Byte.class), "TINYINT", "TINYINT", "INTEGER", Pg.WHOLE, "N"),
  FLOAT8(List.of(double.class, Double.class), "DOUBLE PRECISION", "DOUBLE", "REAL", List.of("double precision"), "N"),
  FLOAT4(List.of(float.class, Float.class), "REAL", "FLOAT", "REAL", List.of("real", "double precision"), "N"),
  BOOLEAN(List.of(boolean.class, Boolean.class), "BOOLEAN", "BOOLEAN", "INTEGER", List.of("boolean"), "B"),
  // DECFLOAT keeps every digit and the scale of the value; NUMERIC without a scale would round
  DECIMAL(List.of(BigDecimal.class), "DECFLOAT", "DECIMAL(38, 10) /* choose the precision and scale */", "NUMERIC",
      List.of("numeric"), "N"),
  WHOLE(List.of(BigInteger.class), "DECFLOAT", "DECIMAL(65, 0)", "INTEGER", List.of("numeric"), "N"),
  UUID(List.of(java.util.UUID.class), "UUID", "CHAR(36)", null, List.of("uuid"), "US"),
  DATE(List.of(LocalDate.class, java.sql.Date.class), "DATE", "DATE", "DATE", List.of("date"), "D"),
  TIMESTAMP(List.of(LocalDateTime.class, java.sql.Timestamp.class, java.util.Date.class), "TIMESTAMP(9)", "DATETIME(6)",
      "TIMESTAMP", List.of("timestamp without time zone"), "D"),
  TIME(List.of(LocalTime.class, java.sql.Time.class), "TIME(9)", "TIME(6)", null, List.of("time without time zone"), "D"),
  TIME_WITH_ZONE(List.of(OffsetTime.class), "TIME(9) WITH TIME ZONE", null, null, List.of("time with time zone"), "D"),
  INSTANT(List.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class), "TIMESTAMP(9) WITH TIME ZONE", "DATETIME(6)",
      "TIMESTAMP", List.of("timestamp with time zone"), "D"),
  BYTES(List.of(byte[].class), "BINARY VARYING", "BLOB", "BLOB", List.of("bytea"), "U");

  /** PostgreSQL's whole-number types, which take any Java whole number as it is bound. */
  private static final class Pg {
    static final List<String> WHOLE = List.of("bigint", "integer", "smallint");
  }

  private final List<Class<?>> classes;
  /** H2's type, MariaDB's/MySQL's and SQLite's; null where none is known. */
  public final String h2;
  public final String mySql;
  public final String sqlite;
  /** PostgreSQL's types (as {@code format_type} writes them, without a modifier) that take the value as it is bound. */
  private final List<String> postgres;
  /** PostgreSQL's type categories ({@code pg_type.typcategory}) the value can be cast to. */
  private final String categories;

  SqlTypes(List<Class<?>> classes, String h2, String mySql, String sqlite, List<String> postgres, String categories) {
    this.classes = classes;
    this.h2 = h2;
    this.mySql = mySql;
    this.sqlite = sqlite;
    this.postgres = postgres;
    this.categories = categories;
  }

  /**
   * The type {@code column}'s parameter is cast to on PostgreSQL, or null when the value as
   * bound reaches its column as it is. A value is cast to the column's full type when that type
   * is not one its Java type is bound as (e.g. a {@code String} to {@code jsonb}, {@code citext},
   * {@code inet} or an enum: PostgreSQL converts a {@code varchar} to none of them implicitly),
   * and a key's parameter also when the column has a modifier ({@code timestamptz(3)},
   * {@code numeric(10, 2)}), so the key condition compares the value rounded as the insert rounds
   * it. Text is never cast to {@code varchar(n)} or {@code char(n)}, whose cast would truncate
   * where an insert refuses. Null too for a type the column cannot take
   * ({@link #postgresWritable}) and for the application's own types, left to the database.
   *
   * @param type the column's type as {@code format_type} writes it (schema-qualified where it is
   *     not on the search path)
   * @param category its {@code pg_type.typcategory}
   */
  public static String postgresCast(Column column, String type, String category) {
    SqlTypes family = of(column.rawType());
    if (family == null || !family.postgresWritable(category)) {
      return null;
    }
    String base = MODIFIER.matcher(type).replaceAll("");
    if (!family.postgres.contains(base)) {
      return type;
    }
    return column.key() && family != TEXT && !base.equals(type) ? type : null;
  }

  private static final Pattern MODIFIER = Pattern.compile("\\([^)]*\\)");

  /** Whether a value of this family can be written to a PostgreSQL column of {@code category}. */
  public boolean postgresWritable(String category) {
    return category == null || categories.contains(category);
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
