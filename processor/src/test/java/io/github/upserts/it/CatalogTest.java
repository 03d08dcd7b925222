package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
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

      String fix = e.getMessage().substring(e.getMessage().indexOf("Fix: ") + 5, e.getMessage().indexOf("; or mark"));
      h.execute(fix);
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
      assertThat(batch).isEqualTo(new BatchOutcome(4, 1, 2, 1, 0, 0, true));
      assertThat(VisitUpserts.incrementHits(h, "us", "b", 5)).isEqualTo(7);
      assertThat(VisitUpserts.find(h, "eu", "a").orElseThrow().hits()).isEqualTo(4);

      // the control: rendered from the entity alone, PostgreSQL before 18 cannot return xmax here
      int major = h.getConnection().getMetaData().getDatabaseMajorVersion();
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
}
