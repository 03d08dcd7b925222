package io.github.upserts.benchmarks;

import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The Hibernate ORM contenders, on {@link BenchRowEntity}: {@code StatelessSession.upsert}
 * (Hibernate renders a {@code MERGE} or an {@code INSERT ... ON CONFLICT} for the dialect),
 * {@code Session.merge} (a {@code SELECT} by key, then an {@code INSERT} or an {@code UPDATE}),
 * and {@code StatelessSession.upsertMultiple} for bulk. Each call opens a session and runs in a
 * transaction of its own, as a Hibernate user writes it.
 *
 * <p>Settings ({@link #sessionFactory}): Hibernate's built-in connection pool on the trial's
 * JDBC URL (the driver's defaults, as every contender), {@value #BATCH_SIZE} statements per
 * JDBC batch, no second-level or query cache, no SQL logging, no statistics, no schema tooling;
 * the dialect is detected from the server.
 */
final class Hibernate {
  /** Statements per JDBC batch: the chunk of the other bulk contenders. */
  static final int BATCH_SIZE = HandWritten.CHUNK;

  private Hibernate() {}

  /** A session factory for {@link BenchRowEntity} on {@code database}, pooling up to {@code connections}. */
  static SessionFactory sessionFactory(Database database, int connections) {
    // Hibernate logs through JBoss Logging; slf4j-nop silences it as it does everything else
    System.setProperty("org.jboss.logging.provider", "slf4j");
    return new Configuration()
        .addAnnotatedClass(BenchRowEntity.class)
        .setProperty(AvailableSettings.JAKARTA_JDBC_URL, database.url())
        .setProperty(AvailableSettings.POOL_SIZE, connections)
        .setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, BATCH_SIZE)
        .setProperty(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
        .setProperty(AvailableSettings.USE_QUERY_CACHE, false)
        .setProperty(AvailableSettings.SHOW_SQL, false)
        .setProperty(AvailableSettings.FORMAT_SQL, false)
        .setProperty(AvailableSettings.HIGHLIGHT_SQL, false)
        .setProperty(AvailableSettings.GENERATE_STATISTICS, false)
        .setProperty(AvailableSettings.HBM2DDL_AUTO, "none")
        .buildSessionFactory();
  }

  /**
   * The process id of the backend serving the one pooled connection of {@code sessions} (a
   * factory made with one connection).
   */
  static long backend(SessionFactory sessions, Database database) {
    return sessions.fromStatelessTransaction(session -> session.doReturningWork(database::backend));
  }

  /** {@code StatelessSession.upsert} in a transaction of its own. */
  static void upsert(SessionFactory sessions, BenchRowEntity row) {
    sessions.inStatelessTransaction(session -> session.upsert(row));
  }

  /** {@code Session.merge} in a transaction of its own; returns the managed copy. */
  static BenchRowEntity merge(SessionFactory sessions, BenchRowEntity row) {
    return sessions.fromTransaction(session -> session.merge(row));
  }

  /**
   * {@code StatelessSession.upsertMultiple}, {@value #BATCH_SIZE} rows per call, in one
   * transaction. (A stateless session ignores {@code hibernate.jdbc.batch_size}: Hibernate 7.4
   * sends every list given to {@code upsertMultiple} as one JDBC batch; so the rows go in
   * chunks, one batch each, as the other bulk contenders send them.) Returns the rows written.
   */
  static long upsertMultiple(SessionFactory sessions, List<BenchRowEntity> rows) {
    return sessions.fromStatelessTransaction(session -> upsertInChunks(session, rows));
  }

  private static long upsertInChunks(StatelessSession session, List<BenchRowEntity> rows) {
    for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
      session.upsertMultiple(rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE)));
    }
    return rows.size();
  }
}
