package io.github.upserts.benchmarks;

import io.github.upserts.Outcome;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The contenders written by hand: the statements a careful person writes for {@link BenchRow}
 * without Upserts, with the same merge (overwrite {@code name} and {@code seen}, add up
 * {@code hits}) and the same {@code RETURNING} as the generated DAO ({@code HandWrittenSqlTest}
 * pins that), run through JDBI or plain JDBC.
 */
final class HandWritten {
  /** Rows per statement of the hand-written {@code unnest}, as the generated DAO chunks them. */
  static final int CHUNK = 5_000;

  private static final String CONFLICT = " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
      + " hits = COALESCE(t.hits, 0) + COALESCE(EXCLUDED.hits, 0), seen = EXCLUDED.seen";

  /** One row, named parameters (JDBI), reporting whether it inserted. */
  static final String UPSERT_NAMED = "INSERT INTO bench_rows AS t (id, name, hits, seen)"
      + " VALUES (:id, :name, :hits, :seen)" + CONFLICT + " RETURNING (t.xmax = 0) AS inserted";

  /** One row, positional parameters (JDBC), reporting whether it inserted. */
  static final String UPSERT = UPSERT_NAMED.replaceAll(":[a-z]+", "?");

  /** One row for a JDBC batch: a batch cannot return rows, so no {@code RETURNING}. */
  static final String UPSERT_IN_BATCH = "INSERT INTO bench_rows AS t (id, name, hits, seen)"
      + " VALUES (?, ?, ?, ?)" + CONFLICT;

  /**
   * Many rows, one array per column, unnested: the generated DAO's bulk statement, with the
   * instants bound the way the driver documents, as a {@code timestamptz[]} (of ISO strings).
   */
  static final String UPSERT_UNNEST = unnest("CAST(? AS timestamptz[])");

  /**
   * {@link #UPSERT_UNNEST} with the instants bound as the generated DAO binds them: a
   * {@code text[]}, which the driver sends in binary, cast on the server. The very statement of
   * the generated DAO.
   */
  static final String UPSERT_UNNEST_TEXT_ARRAY = unnest("CAST(CAST(? AS text[]) AS timestamptz[])");

  private static String unnest(String seenArray) {
    return "WITH upserts_written AS ("
        + "INSERT INTO bench_rows AS t (id, name, hits, seen)"
        + " SELECT * FROM unnest(CAST(? AS int8[]), CAST(? AS text[]), CAST(? AS int8[]), "
        + seenArray + ")" + CONFLICT + " RETURNING (t.xmax = 0) AS inserted)"
        + " SELECT count(CASE WHEN inserted THEN 1 END), count(*) FROM upserts_written";
  }

  /**
   * The staging table of the {@code COPY} contender: no key, no index, made in the measured
   * transaction and dropped at its commit.
   */
  static final String COPY_TABLE = "CREATE TEMP TABLE bench_rows_in (id bigint, name text,"
      + " hits bigint, seen timestamptz) ON COMMIT DROP";

  /** Rows into the staging table, in PostgreSQL's text format. */
  static final String COPY = "COPY bench_rows_in (id, name, hits, seen) FROM STDIN";

  /**
   * The staged rows upserted with the generated DAO's merge in one statement, which counts the
   * inserted rows itself rather than return a row per row.
   */
  static final String UPSERT_FROM_COPY = "WITH written AS (INSERT INTO bench_rows AS t (id, name,"
      + " hits, seen) SELECT id, name, hits, seen FROM bench_rows_in" + CONFLICT
      + " RETURNING (t.xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted) FROM written";

  static final String INCREMENT_NAMED = "INSERT INTO bench_rows AS t (id, hits) VALUES (:id, :hits)"
      + " ON CONFLICT (id) DO UPDATE SET hits = COALESCE(t.hits, 0) + EXCLUDED.hits RETURNING t.hits";

  static final String INCREMENT = INCREMENT_NAMED.replaceAll(":[a-z]+", "?");

  private HandWritten() {}

  // ---------------------------------------------------------------- single row

  static Outcome upsert(Handle handle, BenchRow row) {
    boolean inserted = handle.createQuery(UPSERT_NAMED)
        .bind("id", row.id())
        .bind("name", row.name())
        .bind("hits", row.hits())
        .bind("seen", row.seen())
        .mapTo(boolean.class)
        .one();
    return inserted ? Outcome.INSERTED : Outcome.UPDATED;
  }

  static Outcome upsert(Connection connection, BenchRow row) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      statement.setLong(1, row.id());
      statement.setString(2, row.name());
      statement.setLong(3, row.hits());
      statement.setTimestamp(4, Timestamp.from(row.seen()));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBoolean(1) ? Outcome.INSERTED : Outcome.UPDATED;
      }
    }
  }

  /**
   * The classic "update or create" in one transaction on {@code connection} (auto-commit off):
   * lock the row if it exists, then update it or insert it; an insert that loses a race to a
   * concurrent one fails with a unique violation, and the whole transaction starts over.
   */
  static Outcome selectForUpdateThenWrite(Connection connection, BenchRow row) throws SQLException {
    while (true) {
      try {
        boolean exists;
        try (PreparedStatement select =
            connection.prepareStatement("SELECT hits FROM bench_rows WHERE id = ? FOR UPDATE")) {
          select.setLong(1, row.id());
          try (ResultSet rs = select.executeQuery()) {
            exists = rs.next();
          }
        }
        String write = exists
            ? "UPDATE bench_rows SET name = ?, hits = hits + ?, seen = ? WHERE id = ?"
            : "INSERT INTO bench_rows (name, hits, seen, id) VALUES (?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(write)) {
          statement.setString(1, row.name());
          statement.setLong(2, row.hits());
          statement.setTimestamp(3, Timestamp.from(row.seen()));
          statement.setLong(4, row.id());
          statement.executeUpdate();
        }
        connection.commit();
        return exists ? Outcome.UPDATED : Outcome.INSERTED;
      } catch (SQLException e) {
        connection.rollback();
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
      }
    }
  }

  // ---------------------------------------------------------------- increments

  static long increment(Handle handle, long id, long delta) {
    return handle.createQuery(INCREMENT_NAMED)
        .bind("id", id)
        .bind("hits", delta)
        .mapTo(long.class)
        .one();
  }

  static long increment(Connection connection, long id, long delta) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INCREMENT)) {
      statement.setLong(1, id);
      statement.setLong(2, delta);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  // ---------------------------------------------------------------- bulk

  /**
   * A JDBC batch of single-row upserts, sent every {@link #CHUNK} rows, committed at the end
   * ({@code connection} has auto-commit off). Returns the rows written; a batch cannot tell
   * inserted from updated.
   */
  static long batch(Connection connection, List<BenchRow> rows) throws SQLException {
    long written = 0;
    try (PreparedStatement statement = connection.prepareStatement(UPSERT_IN_BATCH)) {
      int pending = 0;
      for (BenchRow row : rows) {
        statement.setLong(1, row.id());
        statement.setString(2, row.name());
        statement.setLong(3, row.hits());
        statement.setTimestamp(4, Timestamp.from(row.seen()));
        statement.addBatch();
        if (++pending == CHUNK) {
          written += sum(statement.executeBatch());
          pending = 0;
        }
      }
      if (pending > 0) {
        written += sum(statement.executeBatch());
      }
    }
    connection.commit();
    return written;
  }

  private static long sum(int[] counts) {
    long sum = 0;
    for (int count : counts) {
      // with reWriteBatchedInserts the driver reports SUCCESS_NO_INFO (-2) per row
      sum += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
    }
    return sum;
  }

  /**
   * The generated DAO's bulk statement written by hand: one statement per {@link #CHUNK} rows,
   * each column bound as one array (primitive {@code long[]}, {@code String[]}, and the instants
   * as ISO text, which PostgreSQL parses exactly), committed at the end ({@code connection} has
   * auto-commit off). Returns the rows inserted. Assumes, as its caller knows, that the rows
   * have distinct keys (PostgreSQL refuses to update one row twice in one statement).
   */
  static long unnest(Connection connection, List<BenchRow> rows) throws SQLException {
    return unnest(connection, rows, UPSERT_UNNEST, "timestamptz");
  }

  /**
   * {@link #unnest(Connection, List)} with the instants sent as the generated DAO sends them:
   * a {@code text[]}, which the driver encodes in binary (a length and the bytes per element),
   * where it writes a {@code timestamptz[]} of strings as one quoted, escaped array literal that
   * the server parses back.
   */
  static long unnestTextArray(Connection connection, List<BenchRow> rows) throws SQLException {
    return unnest(connection, rows, UPSERT_UNNEST_TEXT_ARRAY, "text");
  }

  private static long unnest(Connection connection, List<BenchRow> rows, String sql, String seenType)
      throws SQLException {
    long inserted = 0;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int from = 0; from < rows.size(); from += CHUNK) {
        List<BenchRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
        int n = chunk.size();
        long[] ids = new long[n];
        String[] names = new String[n];
        long[] hits = new long[n];
        String[] seen = new String[n];
        for (int i = 0; i < n; i++) {
          BenchRow row = chunk.get(i);
          ids[i] = row.id();
          names[i] = row.name();
          hits[i] = row.hits();
          seen[i] = row.seen() == null ? null : row.seen().toString();
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        Array[] arrays = {
            pg.createArrayOf("int8", ids),
            pg.createArrayOf("text", names),
            pg.createArrayOf("int8", hits),
            pg.createArrayOf(seenType, seen)};
        for (int c = 0; c < arrays.length; c++) {
          statement.setArray(c + 1, arrays[c]);
        }
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          inserted += rs.getLong(1);
        }
        for (Array array : arrays) {
          array.free();
        }
      }
    }
    connection.commit();
    return inserted;
  }

  /**
   * {@code COPY} into a temporary table, then one {@code INSERT ... SELECT ... ON CONFLICT}
   * from it, all in one transaction ({@code connection} has auto-commit off), which drops the
   * temporary table at its commit. The rows go to the server in PostgreSQL's text format,
   * {@link #CHUNK} rows per message (the instants as ISO text, as {@link #unnest} sends them).
   * Returns the rows inserted.
   */
  static long copyThenUpsert(Connection connection, List<BenchRow> rows) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(COPY_TABLE);
    }
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
    try {
      StringBuilder text = new StringBuilder();
      for (int from = 0; from < rows.size(); from += CHUNK) {
        text.setLength(0);
        for (BenchRow row : rows.subList(from, Math.min(rows.size(), from + CHUNK))) {
          text.append(row.id()).append('\t');
          copyText(text, row.name()).append('\t');
          text.append(row.hits()).append('\t');
          copyText(text, row.seen() == null ? null : row.seen().toString()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
      }
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    long inserted;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(UPSERT_FROM_COPY)) {
      rs.next();
      inserted = rs.getLong(1);
    }
    connection.commit();
    return inserted;
  }

  /** {@code value} as a column of {@code COPY}'s text format: {@code \N} for null, escaped. */
  static StringBuilder copyText(StringBuilder out, String value) {
    if (value == null) {
      return out.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }
}
