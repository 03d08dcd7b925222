package io.github.upserts.dialect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The Java types JDBI does not bind or read the way a column of an entity needs: a
 * {@code BigInteger} (JDBC has no setter or getter for one, JDBI no argument or column mapper),
 * bound as a {@code BigDecimal} and read as one, which must be whole; and a null {@code UUID},
 * which JDBI binds as a null {@code varchar} that PostgreSQL refuses for a {@code uuid} column,
 * bound here as a null of no particular type, which every database takes for its column's.
 * Used by generated DAOs and the dialects; not an API to call.
 */
public final class SpecialTypes {
  private SpecialTypes() {}

  /** {@code value} as a {@code BigDecimal} to bind, or null. */
  public static BigDecimal toDecimal(BigInteger value) {
    return value == null ? null : new BigDecimal(value);
  }

  /**
   * Column {@code index} of the current row as a {@code BigInteger}, or null when SQL NULL.
   *
   * @throws SQLException when the column holds a fraction, naming the column and the value
   */
  public static BigInteger readBigInteger(ResultSet rs, int index) throws SQLException {
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
  }

  /** Binds {@code value} under {@code name}; a null as a null of no particular SQL type. */
  public static void bindUuid(SqlStatement<?> statement, String name, UUID value) {
    if (value == null) {
      statement.bindNull(name, Types.OTHER);
    } else {
      statement.bindByType(name, value, UUID.class);
    }
  }

  /** {@link #bindUuid(SqlStatement, String, UUID)} by position. */
  static void bindUuid(SqlStatement<?> statement, int position, UUID value) {
    if (value == null) {
      statement.bindNull(position, Types.OTHER);
    } else {
      statement.bindByType(position, value, UUID.class);
    }
  }

  /** The one value {@code query} returns, as {@code type}: JDBI's mapper, or {@link #readBigInteger}. */
  static <N> N one(Query query, Class<N> type) {
    if (type == BigInteger.class) {
      return type.cast(query.map((rs, ctx) -> readBigInteger(rs, 1)).one());
    }
    return query.mapTo(type).one();
  }
}
