package io.github.upserts.it;

import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java type docs/policies.md lists for a merge policy ({@code @Increment}: numbers;
 * {@code @Max}, {@code @Min}, {@code @NewerWins}: numbers and points in time), on every database
 * docs/policies.md claims: a single-row upsert, {@code upsertAll} with a key twice in the batch (so
 * in-batch merging runs) and {@code find} read back what each policy promises. Each entity of
 * {@link UniqTypes} is driven through its generated DAO. The few types docs/policies.md says a
 * database's driver cannot take must still fail there ({@link #documentedUnsupported}).
 */
class UniqTypeMatrixTest {

  /** A Java type: its entities' name, its column type per database, and its n-th value (ordered by n). */
  private record Type(String name, String postgres, String h2, String mariaDb, String sqlite, LongFunction<Object> of) {
    String column(Kind kind) {
      return switch (kind) {
        case POSTGRES -> postgres;
        case H2 -> h2;
        case MARIADB -> mariaDb;
        case SQLITE -> sqlite;
      };
    }
  }

  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  private static Instant instant(long n) {
    return T.plusSeconds(86_400 * n + 60 * n);
  }

  static final List<Type> TYPES = List.of(
      new Type("Short", "smallint", "SMALLINT", "SMALLINT", "INTEGER", n -> (short) n),
      new Type("Int", "integer", "INTEGER", "INT", "INTEGER", n -> (int) n),
      new Type("Long", "bigint", "BIGINT", "BIGINT", "INTEGER", n -> n),
      new Type("Float", "real", "REAL", "FLOAT", "REAL", n -> (float) n),
      new Type("Double", "double precision", "DOUBLE PRECISION", "DOUBLE", "REAL", n -> (double) n),
      new Type("BoxedLong", "bigint", "BIGINT", "BIGINT", "INTEGER", n -> n),
      new Type("BigInteger", "numeric(40)", "NUMERIC(40)", "DECIMAL(40, 0)", "INTEGER", BigInteger::valueOf),
      new Type("BigDecimal", "numeric(20, 4)", "NUMERIC(20, 4)", "DECIMAL(20, 4)", "NUMERIC",
          n -> BigDecimal.valueOf(n).setScale(2)),
      new Type("Instant", "timestamptz", "TIMESTAMP(9) WITH TIME ZONE", "DATETIME(6)", "TIMESTAMP", UniqTypeMatrixTest::instant),
      new Type("LocalDate", "date", "DATE", "DATE", "DATE", n -> LocalDate.of(2026, 1, 1).plusDays(n)),
      new Type("LocalDateTime", "timestamp", "TIMESTAMP(9)", "DATETIME(6)", "TIMESTAMP",
          n -> LocalDateTime.ofInstant(instant(n), ZoneOffset.UTC)),
      new Type("LocalTime", "time", "TIME(9)", "TIME(6)", "TEXT", n -> LocalTime.of(10, (int) n)),
      new Type("OffsetDateTime", "timestamptz", "TIMESTAMP(9) WITH TIME ZONE", "DATETIME(6)", "TIMESTAMP",
          n -> instant(n).atOffset(ZoneOffset.UTC)),
      new Type("OffsetTime", "timetz", "TIME(9) WITH TIME ZONE", "TIME(6)", "TEXT",
          n -> OffsetTime.of(10, (int) n, 0, 0, ZoneOffset.UTC)),
      new Type("ZonedDateTime", "timestamptz", "TIMESTAMP(9) WITH TIME ZONE", "DATETIME(6)", "TIMESTAMP",
          n -> instant(n).atZone(ZoneOffset.UTC)),
      new Type("UtilDate", "timestamptz", "TIMESTAMP(9) WITH TIME ZONE", "DATETIME(6)", "TIMESTAMP",
          n -> java.util.Date.from(instant(n))),
      new Type("SqlDate", "date", "DATE", "DATE", "DATE", n -> java.sql.Date.valueOf(LocalDate.of(2026, 1, 1).plusDays(n))),
      new Type("SqlTime", "time", "TIME", "TIME", "TEXT", n -> java.sql.Time.valueOf(LocalTime.of(10, (int) n))),
      new Type("SqlTimestamp", "timestamp", "TIMESTAMP(9)", "DATETIME(6)", "TIMESTAMP",
          n -> java.sql.Timestamp.valueOf(LocalDateTime.ofInstant(instant(n), ZoneOffset.UTC))));

  /** A value as compared here: the instant of a point in time, a number without trailing zeros. */
  static Object normal(Object value) {
    if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    } else if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    } else if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    } else if (value instanceof java.sql.Time t) {
      return t.toLocalTime();
    } else if (value instanceof java.util.Date d) {
      return d.toInstant();
    } else if (value instanceof OffsetTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC);
    } else if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros();
    }
    return value;
  }

  /** One generated DAO, called by reflection: its entity's canonical constructor and static methods. */
  private record Dao(Class<?> entity, Class<?> dao) {
    static Dao of(String entity) throws ClassNotFoundException {
      return new Dao(Class.forName("io.github.upserts.it.UniqTypes$" + entity),
          Class.forName("io.github.upserts.it.UniqTypes_" + entity + "Upserts"));
    }

    Object row(Object... values) throws ReflectiveOperationException {
      Class<?>[] types = Arrays.stream(entity.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
      return entity.getDeclaredConstructor(types).newInstance(values);
    }

    Object call(String method, Object... args) throws Throwable {
      for (Method m : dao.getMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == args.length
            && (args.length < 2 || m.getParameterTypes()[1].isInstance(args[1]))) {
          try {
            return m.invoke(null, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }
      }
      throw new NoSuchMethodException(dao.getName() + "." + method);
    }

    /** The stored row's components, normalized. */
    List<Object> find(Handle h, String id) throws Throwable {
      Optional<?> row = (Optional<?>) call("find", h, id);
      Object stored = row.orElseThrow(() -> new AssertionError("no row " + id));
      List<Object> values = new ArrayList<>();
      for (RecordComponent c : entity.getRecordComponents()) {
        values.add(normal(c.getAccessor().invoke(stored)));
      }
      return values;
    }
  }

  private static List<Object> normal(Object... values) {
    return Arrays.stream(values).map(UniqTypeMatrixTest::normal).toList();
  }

  private static void check(List<String> failures, String what, Object actual, Object expected) {
    if (!Objects.equals(actual, expected)) {
      failures.add(what + ": expected " + expected + " but was " + actual);
    }
  }

  /** {@code @Max}, {@code @Min} and (numbers) {@code @Increment}, one row at a time and in a batch. */
  private static void maxMinIncrement(Handle h, Type type, List<String> failures) throws Throwable {
    Dao dao = Dao.of("Mm" + type.name());
    boolean numeric = dao.entity().getRecordComponents().length == 4;
    LongFunction<Object> v = type.of();
    String where = type.name() + " @Max/@Min" + (numeric ? "/@Increment" : "");
    Object[] first = numeric ? new Object[] {"a", v.apply(2), v.apply(2), v.apply(2)} : new Object[] {"a", v.apply(2), v.apply(2)};
    check(failures, where + " insert", dao.call("upsert", h, dao.row(first)), Outcome.INSERTED);
    Object[] second = numeric ? new Object[] {"a", v.apply(3), v.apply(1), v.apply(2)} : new Object[] {"a", v.apply(3), v.apply(1)};
    check(failures, where + " update", dao.call("upsert", h, dao.row(second)), Outcome.UPDATED);
    check(failures, where + " find", dao.find(h, "a"), numeric
        ? normal("a", v.apply(3), v.apply(1), v.apply(4)) : normal("a", v.apply(3), v.apply(1)));
    // a key twice in the batch (merged first) and a key that exists
    List<Object> batch = List.of(
        dao.row(numeric ? new Object[] {"b", v.apply(2), v.apply(2), v.apply(1)} : new Object[] {"b", v.apply(2), v.apply(2)}),
        dao.row(numeric ? new Object[] {"b", v.apply(3), v.apply(1), v.apply(2)} : new Object[] {"b", v.apply(3), v.apply(1)}),
        dao.row(numeric ? new Object[] {"a", v.apply(0), v.apply(5), v.apply(1)} : new Object[] {"a", v.apply(0), v.apply(5)}));
    BatchOutcome outcome = (BatchOutcome) dao.call("upsertAll", h, batch);
    check(failures, where + " upsertAll", List.of(outcome.rows(), outcome.merged(), outcome.inserted(), outcome.updated()),
        List.of(3L, 1L, 1L, 1L));
    check(failures, where + " upsertAll merged", dao.find(h, "b"), numeric
        ? normal("b", v.apply(3), v.apply(1), v.apply(3)) : normal("b", v.apply(3), v.apply(1)));
    check(failures, where + " upsertAll stored", dao.find(h, "a"), numeric
        ? normal("a", v.apply(3), v.apply(1), v.apply(5)) : normal("a", v.apply(3), v.apply(1)));
  }

  /** {@code @NewerWins}, one row at a time and in a batch. */
  private static void newerWins(Handle h, Type type, List<String> failures) throws Throwable {
    Dao dao = Dao.of("Nw" + type.name());
    LongFunction<Object> v = type.of();
    String where = type.name() + " @NewerWins";
    check(failures, where + " insert", dao.call("upsert", h, dao.row("a", v.apply(2), "two")), Outcome.INSERTED);
    check(failures, where + " older", dao.call("upsert", h, dao.row("a", v.apply(1), "one")), Outcome.SKIPPED);
    check(failures, where + " newer", dao.call("upsert", h, dao.row("a", v.apply(3), "three")), Outcome.UPDATED);
    check(failures, where + " find", dao.find(h, "a"), normal("a", v.apply(3), "three"));
    BatchOutcome outcome = (BatchOutcome) dao.call("upsertAll", h, List.of(dao.row("b", v.apply(3), "three"),
        dao.row("b", v.apply(2), "two"), dao.row("a", v.apply(1), "old")));
    check(failures, where + " upsertAll", List.of(outcome.rows(), outcome.merged(), outcome.inserted(), outcome.skipped()),
        List.of(3L, 1L, 1L, 1L));
    check(failures, where + " upsertAll merged", dao.find(h, "b"), normal("b", v.apply(3), "three"));
    check(failures, where + " upsertAll stored", dao.find(h, "a"), normal("a", v.apply(3), "three"));
  }

  private static String table(String family, Type type) {
    return "uniq_" + family + "_" + type.name().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The types docs/policies.md says a database does not take (its driver cannot bind or read them, or
   * it has no such column type): they must still fail, or docs/policies.md is out of date.
   */
  private static List<String> documentedUnsupported(Database db) {
    return switch (db.kind()) {
      case SQLITE -> List.of("OffsetDateTime", "OffsetTime", "ZonedDateTime", "SqlTime");
      case MARIADB -> db.name().contains("Connector/J")
          ? List.of("OffsetDateTime", "ZonedDateTime") : List.of("OffsetTime");
      default -> List.of();
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void everyListedTypeWorksForEveryPolicy(Database db) {
    List<String> failures = new ArrayList<>();
    for (Type type : TYPES) {
      String column = type.column(db.kind());
      List<String> found = failures;
      boolean unsupported = documentedUnsupported(db).contains(type.name());
      if (unsupported) {
        found = new ArrayList<>();
      }
      runBoth(db, type, column, found);
      if (unsupported && found.size() < 2) {
        failures.add(type.name() + " works here now (" + found + "): update docs/policies.md and documentedUnsupported");
      }
    }
    assertWithMessage("on " + db + ":\n" + String.join("\n", failures)).that(failures).isEmpty();
  }

  /** Both entities of {@code type}, adding what fails to {@code failures}. */
  private static void runBoth(Database db, Type type, String column, List<String> failures) {
    for (String family : List.of("mm", "nw")) {
      String table = table(family, type);
      try (Handle h = db.jdbi().open()) {
        h.execute("DROP TABLE IF EXISTS " + table);
        h.execute("CREATE TABLE " + table + " (id VARCHAR(20) NOT NULL PRIMARY KEY, "
            + (family.equals("mm") ? "hi " + column + ", lo " + column
                + (type.of().apply(0) instanceof Number ? ", total " + column : "")
                : "ver " + column + ", note VARCHAR(20)") + ")");
        if (family.equals("mm")) {
          maxMinIncrement(h, type, failures);
        } else {
          newerWins(h, type, failures);
        }
      } catch (Throwable e) {
        failures.add(type.name() + " " + family + ": " + e);
      }
    }
  }

}
