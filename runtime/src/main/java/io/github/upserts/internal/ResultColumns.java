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
  /**
   * {@code value}, just read from {@code rs} by a primitive getter, boxed; or null when the
   * column was SQL NULL (the getter then returned zero or false).
   */
  public static <V> V orNull(V value, ResultSet rs) throws SQLException {
    return rs.wasNull() ? null : value;
  }
}
