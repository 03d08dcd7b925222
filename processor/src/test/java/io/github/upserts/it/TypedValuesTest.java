package io.github.upserts.it;

import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bulk path and the single-row path store the same value, or both fail: each interesting
 * value is written by {@code upsert} under one key and by {@code upsertAll} under another, and
 * what the database stored is compared as the database writes it as text (not through Java
 * equality), on every database, for PostgreSQL's array batches ({@link TypedValue},
 * {@link TypedValueClock}) and its multi-row {@code VALUES} ({@link TypedValueRow}).
 */
class TypedValuesTest {
  private static final String[] COLUMNS = {
    "day", "local_at", "at", "offset_at", "clock", "clock_zone", "amount", "score", "ratio", "text"};

  private static final Map<Kind, List<String>> DDL = Map.of(
      Kind.POSTGRES, ddl("text", "date", "timestamp", "timestamptz", "timestamptz", "time", "timetz",
          "numeric(12, 2)", "double precision", "real", "text", "\""),
      Kind.MARIADB, ddl("VARCHAR(64)", "DATE", "DATETIME(6)", "DATETIME(6)", "DATETIME(6)", "TIME(6)", "VARCHAR(64)",
          "DECIMAL(12, 2)", "DOUBLE", "FLOAT", "LONGTEXT", "`"),
      Kind.SQLITE, ddl("TEXT NOT NULL", "DATE", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP", "TIME", "TEXT",
          "NUMERIC", "REAL", "REAL", "TEXT", "\""),
      Kind.H2, ddl("VARCHAR", "DATE", "TIMESTAMP(9)", "TIMESTAMP(9) WITH TIME ZONE", "TIMESTAMP(9) WITH TIME ZONE",
          "TIME(9)", "TIME(9) WITH TIME ZONE", "NUMERIC(12, 2)", "DOUBLE PRECISION", "REAL", "VARCHAR", "\""));

  private static List<String> ddl(String key, String... typesAndQuote) {
    String q = typesAndQuote[typesAndQuote.length - 1];
    boolean h2 = typesAndQuote[1].startsWith("TIMESTAMP(9)");
    List<String> statements = new ArrayList<>();
    for (String table : List.of("typed_values", "typed_value_rows", "typed_value_clocks")) {
      StringBuilder create = new StringBuilder("CREATE TABLE " + q + name(table, h2) + q + " (" + q + name("id", h2) + q + " " + key);
      for (int i = 0; i < COLUMNS.length; i++) {
        create.append(", ").append(q).append(name(COLUMNS[i], h2)).append(q).append(' ').append(typesAndQuote[i]);
      }
      if (table.equals("typed_value_rows")) {
        create.append(", ").append(q).append(name("mood", h2)).append(q).append(h2 ? " VARCHAR" : " TEXT");
      }
      statements.add("DROP TABLE IF EXISTS " + q + name(table, h2) + q);
      statements.add(create.append(", PRIMARY KEY (").append(q).append(name("id", h2)).append(q).append("))").toString());
    }
    return statements;
  }

  private static String name(String name, boolean h2) {
    return h2 ? name.toUpperCase(java.util.Locale.ROOT) : name;
  }

  /** Each column's interesting values, as a row with the value in that column and nulls elsewhere. */
  private static Map<String, List<Object>> values() {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    values.put("day", List.of(LocalDate.of(0, 6, 1), LocalDate.of(-1, 1, 1), LocalDate.of(1, 1, 1),
        LocalDate.of(1000, 3, 1), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 10), LocalDate.of(1582, 10, 15),
        LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(10_000, 1, 1), LocalDate.of(-4713, 11, 24),
        LocalDate.of(5_874_897, 12, 31), LocalDate.of(5_874_898, 1, 1), LocalDate.MIN, LocalDate.MAX));
    values.put("local_at", List.of(LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(1500, 3, 1, 12, 0),
        LocalDateTime.of(1582, 10, 10, 0, 0), LocalDateTime.of(2020, 1, 1, 0, 0, 0, 500),
        LocalDateTime.of(2020, 1, 1, 0, 0, 0, 1500), LocalDateTime.of(2020, 1, 1, 0, 0, 0, 2500),
        LocalDateTime.of(2020, 1, 1, 0, 0, 0, 999), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_500),
        LocalDateTime.of(10_000, 1, 1, 0, 0), LocalDateTime.of(-4713, 11, 24, 0, 0),
        LocalDateTime.of(294_276, 12, 31, 23, 59, 59), LocalDateTime.MIN, LocalDateTime.MAX));
    values.put("at", List.of(Instant.parse("1500-03-01T12:00:00Z"), Instant.parse("0000-06-01T00:00:00Z"),
        Instant.parse("-0001-01-01T00:00:00Z"), Instant.parse("1582-10-10T00:00:00Z"),
        Instant.parse("1969-12-31T23:59:59.999999500Z"), Instant.parse("2020-01-01T00:00:00.000000500Z"),
        Instant.parse("2020-01-01T00:00:00.000001500Z"), Instant.parse("2020-01-01T00:00:00.000002500Z"),
        Instant.parse("9999-12-31T23:59:59.999999500Z"), Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.EPOCH, Instant.MIN, Instant.MAX));
    values.put("offset_at", List.of(OffsetDateTime.of(1500, 3, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
        OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1)),
        OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 500, ZoneOffset.ofHours(2)),
        OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 2500, ZoneOffset.UTC),
        OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_500, ZoneOffset.UTC), OffsetDateTime.MIN, OffsetDateTime.MAX));
    values.put("clock", List.of(LocalTime.MIN, LocalTime.MAX, LocalTime.of(12, 0, 0, 500), LocalTime.of(12, 0, 0, 1500),
        LocalTime.of(0, 0, 0, 2500), LocalTime.of(23, 59, 59, 999_999_500)));
    values.put("clock_zone", List.of(OffsetTime.of(LocalTime.MAX, ZoneOffset.UTC),
        OffsetTime.of(12, 0, 0, 500, ZoneOffset.ofHours(2)), OffsetTime.of(12, 0, 0, 2500, ZoneOffset.ofHours(-3)),
        OffsetTime.MIN, OffsetTime.MAX));
    values.put("amount", List.of(new BigDecimal("1.005"), new BigDecimal("1.015"), new BigDecimal("-1.005"),
        new BigDecimal("123.456789"), new BigDecimal("1E+5"), new BigDecimal("-0.00"), new BigDecimal("0.0000001"),
        new BigDecimal("9999999999.994"), new BigDecimal("9999999999.995")));
    values.put("score", List.of(-0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 1e-310));
    values.put("ratio", List.of(-0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, 0.1f, Float.MAX_VALUE));
    values.put("text", List.of("a\u0000b", "\uD800", "x\uDC00y", "\uD83D\uDE00", "", " ", "\u00e9\u0301"));
    return values;
  }

  private static Object[] row(String column, Object value, int width) {
    Object[] row = new Object[width];
    row[List.of(COLUMNS).indexOf(column) + 1] = value;
    return row;
  }

  private static TypedValue value(String id, Object[] r) {
    return new TypedValue(id, (LocalDate) r[1], (LocalDateTime) r[2], (Instant) r[3], (OffsetDateTime) r[4],
        (LocalTime) r[5], (BigDecimal) r[7], (Double) r[8], (Float) r[9], (String) r[10]);
  }

  private static TypedValueClock valueClock(String id, Object[] r) {
    return new TypedValueClock(id, (OffsetTime) r[6]);
  }

  private static TypedValueRow valueRow(String id, Object[] r) {
    return new TypedValueRow(id, (LocalDate) r[1], (LocalDateTime) r[2], (Instant) r[3], (OffsetDateTime) r[4],
        (LocalTime) r[5], (OffsetTime) r[6], (BigDecimal) r[7], (Double) r[8], (Float) r[9], (String) r[10], null);
  }

  /** The column's value as the database writes it as text, or {@code FAILED: ...} when the write failed. */
  private static String stored(Handle h, Kind kind, String table, String column, String id) {
    String text = switch (kind) {
      case POSTGRES -> "CAST(\"" + column + "\" AS text)";
      case MARIADB -> "CAST(`" + column + "` AS CHAR)";
      case SQLITE -> "typeof(\"" + column + "\") || ':' || hex(\"" + column + "\")";
      case H2 -> "CAST(\"" + column.toUpperCase(java.util.Locale.ROOT) + "\" AS VARCHAR)";
    };
    String from = kind == Kind.H2 ? "\"" + table.toUpperCase(java.util.Locale.ROOT) + "\" WHERE \"ID\"" : table + " WHERE id";
    return h.createQuery("SELECT " + text + " FROM " + from + " = :id").bind("id", id).mapTo(String.class)
        .findOne().orElse("(no row)");
  }

  private static String written(Runnable write, Handle h, Kind kind, String table, String column, String id) {
    try {
      write.run();
    } catch (RuntimeException e) {
      return "FAILED";
    }
    return stored(h, kind, table, column, id);
  }

  private static <T> List<String> mismatches(Handle h, Kind kind, String table, List<String> columns,
      BiFunction<String, Object[], T> entity, Function<T, Object> single, Function<List<T>, Object> bulk) {
    List<String> mismatches = new ArrayList<>();
    values().forEach((column, values) -> {
      if (!columns.contains(column)) {
        return;
      }
      for (int i = 0; i < values.size(); i++) {
        Object[] row = row(column, values.get(i), COLUMNS.length + 1);
        T one = entity.apply("s" + column + i, row);
        T many = entity.apply("b" + column + i, row);
        String bySingle = written(() -> single.apply(one), h, kind, table, column, "s" + column + i);
        String byBulk = written(() -> bulk.apply(List.of(many)), h, kind, table, column, "b" + column + i);
        if (!bySingle.equals(byBulk)) {
          mismatches.add(column + " = " + values.get(i) + ": upsert stored " + bySingle + ", upsertAll " + byBulk);
        }
      }
    });
    return mismatches;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void bulkAndSingleRowWritesStoreTheSameValueOrBothFail(Database db) {
    try (Handle h = db.jdbi().open()) {
      DDL.get(db.kind()).forEach(h::execute);
      List<String> all = List.of(COLUMNS);
      List<String> arrays = all.stream().filter(c -> !c.equals("clock_zone")).toList();
      List<String> mismatches = new ArrayList<>(mismatches(h, db.kind(), "typed_values", arrays, TypedValuesTest::value,
          v -> TypedValueUpserts.upsert(h, v), rows -> TypedValueUpserts.upsertAll(h, rows)));
      mismatches.addAll(mismatches(h, db.kind(), "typed_value_clocks", List.of("clock_zone"), TypedValuesTest::valueClock,
          v -> TypedValueClockUpserts.upsert(h, v), rows -> TypedValueClockUpserts.upsertAll(h, rows)));
      mismatches(h, db.kind(), "typed_value_rows", all, TypedValuesTest::valueRow,
          v -> TypedValueRowUpserts.upsert(h, v), rows -> TypedValueRowUpserts.upsertAll(h, rows))
          .forEach(m -> mismatches.add("(multi-row VALUES) " + m));
      assertWithMessage("values stored differently by upsert and upsertAll on " + db).that(mismatches).isEmpty();
    }
  }
}
