package io.github.upserts.bind;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The JDBI argument factories and column mappers for the column types JDBI does not bind or
 * read the way an entity needs, registered on the statements of the tables that have such a
 * column (other tables' statements stay exactly as JDBI creates them):
 *
 * <ul>
 *   <li>{@code BigInteger}: JDBC has no setter or getter for one, JDBI no factory or mapper; it
 *       is bound as a {@code BigDecimal} and read as one, which must be whole.
 *   <li>a null {@code UUID}: JDBI binds it as a null {@code varchar}, which PostgreSQL refuses for
 *       a {@code uuid} column; it is bound as a null of no particular type.
 *   <li>on MariaDB/MySQL ({@link #UUID_AS_TEXT}), a {@code UUID} as its 36-character text: MySQL
 *       Connector/J would write the object serialized.
 *   <li>on PostgreSQL ({@link #POSTGRES_DATE_TIMES}), a date-time as the text its bulk arrays
 *       carry: JDBI binds an {@code Instant} as a {@code java.sql.Timestamp}, whose calendar is
 *       Julian before 1582 (ten days off), PgJDBC rounds a fraction of a microsecond otherwise
 *       than the server, writes a year before 1 as PostgreSQL cannot read it in an array, and
 *       refuses an {@code OffsetTime} as JDBI binds it.
 *   <li>an {@code OffsetTime}: JDBI binds it typed as {@code TIME_WITH_TIMEZONE}, which the
 *       PostgreSQL driver refuses ("Unsupported Types value"); it is bound untyped, which the
 *       PostgreSQL and H2 drivers take for a {@code timetz}/{@code TIME WITH TIME ZONE} column.
 *   <li>a {@code java.util.Date}: JDBI binds it, but has no mapper to read it; it is read as a
 *       {@code Timestamp}'s instant.
 * </ul>
 */
public final class BoundTypes {
  private BoundTypes() {}

  static final ArgumentFactory BIG_INTEGER = new AbstractArgumentFactory<BigInteger>(Types.NUMERIC) {
    @Override
    protected Argument build(BigInteger value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setBigDecimal(position, new BigDecimal(value));
    }
  };

  /** A {@code UUID} as JDBI binds it, but a null as a null of no particular SQL type. */
  static final ArgumentFactory NULL_UUID = new AbstractArgumentFactory<UUID>(Types.OTHER) {
    @Override
    protected Argument build(UUID value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setObject(position, value);
    }
  };

  /** A {@code UUID} as its text, a null as a null {@code CHAR}: for MariaDB/MySQL. */
  public static final ArgumentFactory UUID_AS_TEXT = new AbstractArgumentFactory<UUID>(Types.CHAR) {
    @Override
    protected Argument build(UUID value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setString(position, value.toString());
    }
  };

  /**
   * PostgreSQL: a {@code java.time} value as {@link ArrayType#text}, a text of no particular SQL
   * type, which the server reads as the type of the column (or the cast) it stands for, exactly
   * as it reads the same text in a bulk array; a null as a null of no particular type.
   */
  public static final ArgumentFactory POSTGRES_DATE_TIMES = new ArgumentFactory.Preparable() {
    @Override
    public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
      ArrayType array = type instanceof Class<?> c && Temporal.class.isAssignableFrom(c) ? ArrayType.of(c) : null;
      return array == null || !array.asText() ? Optional.empty() : Optional.of(value ->
          (position, statement, ctx) -> statement.setObject(position, value == null ? null : ArrayType.text(value), Types.OTHER));
    }
  };

  /** An {@code OffsetTime} (or a null) bound untyped; see the class documentation. */
  static final ArgumentFactory OFFSET_TIME = new AbstractArgumentFactory<OffsetTime>(Types.OTHER) {
    @Override
    protected Argument build(OffsetTime value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setObject(position, value);
    }
  };

  /** A {@code java.util.Date} bound as the {@code Timestamp} of its instant, as it is read back. */
  static final ArgumentFactory UTIL_DATE = new AbstractArgumentFactory<Date>(Types.TIMESTAMP) {
    @Override
    protected Argument build(Date value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setTimestamp(position, new Timestamp(value.getTime()));
    }
  };

  /** Reads a {@code java.util.Date} as the instant of the column's {@code Timestamp}. */
  static final ColumnMapper<Date> UTIL_DATE_MAPPER = (rs, index, ctx) -> {
    Timestamp value = rs.getTimestamp(index);
    return value == null ? null : new Date(value.getTime());
  };

  /** Reads a {@code BigInteger} exactly; a fraction is an error naming the column and the value. */
  public static final ColumnMapper<BigInteger> BIG_INTEGER_MAPPER = (rs, index, ctx) -> {
    BigDecimal value = rs.getBigDecimal(index);
    if (value == null) {
      return null;
    }
    try {
      return value.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new SQLException("Column " + rs.getMetaData().getColumnLabel(index) + " holds "
          + value.toPlainString() + ", which a BigInteger property cannot hold: give the column a"
          + " whole-number type (numeric with scale 0) or make the property a BigDecimal", e);
    }
  };

  /**
   * The factories {@code table}'s statements need beside {@code dialectFactories} (a dialect's
   * own, applied to every table with a column of their type); empty when JDBI's defaults do.
   */
  public static List<ArgumentFactory> forTable(Table table, List<ArgumentFactory> dialectFactories) {
    List<ArgumentFactory> factories = new ArrayList<>();
    if (has(table, BigInteger.class)) {
      factories.add(BIG_INTEGER);
    }
    if (has(table, OffsetTime.class)) {
      factories.add(OFFSET_TIME);
    }
    if (has(table, Date.class)) {
      factories.add(UTIL_DATE);
    }
    if (has(table, UUID.class)) {
      factories.add(NULL_UUID);
      factories.addAll(dialectFactories);
    }
    return factories;
  }

  /** The factories {@code table}'s statements need on PostgreSQL ({@link #forTable} and its date-times'). */
  public static List<ArgumentFactory> forPostgres(Table table) {
    List<ArgumentFactory> factories = forTable(table, List.of());
    if (table.columns().stream().map(Column::rawType).anyMatch(t -> Temporal.class.isAssignableFrom(t)
        && ArrayType.of(t) != null && ArrayType.of(t).asText())) {
      factories.add(POSTGRES_DATE_TIMES);
    }
    return factories;
  }

  /**
   * The factories {@code table}'s statements need on MariaDB/MySQL ({@link #forTable}, a
   * {@code UUID} as text, and its instants as {@code java.time} values).
   */
  public static List<ArgumentFactory> forMySql(Table table) {
    List<ArgumentFactory> factories = forTable(table, List.of(UUID_AS_TEXT));
    if (has(table, Instant.class)) {
      factories.add(INSTANT_AS_OBJECT);
    }
    return factories;
  }

  /** The first instant of the Gregorian calendar, before which a {@code java.sql.Timestamp} counts Julian days. */
  private static final Instant GREGORIAN = Instant.parse("1582-10-15T00:00:00Z");

  /**
   * MariaDB/MySQL: an {@code Instant} before the Gregorian calendar's first day bound as its UTC
   * date and time, which the connection options the dialect documents store as such (JDBI binds a
   * {@code java.sql.Timestamp}, whose calendar is Julian before 1582: ten days off); a later one
   * as JDBI binds it.
   */
  static final ArgumentFactory INSTANT_AS_OBJECT = new AbstractArgumentFactory<Instant>(Types.TIMESTAMP) {
    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      return value.isBefore(GREGORIAN)
          ? (position, statement, ctx) -> statement.setObject(position, LocalDateTime.ofInstant(value, ZoneOffset.UTC))
          : (position, statement, ctx) -> statement.setTimestamp(position, Timestamp.from(value));
    }
  };

  /** Reads an {@code Instant} as JDBI does, but one before the Gregorian calendar from its UTC date and time; see {@link #INSTANT_AS_OBJECT}. */
  static final ColumnMapper<Instant> INSTANT_MAPPER = (rs, index, ctx) -> {
    Timestamp value = rs.getTimestamp(index);
    if (value == null || !value.toInstant().isBefore(GREGORIAN)) {
      return value == null ? null : value.toInstant();
    }
    return rs.getObject(index, LocalDateTime.class).toInstant(ZoneOffset.UTC);
  };

  /**
   * PostgreSQL: reads an {@code Instant} through {@code java.time}, on the proleptic Gregorian
   * calendar its statements write (JDBI reads a {@code java.sql.Timestamp}, ten days off before
   * 1582): a {@code timestamptz} as its instant, {@code -infinity}/{@code infinity} as
   * {@code Instant.MIN}/{@code MAX}; a {@code timestamp} as the UTC date and time every {@code Instant} is written as there (its ISO text with {@code Z}, cast), whatever the JVM's zone.
   */
  static final ColumnMapper<Instant> POSTGRES_INSTANT_MAPPER = (rs, index, ctx) -> {
    if ("timestamp".equals(rs.getMetaData().getColumnTypeName(index))) {
      LocalDateTime local = rs.getObject(index, LocalDateTime.class);
      return local == null ? null : local.equals(LocalDateTime.MAX) ? Instant.MAX
          : local.equals(LocalDateTime.MIN) ? Instant.MIN : local.toInstant(java.time.ZoneOffset.UTC);
    }
    OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
    return value == null ? null : value.equals(OffsetDateTime.MAX) ? Instant.MAX
        : value.equals(OffsetDateTime.MIN) ? Instant.MIN : value.toInstant();
  };

  /** Whether a column of {@code table} is of {@code type}. */
  public static boolean has(Table table, Class<?> type) {
    return table.columns().stream().map(Column::rawType).anyMatch(type::equals);
  }

  /** Registers {@code factories} (and the mappers of BigInteger and Date with theirs) on {@code statement}. */
  public static <S extends SqlStatement<S>> S register(S statement, List<ArgumentFactory> factories) {
    for (ArgumentFactory factory : factories) {
      statement.registerArgument(factory);
    }
    if (factories.contains(BIG_INTEGER)) {
      statement.registerColumnMapper(BigInteger.class, BIG_INTEGER_MAPPER);
    }
    if (factories.contains(UTIL_DATE)) {
      statement.registerColumnMapper(Date.class, UTIL_DATE_MAPPER);
    }
    if (factories.contains(INSTANT_AS_OBJECT)) {
      statement.registerColumnMapper(Instant.class, INSTANT_MAPPER);
    }
    if (factories.contains(POSTGRES_DATE_TIMES)) {
      statement.registerColumnMapper(Instant.class, POSTGRES_INSTANT_MAPPER);
    }
    return statement;
  }
}
