package io.github.upserts.dialect;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Tuning for the PostgreSQL JDBC driver (pgjdbc), applied only when it is the driver: Upserts
 * does not require it, and this class touches none of its classes unless they are there.
 */
final class PgJdbc {
  private static final boolean PRESENT = present();

  private PgJdbc() {}

  /**
   * Has pgjdbc prepare a statement on the server at its first execution rather than its fifth.
   *
   * <p>pgjdbc counts executions per {@code PreparedStatement} object, and JDBI makes a new one
   * for every statement it runs: left alone, each chunk of a bulk upsert goes as a one-shot
   * statement that the server parses and plans anew, its arrays of 5,000 values copied into the
   * plan as constants (measured: 0.7 µs of server CPU per row, 13% of the whole). Prepared, the
   * chunks after the first reuse the server's statement by name. Left alone when the connection
   * turned server-side statements off ({@code prepareThreshold=0}, as behind PgBouncer's
   * transaction pooling), and for any other driver.
   */
  static final StatementCustomizer PREPARE_AT_ONCE = new StatementCustomizer() {
    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
      if (PRESENT && statement.isWrapperFor(PGStatement.class)) {
        PGStatement pg = statement.unwrap(PGStatement.class);
        if (pg.getPrepareThreshold() > 1) {
          pg.setPrepareThreshold(1);
        }
      }
    }
  };

  private static boolean present() {
    try {
      Class.forName("org.postgresql.PGStatement", false, PgJdbc.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
