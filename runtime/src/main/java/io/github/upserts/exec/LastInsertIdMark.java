package io.github.upserts.exec;

import io.github.upserts.BatchOutcome;
import io.github.upserts.dialect.Table;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The outcome decoder of MariaDB and MySQL, whose affected-row counts depend on driver flags:
 * the update branch of {@code ON DUPLICATE KEY UPDATE} sets {@code LAST_INSERT_ID(mark)}, which
 * the server returns as the statement's insert id. A single row's mark says the key existed and
 * whether the update's guard passed (odd when it did), or that the row found was another key's,
 * met through another unique index ({@link #COLLIDED}, and left untouched); a batch adds to a
 * base per row.
 */
public final class LastInsertIdMark {
  private LastInsertIdMark() {}

  /** The mark of an existing row whose update guard passed (odd: the guard bit is set). */
  public static final long UPDATED = Long.MAX_VALUE;
  /** The mark of an existing row whose update guard failed (even). */
  public static final long UNTOUCHED = Long.MAX_VALUE - 1;
  /** The mark of a row of another key, found through another unique index and left untouched (even). */
  public static final long COLLIDED = Long.MAX_VALUE - 3;
  /** What {@code LAST_INSERT_ID()} is set to before a batch; its counts are added on top. */
  public static final long BATCH_BASE = 1L << 62;
  /** The weight of an updated row in a batch's count, above any number of untouched rows. */
  public static final long BATCH_UPDATED = 1L << 17;
  /** The weight of a collided row in a batch's count, above any number of updated rows. */
  public static final long BATCH_COLLIDED = 1L << 34;
  /** The error code and SQLState of MariaDB's and MySQL's duplicate-key error. */
  private static final int ER_DUP_ENTRY = 1062;
  private static final String INTEGRITY_CONSTRAINT_VIOLATION = "23000";

  /** What one single-row write reported: the affected-row count and the insert id, if any. */
  public record Written(int count, Long insertId) {
    private boolean marked() {
      return insertId != null && (insertId == UPDATED || insertId == UNTOUCHED || insertId == COLLIDED);
    }

    /**
     * Whether the mark must be read with {@code SELECT LAST_INSERT_ID()}: nothing was affected
     * (without {@code CLIENT_FOUND_ROWS}), so the driver reports no insert id, yet the update
     * branch ran and set the mark.
     */
    public boolean markUnreported() {
      return count == 0 && !marked();
    }

    /** Whether the key existed: the mark came back, or nothing was affected. */
    public boolean existed() {
      return marked() || count == 0 || count == 2;
    }

    /** Whether the row met was another key's, through another unique index (left untouched). */
    public boolean collided() {
      return insertId != null && insertId == COLLIDED;
    }

    /** Whether the update ran; {@code unguarded}: an existing row is always updated. */
    public boolean guardPassed(boolean unguarded) {
      return marked() ? insertId == UPDATED : count == 2 || (count == 0 && unguarded);
    }

    /** Runs the statement asking for generated keys, and reads the count and the insert id. */
    public static Written of(Supplier<PreparedStatement> statement, StatementContext ctx) throws SQLException {
      ctx.setReturningGeneratedKeys(true);
      PreparedStatement executed = statement.get();
      Long insertId = null;
      try (ResultSet keys = executed.getGeneratedKeys()) {
        if (keys != null && keys.next() && keys.getString(1) != null) {
          insertId = mark(keys.getString(1));
        }
      }
      return new Written(executed.getUpdateCount(), insertId);
    }

    /** This write with the mark read from {@code SELECT LAST_INSERT_ID()} as text. */
    public Written withMark(String lastInsertId) {
      return new Written(count, mark(lastInsertId));
    }

    private static Long mark(String id) {
      // read as text: an id above Long.MAX_VALUE (unsigned) is no mark
      BigInteger value = new BigInteger(id.trim());
      return value.bitLength() < 64 ? value.longValue() : null;
    }
  }

  /** Whether a batch's count (what {@code SELECT LAST_INSERT_ID()} returned) includes a collided row. */
  public static boolean collided(BigInteger lastInsertId) {
    BigInteger counted = lastInsertId.subtract(BigInteger.valueOf(BATCH_BASE));
    return counted.signum() >= 0 && counted.bitLength() <= 62 && (counted.longValue() >> 1) >= BATCH_COLLIDED;
  }

  /** Decodes what a batch added to {@link #BATCH_BASE}; inexact when an auto-increment id replaced it. */
  public static BatchOutcome batch(Table table, long rows, BigInteger lastInsertId) {
    BigInteger counted = lastInsertId.subtract(BigInteger.valueOf(BATCH_BASE));
    long units = counted.signum() < 0 || counted.bitLength() > 62 ? -1 : counted.longValue() >> 1;
    long updated = units % BATCH_COLLIDED / BATCH_UPDATED;
    long untouched = units % BATCH_UPDATED;
    if (units < 0 || units >= BATCH_COLLIDED || updated + untouched > rows) {
      // an AUTO_INCREMENT column took an id for an inserted row; that id is all the server reports
      return new BatchOutcome(rows, 0, 0, rows, 0, 0, false);
    }
    return Outcomes.batch(table, rows, rows - updated - untouched, updated);
  }

  /**
   * The error for rows that met another key's row through another unique index, which
   * {@code ON DUPLICATE KEY UPDATE} left untouched: it reads like the database's duplicate-key
   * error (SQLState 23000, error 1062), as other databases raise a unique violation there.
   *
   * @param keys the keys given, e.g. {@code id = 2}
   * @param ctx the statement's context, or null
   */
  public static UnableToExecuteStatementException collision(Table table, String keys, StatementContext ctx) {
    return new UnableToExecuteStatementException(new SQLIntegrityConstraintViolationException("Duplicate entry for"
        + " another unique index of table " + table.displayName() + ": the " + table.entity() + " row with "
        + keys + " collides there with the row of another key, and nothing was written (ON DUPLICATE KEY"
        + " UPDATE found that row through an index other than the @Key's, and left it untouched)",
        INTEGRITY_CONSTRAINT_VIOLATION, ER_DUP_ENTRY), ctx);
  }
}
