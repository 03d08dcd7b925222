package io.github.upserts.internal;

import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.math.BigInteger;
import io.github.upserts.bind.BoundTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.NoSuchMapperException;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Lookups a generated row mapper does once per result set (in {@code specialize}), so mapping
 * each row reads columns by index with mappers already resolved.
 */
public final class ResultColumns {
  private ResultColumns() {}

  /**
   * The 1-based index of {@code column} in {@code rs}: the label that equals it, else the one
   * that equals it ignoring case (unquoted identifiers are folded by some databases).
   *
   * @throws IllegalStateException naming the missing column, the entity and the columns present
   */
  public static int indexOf(ResultSet rs, String column, String entity) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int count = meta.getColumnCount();
    for (int i = 1; i <= count; i++) {
      if (column.equals(meta.getColumnLabel(i))) {
        return i;
      }
    }
    for (int i = 1; i <= count; i++) {
      if (column.equalsIgnoreCase(meta.getColumnLabel(i))) {
        return i;
      }
    }
    List<String> present = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      present.add(meta.getColumnLabel(i));
    }
    throw new IllegalStateException(
        "Cannot map a row to " + entity + ": the result has no column '" + column + "' (it has "
            + present + "). Select every column the entity maps, e.g. SELECT * FROM its table.");
  }

  /** The JDBI column mapper for {@code type}, with a message that says how to register one. */
  public static <V> ColumnMapper<V> mapper(
      StatementContext ctx, Type type, String entity, String property) {
    @SuppressWarnings("unchecked")
    ColumnMapper<V> mapper = (ColumnMapper<V>) ctx.findColumnMapperFor(type)
        // a BigInteger in a query of the application's own, outside Upserts' statements
        .or(() -> type == BigInteger.class ? Optional.of(BoundTypes.BIG_INTEGER_MAPPER) : Optional.empty())
        .orElseThrow(() -> new NoSuchMapperException(
            "No JDBI column mapper for " + type.getTypeName() + ", the type of " + entity + "."
                + property + ". Register one: jdbi.registerColumnMapper(...)."));
    return mapper;
  }
  /** The column as a {@code Boolean}, or null when SQL NULL. */
  public static Boolean getBoolean(ResultSet rs, int index) throws SQLException {
    boolean value = rs.getBoolean(index);
    return rs.wasNull() ? null : value;
  }

  /** The column as a {@code Byte}, or null when SQL NULL. */
  public static Byte getByte(ResultSet rs, int index) throws SQLException {
    byte value = rs.getByte(index);
    return rs.wasNull() ? null : value;
  }

  /** The column as a {@code Short}, or null when SQL NULL. */
  public static Short getShort(ResultSet rs, int index) throws SQLException {
    short value = rs.getShort(index);
    return rs.wasNull() ? null : value;
  }

  /** The column as an {@code Integer}, or null when SQL NULL. */
  public static Integer getInteger(ResultSet rs, int index) throws SQLException {
    int value = rs.getInt(index);
    return rs.wasNull() ? null : value;
  }

  /** The column as a {@code Long}, or null when SQL NULL. */
  public static Long getLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }

  /** The column as a {@code Float}, or null when SQL NULL. */
  public static Float getFloat(ResultSet rs, int index) throws SQLException {
    float value = rs.getFloat(index);
    return rs.wasNull() ? null : value;
  }

  /** The column as a {@code Double}, or null when SQL NULL. */
  public static Double getDouble(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? null : value;
  }
}
