package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.Upserts;
import io.github.upserts.dialect.PostgresDialect;
import io.github.upserts.it.TestDatabases.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statements rendered over the table as the catalog describes it, read at first use: a key
 * without its unique index is refused before anything is written, on every database; a
 * partitioned PostgreSQL table is told inserts from updates without {@code xmax}; a deferrable
 * key is named with its fix; and reading can be turned off.
 */
class CatalogTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aKeyWithoutItsUniqueIndexIsRefusedBeforeAnythingIsWritten(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS badges");
      h.execute("CREATE TABLE badges (name VARCHAR(100), awarded BIGINT)");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
          () -> BadgeUpserts.upsert(h, new Badge("gold", 1)));
      assertThat(e).hasMessageThat().contains("Table badges has no unique constraint or unique index on exactly (");
      assertThat(e).hasMessageThat().contains("Fix: ");
      assertThrows(SchemaMismatchException.class, () -> BadgeUpserts.upsertAll(h, List.of(new Badge("a", 1))));
      assertThrows(SchemaMismatchException.class, () -> BadgeUpserts.incrementAwarded(h, "a", 1));
      assertThat(h.createQuery("SELECT COUNT(*) FROM badges").mapTo(Integer.class).one()).isEqualTo(0);

      assertThat(e.fixes()).hasSize(1);
      assertThat(e).hasMessageThat().contains("Fix: " + e.fixes().get(0) + ";");
      h.execute(e.fixes().get(0));
      assertThat(BadgeUpserts.upsert(h, new Badge("gold", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(BadgeUpserts.upsert(h, new Badge("gold", 2))).isEqualTo(Outcome.UPDATED);
      assertThat(BadgeUpserts.find(h, "gold").orElseThrow().awarded()).isEqualTo(3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void aPartitionedTableGetsExactOutcomesWithoutXmax(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS visits");
      h.execute("CREATE TABLE visits (region text NOT NULL, id text NOT NULL, hits bigint NOT NULL DEFAULT 0,"
          + " PRIMARY KEY (region, id)) PARTITION BY LIST (region)");
      h.execute("CREATE TABLE visits_eu PARTITION OF visits FOR VALUES IN ('eu')");
      h.execute("CREATE TABLE visits_us PARTITION OF visits FOR VALUES IN ('us')");

      assertThat(VisitUpserts.upsert(h, new Visit("eu", "a", 1))).isEqualTo(Outcome.INSERTED);
      assertThat(VisitUpserts.upsert(h, new Visit("eu", "a", 2))).isEqualTo(Outcome.UPDATED);
      BatchOutcome batch = VisitUpserts.upsertAll(h, List.of(
          new Visit("eu", "a", 1), new Visit("us", "b", 1), new Visit("us", "c", 1), new Visit("us", "b", 1)));
      int major = h.getConnection().getMetaData().getDatabaseMajorVersion();
      // under READ COMMITTED the prior keys cannot rule out a racing first insert: not exact before 18
      assertThat(batch).isEqualTo(new BatchOutcome(4, 1, 2, 1, 0, 0, major >= 18));
      assertThat(VisitUpserts.incrementHits(h, "us", "b", 5)).isEqualTo(7);
      assertThat(VisitUpserts.find(h, "eu", "a").orElseThrow().hits()).isEqualTo(4);

      // the control: rendered from the entity alone, PostgreSQL before 18 cannot return xmax here
      if (major < 18 && !db.name().contains("without")) {
        h.getConfig(Upserts.class).setDialect(PostgresDialect.forVersion(major)).setCatalogReading(false);
        UnableToExecuteStatementException e = assertThrows(UnableToExecuteStatementException.class,
            () -> VisitUpserts.upsert(h, new Visit("eu", "z", 1)));
        assertThat(e).hasMessageThat().contains("system column");
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void aDeferrableKeyIsNamedWithItsFixBeforeAnyWrite(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS tickets");
      h.execute("CREATE TABLE tickets (code text, holder text, CONSTRAINT tickets_pkey PRIMARY KEY (code) DEFERRABLE)");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
          () -> TicketUpserts.upsert(h, new Ticket("t1", "ann")));
      assertThat(e.mismatches().get(0)).contains("tickets_pkey on the @Key columns (code) is DEFERRABLE");
      assertThat(e.fixes()).containsExactly("ALTER TABLE \"tickets\" DROP CONSTRAINT \"tickets_pkey\", ADD CONSTRAINT \"tickets_pkey\" PRIMARY KEY (\"code\")");
      SchemaMismatchException verified = assertThrows(SchemaMismatchException.class, () -> TicketUpserts.verifySchema(h));
      assertThat(verified.fixes()).isEqualTo(e.fixes());

      e.fixes().forEach(h::execute);
      TicketUpserts.verifySchema(h);
      assertThat(TicketUpserts.upsert(h, new Ticket("t1", "ann"))).isEqualTo(Outcome.INSERTED);
      assertThat(TicketUpserts.upsert(h, new Ticket("t1", "bob"))).isEqualTo(Outcome.UPDATED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void aUniqueIndexWithIncludedColumnsIsAKeyIndexAndAnInvalidOneIsNot(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS seats CASCADE");
      h.execute("CREATE TABLE seats (code text NOT NULL, holder text)");
      h.execute("CREATE UNIQUE INDEX seats_code ON seats (code) INCLUDE (holder)");
      assertThat(SeatUpserts.upsert(h, new Seat("t1", "ann"))).isEqualTo(Outcome.INSERTED);
      assertThat(SeatUpserts.upsert(h, new Seat("t1", "bob"))).isEqualTo(Outcome.UPDATED);
      SeatUpserts.verifySchema(h);

      // a unique index left invalid by a failed CREATE INDEX CONCURRENTLY is no arbiter
      h.execute("DROP INDEX seats_code");
      h.execute("INSERT INTO seats VALUES ('t1', 'cid')");
      assertThrows(UnableToExecuteStatementException.class,
          () -> h.execute("CREATE UNIQUE INDEX CONCURRENTLY seats_code ON seats (code)"));
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> SeatUpserts.verifySchema(h));
      assertThat(e.mismatches().get(0)).contains("no unique constraint or unique index covers exactly the @Key columns (code)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void aDeferrableKeyIsRefusedEvenBesideAPlainUniqueIndex(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS berths CASCADE");
      h.execute("CREATE TABLE berths (code text, holder text, CONSTRAINT berths_pkey PRIMARY KEY (code) DEFERRABLE)");
      h.execute("CREATE UNIQUE INDEX berths_code ON berths (code)");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
          () -> BerthUpserts.upsert(h, new Berth("t1", "ann")));
      assertThat(e.mismatches().get(0)).contains("berths_pkey on the @Key columns (code) is DEFERRABLE");
      e.fixes().forEach(h::execute);
      assertThat(BerthUpserts.upsert(h, new Berth("t1", "ann"))).isEqualTo(Outcome.INSERTED);
    }
  }

  /**
   * A view has no index of its own: on PostgreSQL, {@code ON CONFLICT} finds the index of the
   * view's table (or refuses the statement); MariaDB's catalog shows none through the view, so a
   * write is refused before it could insert duplicates, as for a table without one.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("viewDatabases")
  void aViewIsWrittenThroughOnPostgresAndRefusedOnMariaDb(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP VIEW IF EXISTS passes");
      h.execute("DROP TABLE IF EXISTS pass_holders");
      h.execute("CREATE TABLE pass_holders (code VARCHAR(20) PRIMARY KEY, holder VARCHAR(20))");
      h.execute("CREATE VIEW passes AS SELECT code, holder FROM pass_holders");
      if (db.kind() == TestDatabases.Kind.MARIADB) {
        assertThrows(SchemaMismatchException.class, () -> PassUpserts.verifySchema(h));
        assertThrows(SchemaMismatchException.class, () -> PassUpserts.upsert(h, new Pass("p1", "ann")));
        return;
      }
      // verifySchema agrees with the first write: nothing to fix (no ALTER TABLE on a view)
      PassUpserts.verifySchema(h);
      assertThat(PassUpserts.upsert(h, new Pass("p1", "ann"))).isEqualTo(Outcome.INSERTED);
      assertThat(PassUpserts.upsert(h, new Pass("p1", "bob"))).isEqualTo(Outcome.UPDATED);
      assertThat(h.createQuery("SELECT holder FROM pass_holders WHERE code = 'p1'").mapTo(String.class).one()).isEqualTo("bob");
      h.execute("DROP VIEW passes");
    }
  }

  static List<Database> viewDatabases() {
    List<Database> databases = new java.util.ArrayList<>(TestDatabases.all());
    databases.addAll(TestDatabases.mariaDb());
    return databases;
  }

  /**
   * A partitioned table before PostgreSQL 18 writes a row in two steps in one transaction (the
   * first inserts it or locks the existing one), so racing first writes of a key get exactly one
   * INSERTED. The control: reading the prior keys in the same statement, what its bulk counts
   * rely on, labels some racers INSERTED too under READ COMMITTED, so those counts say inexact.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void racersOnAPartitionedTableGetExactlyOneInsert(Database db) throws Exception {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS visits");
      h.execute("CREATE TABLE visits (region text NOT NULL, id text NOT NULL, hits bigint NOT NULL DEFAULT 0,"
          + " PRIMARY KEY (region, id)) PARTITION BY LIST (region)");
      h.execute("CREATE TABLE visits_eu PARTITION OF visits FOR VALUES IN ('eu')");
    }
    int rounds = 25;
    int threads = 8;
    assertThat(racedInserts(db, "r", rounds, threads, false)).isEqualTo(rounds);
    try (Handle h = db.jdbi().open()) {
      assertThat(h.createQuery("SELECT sum(hits) FROM visits").mapTo(Long.class).one()).isEqualTo((long) rounds * threads);
      int major = h.getConnection().getMetaData().getDatabaseMajorVersion();
      BatchOutcome readCommitted = VisitUpserts.upsertAll(h, List.of(new Visit("eu", "b1", 1)));
      h.begin();
      h.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
      BatchOutcome serializable = VisitUpserts.upsertAll(h, List.of(new Visit("eu", "b2", 1)));
      h.commit();
      assertThat(serializable).isEqualTo(new BatchOutcome(1, 0, 1, 0, 0, 0, true));
      assertThat(readCommitted.exact()).isEqualTo(major >= 18);
      if (major < 18) {
        // the control's mislabels need two racers inside one window: a few batches of rounds
        // (fresh keys each) make it show on a loaded machine too; the first that shows ends it
        long mislabelled = 0;
        for (int batch = 0; batch < 8 && mislabelled == 0; batch++) {
          mislabelled = racedInserts(db, "p" + batch + "_", rounds, threads, true) - rounds;
        }
        assertWithMessage("INSERTED labels beyond one per key, reading the prior keys").that(mislabelled).isGreaterThan(0L);
      }
    }
  }

  /** INSERTED outcomes of {@code threads} racing the first write of each of {@code rounds} keys. */
  private static long racedInserts(Database db, String prefix, int rounds, int threads, boolean priorRead) throws Exception {
    java.util.concurrent.atomic.AtomicLong inserted = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < rounds; round++) {
        String id = prefix + round;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        List<java.util.concurrent.Future<Outcome>> outcomes = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
          outcomes.add(pool.submit(() -> {
            try (Handle h = db.jdbi().open()) {
              if (priorRead) {
                h.getConfig(Upserts.class).setDialect(PostgresDialect.withoutSystemColumns("prior read"));
              }
              start.await();
              return VisitUpserts.upsert(h, new Visit("eu", id, 1));
            }
          }));
        }
        for (java.util.concurrent.Future<Outcome> outcome : outcomes) {
          if (outcome.get() == Outcome.INSERTED) {
            inserted.incrementAndGet();
          }
        }
      }
    } finally {
      pool.shutdown();
    }
    return inserted.get();
  }
}
