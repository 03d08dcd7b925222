package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A partitioned table ({@code PARTITION BY LIST}) through every method, with exact outcomes, on
 * PostgreSQL 15, 17 and 18: before 18 a partitioned table has no {@code xmax}, and the dialect
 * writes a row in two steps in one transaction and counts a batch from the prior keys.
 */
class UniqPartitionedTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void everyMethodWorksOnAPartitionedTable(Database db) throws SQLException {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS uniq_visits");
      h.execute("CREATE TABLE uniq_visits (region text NOT NULL, id text NOT NULL, hits bigint NOT NULL DEFAULT 0,"
          + " note text, PRIMARY KEY (region, id)) PARTITION BY LIST (region)");
      h.execute("CREATE TABLE uniq_visits_eu PARTITION OF uniq_visits FOR VALUES IN ('eu')");
      h.execute("CREATE TABLE uniq_visits_us PARTITION OF uniq_visits FOR VALUES IN ('us')");
      UniqVisitUpserts.verifySchema(h);
      int major = h.getConnection().getMetaData().getDatabaseMajorVersion();

      assertThat(UniqVisitUpserts.upsert(h, new UniqVisit("eu", "a", 1, "x"))).isEqualTo(Outcome.INSERTED);
      assertThat(UniqVisitUpserts.upsert(h, new UniqVisit("eu", "a", 2, "y"))).isEqualTo(Outcome.UPDATED);
      assertThat(UniqVisitUpserts.upsertReturning(h, new UniqVisit("eu", "a", 3, "z")))
          .isEqualTo(new UniqVisit("eu", "a", 6, "z"));
      assertThat(UniqVisitUpserts.upsertReturning(h, new UniqVisit("us", "r", 3, "r")))
          .isEqualTo(new UniqVisit("us", "r", 3, "r"));
      assertThat(UniqVisitUpserts.getOrInsert(h, new UniqVisit("eu", "a", 9, "no")))
          .isEqualTo(new UniqVisit("eu", "a", 6, "z"));
      assertThat(UniqVisitUpserts.getOrInsert(h, new UniqVisit("us", "b", 1, "n")))
          .isEqualTo(new UniqVisit("us", "b", 1, "n"));
      assertThat(UniqVisitUpserts.insertIfAbsent(h, new UniqVisit("eu", "a", 9, "no"))).isFalse();
      assertThat(UniqVisitUpserts.insertIfAbsent(h, new UniqVisit("us", "c", 1, "c"))).isTrue();
      assertThat(UniqVisitUpserts.incrementHits(h, "us", "b", 5)).isEqualTo(6);
      assertThat(UniqVisitUpserts.incrementHits(h, "us", "d", 2)).isEqualTo(2);

      BatchOutcome batch = UniqVisitUpserts.upsertAll(h, List.of(new UniqVisit("eu", "a", 1, "b1"),
          new UniqVisit("us", "e", 1, "e"), new UniqVisit("us", "e", 1, "e2"), new UniqVisit("us", "b", 1, "b")));
      // under READ COMMITTED the prior keys cannot rule out a racing first insert: not exact before 18
      assertThat(batch).isEqualTo(new BatchOutcome(4, 1, 1, 2, 0, 0, major >= 18));
      BatchOutcome repeatable = h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
          t -> UniqVisitUpserts.upsertAll(t, List.of(new UniqVisit("eu", "f", 1, "f"), new UniqVisit("us", "e", 1, "e3"))));
      assertThat(repeatable).isEqualTo(new BatchOutcome(2, 0, 1, 1, 0, 0, true));
      BatchOutcome increments = UniqVisitUpserts.incrementAll(h, List.of(new UniqVisit("us", "b", 1, "ignored"),
          new UniqVisit("us", "g", 2, "ignored"), new UniqVisit("us", "g", 3, "ignored")));
      assertThat(increments).isEqualTo(new BatchOutcome(3, 1, 1, 1, 0, 0, major >= 18));

      assertThat(UniqVisitUpserts.find(h, "eu", "a")).hasValue(new UniqVisit("eu", "a", 7, "b1"));
      assertThat(UniqVisitUpserts.find(h, "us", "b")).hasValue(new UniqVisit("us", "b", 8, "b"));
      assertThat(UniqVisitUpserts.find(h, "us", "e")).hasValue(new UniqVisit("us", "e", 3, "e3"));
      assertThat(UniqVisitUpserts.find(h, "us", "g")).hasValue(new UniqVisit("us", "g", 5, null));
      assertThat(UniqVisitUpserts.find(h, "eu", "nope")).isEmpty();
      assertThat(h.createQuery("SELECT count(*) FROM uniq_visits").mapTo(Integer.class).one()).isEqualTo(8);
    }
  }
}
