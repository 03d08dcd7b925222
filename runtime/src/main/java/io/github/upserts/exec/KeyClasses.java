package io.github.upserts.exec;

import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

/**
 * The database's own equality of the keys of a batch, for a table whose key compares otherwise
 * than Java's {@code equals} (a case-insensitive collation or {@code citext}, a {@code numeric}
 * that holds {@code 1.0} and {@code 1.00} equal or rounds to its scale, a timestamp that rounds
 * to its precision, {@code -0.0} and {@code 0.0}, one instant at two offsets): one query per batch
 * sends the keys, each cast to its column's type and compared in its collation, and returns each
 * row's class, {@code dense_rank()} over the keys in the database's order. Rows of one class are
 * one key to the database; merging them and ordering the classes by rank makes a batch write
 * what the same rows written one after another would, and lock in the database's key order.
 */
public final class KeyClasses {
  /** Java types whose {@code equals} is the database's equality on any column that stores them. */
  private static final Set<Class<?>> EXACT = Set.of(long.class, int.class, short.class, byte.class, boolean.class,
      Long.class, Integer.class, Short.class, Byte.class, Boolean.class, BigInteger.class, UUID.class, LocalDate.class);

  /**
   * How one key value is compared: {@code value} is an expression of the one parameter {@code ?}
   * (a cast to the column's type), {@code collate} follows it in {@code ORDER BY} (a
   * {@code COLLATE} clause, or empty).
   */
  public record Equality(String value, String collate) {
    /** The bound value as it is. */
    public static final Equality PLAIN = new Equality("?", "");

    /** A cast of the bound value to {@code type}, compared in the type's own collation. */
    public static Equality cast(String type) {
      return new Equality(CAST + type + ")", "");
    }

    /** The type the value is cast to, when this is {@link #cast}, else null. */
    public String castType() {
      return value.startsWith(CAST) && collate.isEmpty() ? value.substring(CAST.length(), value.length() - 1) : null;
    }

    private static final String CAST = "CAST(? AS ";
  }

  /** How a dialect writes a derived table of literal rows. */
  public enum Rows {
    /** {@code (VALUES (...), ...) AS v(i, k0, ...)} (PostgreSQL, H2). */
    NAMED_VALUES,
    /** {@code (VALUES (...), ...)}, whose columns are {@code column1, ...} (SQLite). */
    SQLITE_VALUES,
    /** {@code SELECT ... UNION ALL SELECT ...} (MariaDB/MySQL). */
    UNION_ALL
  }

  private final Table table;
  private final IntFunction<String> sql;
  private final boolean folding;

  private KeyClasses(Table table, IntFunction<String> sql, boolean folding) {
    this.table = table;
    this.sql = sql;
    this.folding = folding;
  }

  /**
   * Whether keys the database holds equal differ at most in letter case and trailing spaces,
   * which folding text in Java removes (each key column is text or of a type whose {@code equals}
   * is exact, and the database's text equalities are such folds): then a sort on folded text keeps
   * equal keys together, in their given order. Not so under a collation that also equates other
   * spellings (MariaDB's {@code ß} and {@code ss}, an ICU collation's ignorable characters).
   */
  public boolean foldable() {
    return folding && table.keys().stream().allMatch(k -> exactInJava(k) || k.rawType() == String.class || k.rawType().isEnum());
  }

  /** Whether Java's {@code equals} on values of {@code key}'s type is equality on every column. */
  public static boolean exactInJava(Column key) {
    return EXACT.contains(key.rawType());
  }

  /**
   * The classes of {@code table}'s keys, compared as {@code equalities} say (one per key column,
   * in key order), in the derived table shape of the dialect; null when every one is
   * {@link Equality#PLAIN} or null (Java's {@code equals} is the database's equality).
   *
   * @param folding whether the database's text equalities are at most letter case and trailing spaces
   */
  public static KeyClasses of(Table table, List<Equality> equalities, Rows rows, boolean folding) {
    if (equalities.stream().allMatch(e -> e == null || e.equals(Equality.PLAIN))) {
      return null;
    }
    List<Equality> each = equalities.stream().map(e -> e == null ? Equality.PLAIN : e).toList();
    return new KeyClasses(table, Texts.byRows(n -> render(each, rows, n)), folding);
  }

  private static String render(List<Equality> equalities, Rows shape, int rows) {
    int keys = equalities.size();
    IntFunction<String> column = shape == Rows.SQLITE_VALUES ? j -> "column" + (j + 2) : j -> "k" + j;
    String rank = IntStream.range(0, keys).mapToObj(j -> column.apply(j) + equalities.get(j).collate())
        .collect(Collectors.joining(", "));
    String derived = switch (shape) {
      case NAMED_VALUES -> "(VALUES " + values(equalities, rows) + ") AS v(i, "
          + IntStream.range(0, keys).mapToObj(column).collect(Collectors.joining(", ")) + ")";
      case SQLITE_VALUES -> "(VALUES " + values(equalities, rows) + ")";
      case UNION_ALL -> "(" + IntStream.range(0, rows).mapToObj(r -> "SELECT " + r + " AS i"
          + IntStream.range(0, keys).mapToObj(j -> ", " + equalities.get(j).value() + " AS k" + j)
              .collect(Collectors.joining()))
          .collect(Collectors.joining(" UNION ALL ")) + ") v";
    };
    return "SELECT " + (shape == Rows.SQLITE_VALUES ? "column1" : "i") + ", dense_rank() OVER (ORDER BY " + rank
        + ") FROM " + derived;
  }

  private static String values(List<Equality> equalities, int rows) {
    String keys = equalities.stream().map(e -> ", " + e.value()).collect(Collectors.joining());
    return IntStream.range(0, rows).mapToObj(r -> "(" + r + keys + ")").collect(Collectors.joining(", "));
  }

  /** The query for {@code rows} rows, e.g. for documentation. */
  public String sql(int rows) {
    return sql.apply(rows);
  }

  /**
   * The class of each of {@code rows} (values in {@link Table#columns()} order): equal for rows
   * whose keys the database holds equal, ascending with the database's order of the keys.
   */
  public int[] of(Handle handle, Statements run, List<Object[]> rows) {
    int[] classes = new int[rows.size()];
    try (var query = run.query(handle, sql.apply(rows.size()))) {
      Statements.positional(table, table.keys(), rows, 0).bind(query);
      query.map((rs, ctx) -> classes[rs.getInt(1)] = rs.getInt(2)).forEach(c -> {});
    }
    return classes;
  }
}
