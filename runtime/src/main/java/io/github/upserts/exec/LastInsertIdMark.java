package io.github.upserts.exec;

import io.github.upserts.BatchOutcome;
import io.github.upserts.dialect.Table;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The outcome decoder of MariaDB and MySQL, whose affected-row counts depend on driver flags:
 * the update branch of {@code ON DUPLICATE KEY UPDATE} sets {@code LAST_INSERT_ID(mark)}, which
 * the server returns as the statement's insert id. A single row's mark says the key existed and
 * whether the update's guard passed (odd when it did); a batch adds to a base per row.
 */
public final class LastInsertIdMark {
  private LastInsertIdMark() {}

  /** The mark of an existing row whose update guard passed (odd: the guard bit is set). */
  public static final long UPDATED = Long.MAX_VALUE;
  /** The mark of an existing row whose update guard failed (even). */
  public static final long UNTOUCHED = Long.MAX_VALUE - 1;
  /** What {@code LAST_INSERT_ID()} is set to before a batch; its counts are added on top. */
  public static final long BATCH_BASE = 1L << 62;
  /** The weight of an updated row in a batch's count, above any number of untouched rows. */
  public static final long BATCH_UPDATED = 1L << 17;

  /** What one single-row write reported: the affected-row count and the insert id, if any. */
  public record Written(int count, Long insertId) {
    private boolean marked() {
      return insertId != null && (insertId == UPDATED || insertId == UNTOUCHED);
    }

    /** Whether the key existed: the mark came back, or nothing was affected (no mark is sent then). */
    public boolean existed() {
      return marked() || count == 0 || count == 2;
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
          // read as text: an id above Long.MAX_VALUE (unsigned) is no mark
          BigInteger id = new BigInteger(keys.getString(1).trim());
          insertId = id.bitLength() < 64 ? id.longValue() : null;
        }
      }
      return new Written(executed.getUpdateCount(), insertId);
    }
  }

  /** Decodes what a batch added to {@link #BATCH_BASE}; inexact when an auto-increment id replaced it. */
  public static BatchOutcome batch(Table table, long rows, BigInteger lastInsertId) {
    BigInteger counted = lastInsertId.subtract(BigInteger.valueOf(BATCH_BASE));
    long units = counted.signum() < 0 || counted.bitLength() > 62 ? -1 : counted.longValue() >> 1;
    long updated = units / BATCH_UPDATED;
    long untouched = units % BATCH_UPDATED;
    if (units < 0 || updated + untouched > rows) {
      // an AUTO_INCREMENT column took an id for an inserted row; that id is all the server reports
      return new BatchOutcome(rows, 0, 0, rows, 0, 0, false);
    }
    return Outcomes.batch(table, rows, rows - updated - untouched, updated);
  }
}
