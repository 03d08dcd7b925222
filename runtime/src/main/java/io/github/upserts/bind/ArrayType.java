package io.github.upserts.bind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jdbi.v3.core.argument.Argument;

/**
 * How PostgreSQL receives many values of one Java type as one array parameter: the SQL element
 * type, and the Java array the JDBC driver encodes. Date-time values travel as their ISO text,
 * which PostgreSQL parses exactly.
 */
public final class ArrayType {
  public final String sqlName;
  private final IntFunction<Object[]> newArray;
  private final boolean asText;

  private ArrayType(String sqlName, IntFunction<Object[]> newArray, boolean asText) {
    this.sqlName = sqlName;
    this.newArray = newArray;
    this.asText = asText;
  }

  private static final Map<Class<?>, ArrayType> TYPES = Map.ofEntries(
      Map.entry(String.class, new ArrayType("text", String[]::new, false)),
      Map.entry(long.class, new ArrayType("int8", Long[]::new, false)),
      Map.entry(Long.class, new ArrayType("int8", Long[]::new, false)),
      Map.entry(int.class, new ArrayType("int4", Integer[]::new, false)),
      Map.entry(Integer.class, new ArrayType("int4", Integer[]::new, false)),
      Map.entry(short.class, new ArrayType("int2", Short[]::new, false)),
      Map.entry(Short.class, new ArrayType("int2", Short[]::new, false)),
      Map.entry(double.class, new ArrayType("float8", Double[]::new, false)),
      Map.entry(Double.class, new ArrayType("float8", Double[]::new, false)),
      Map.entry(float.class, new ArrayType("float4", Float[]::new, false)),
      Map.entry(Float.class, new ArrayType("float4", Float[]::new, false)),
      Map.entry(boolean.class, new ArrayType("bool", Boolean[]::new, false)),
      Map.entry(Boolean.class, new ArrayType("bool", Boolean[]::new, false)),
      Map.entry(BigDecimal.class, new ArrayType("numeric", BigDecimal[]::new, false)),
      Map.entry(BigInteger.class, new ArrayType("numeric", String[]::new, true)),
      Map.entry(UUID.class, new ArrayType("uuid", UUID[]::new, false)),
      Map.entry(LocalDate.class, new ArrayType("date", String[]::new, true)),
      Map.entry(LocalDateTime.class, new ArrayType("timestamp", String[]::new, true)),
      Map.entry(LocalTime.class, new ArrayType("time", String[]::new, true)),
      Map.entry(OffsetTime.class, new ArrayType("timetz", String[]::new, true)),
      Map.entry(Instant.class, new ArrayType("timestamptz", String[]::new, true)),
      Map.entry(OffsetDateTime.class, new ArrayType("timestamptz", String[]::new, true)),
      Map.entry(byte[].class, new ArrayType("bytea", byte[][]::new, false)));

  /**
   * The SQL of an array parameter of this type, {@code :name} cast to the element type's array.
   * Values that travel as text go as a {@code text[]}, which the driver sends in binary (a
   * length and the bytes per element), cast to the element type on the server: sent as a
   * {@code timestamptz[]}, the driver would write them as one array literal, quoting and escaping
   * every element, and the server would parse it back character by character.
   */
  public String parameter(String name) {
    return parameter(name, null);
  }

  /**
   * As {@link #parameter(String)}, then cast to an array of {@code columnType} (each element
   * cast as {@code CAST(value AS columnType)} casts it), or not when it is null.
   */
  public String parameter(String name, String columnType) {
    String array = asText
        ? "CAST(CAST(:" + name + " AS text[]) AS " + sqlName + "[])"
        : "CAST(:" + name + " AS " + sqlName + "[])";
    return columnType == null ? array
        : "CAST(" + (asText ? "CAST(:" + name + " AS text[])" : array) + " AS " + columnType + "[])";
  }

  /** Whether values of this type travel as their {@link #text}. */
  public boolean asText() {
    return asText;
  }

  /** The array type of {@code type}, or null when there is none (then rows go as VALUES). */
  public static ArrayType of(Class<?> type) {
    return TYPES.get(type);
  }

  /**
   * {@code value} as text PostgreSQL parses exactly, the very text both the bulk arrays and the
   * single-row statements ({@link BoundTypes#POSTGRES_DATE_TIMES}) send, so both store the same
   * value and round a fraction finer than a microsecond as the server does: ISO, from
   * {@code toString()} (an {@code Instant}'s from {@link #instantText}, the costliest step of a
   * bulk write otherwise); a year before 1 in PostgreSQL's era syntax ({@code 0000-06-01} is
   * {@code 0001-06-01 BC}), one after 9999 without its sign; and the smallest and largest values
   * of {@code LocalDate}, {@code LocalDateTime}, {@code OffsetDateTime} and {@code Instant} as
   * {@code -infinity} and {@code infinity}, as PgJDBC writes them (and reads them back).
   */
  public static String text(Object value) {
    String iso = value instanceof Instant instant ? instantText(instant) : value.toString();
    if (!(value instanceof Temporal) || iso.charAt(0) != '+' && iso.charAt(0) != '-' && !iso.startsWith("0000-")) {
      return iso;
    }
    String infinite = INFINITIES.get(value);
    if (infinite != null) {
      return infinite;
    }
    int end = iso.indexOf('-', 1);
    long year = Long.parseLong(iso.substring(0, end));
    return year > 0 ? iso.substring(1) : String.format("%04d", 1 - year) + iso.substring(end) + " BC";
  }

  private static final Map<Object, String> INFINITIES = Map.of(
      LocalDate.MIN, "-infinity", LocalDate.MAX, "infinity", LocalDateTime.MIN, "-infinity", LocalDateTime.MAX, "infinity",
      OffsetDateTime.MIN, "-infinity", OffsetDateTime.MAX, "infinity", Instant.MIN, "-infinity", Instant.MAX, "infinity");

  /** The first second of year 1 and of year 10000, as epoch seconds. */
  private static final long YEAR_1 = LocalDate.of(1, 1, 1).toEpochDay() * 86_400L;
  private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;

  /**
   * {@code instant} as {@code yyyy-MM-ddTHH:mm:ss[.ffffff|.fffffffff]Z}, the fraction in
   * microseconds when it has no finer digits, else in nanoseconds (PostgreSQL rounds those to
   * microseconds, as it does {@code toString()}'s). Years outside 1 to 9999, which that format
   * cannot carry, are left to {@code toString()}.
   */
  static String instantText(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < YEAR_1 || seconds >= YEAR_10000) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    int nanos = instant.getNano();
    int fraction = nanos == 0 ? 0 : nanos % 1000 == 0 ? 7 : 10;
    char[] text = new char[20 + fraction];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    if (fraction == 7) {
      text[19] = '.';
      digits(text, 20, nanos / 1000, 6);
    } else if (fraction == 10) {
      text[19] = '.';
      digits(text, 20, nanos, 9);
    }
    text[text.length - 1] = 'Z';
    return new String(text);
  }

  /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Binds column {@code column} of {@code rows} as one array. */
  public Argument argument(List<Object[]> rows, int column) {
    Object[] values = newArray.apply(rows.size());
    for (int i = 0; i < values.length; i++) {
      Object value = rows.get(i)[column];
      values[i] = asText && value != null ? text(value) : value;
    }
    return (position, statement, ctx) -> {
      Array array = statement.getConnection().createArrayOf(asText ? "text" : sqlName, values);
      statement.setArray(position, array);
      ctx.addCleanable(array::free);
    };
  }
}
