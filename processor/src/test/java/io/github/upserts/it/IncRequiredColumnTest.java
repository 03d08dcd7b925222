package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An increment on a table with a column it does not write that is {@code NOT NULL} without a
 * default: PostgreSQL, SQLite and MariaDB/MySQL check NOT NULL on the proposed row before they
 * look for a conflict, so the insert gives that column the stored value of the row with the key.
 * An existing row is incremented and keeps its value; a new key fails with the database's NOT NULL
 * error (nothing gives the column a value) and writes nothing.
 */
class IncRequiredColumnTest {
  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    h.execute("DROP TABLE IF EXISTS inc_labelled");
    h.execute("CREATE TABLE inc_labelled (id VARCHAR(20) PRIMARY KEY, hits BIGINT NOT NULL, label VARCHAR(50) NOT NULL)");
    return h;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void anExistingRowIsIncrementedAndKeepsItsValue(Database db) {
    try (Handle h = open(db)) {
      assertThat(IncLabelledUpserts.upsert(h, new IncLabelled("a", 2, "first"))).isEqualTo(Outcome.INSERTED);
      assertThat(IncLabelledUpserts.incrementHits(h, "a", 3)).isEqualTo(5L);
      long total = h.inTransaction(tx -> IncLabelledUpserts.incrementHits(tx, "a", 4));
      assertThat(total).isEqualTo(9L);
      assertThat(IncLabelledUpserts.find(h, "a")).hasValue(new IncLabelled("a", 9, "first"));
    }
  }

  /** Incrementing one counter does not write the other: that one, NOT NULL without a default, keeps its value. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void incrementingOneCounterKeepsAnotherNotNullCounter(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS inc_two");
      h.execute("CREATE TABLE inc_two (id VARCHAR(20) PRIMARY KEY, a BIGINT NOT NULL, b BIGINT NOT NULL)");
      IncTwoUpserts.upsert(h, new IncTwo("k", 1, 10));
      assertThat(IncTwoUpserts.incrementA(h, "k", 1)).isEqualTo(2L);
      assertThat(IncTwoUpserts.incrementB(h, "k", 5)).isEqualTo(15L);
      IncTwoUpserts.incrementAll(h, List.of(new IncTwo("k", 1, 1)));
      assertThat(IncTwoUpserts.find(h, "k")).hasValue(new IncTwo("k", 3, 16));
    }
  }

  /** The same in bulk: rows of existing keys, a key twice in one chunk, a list and a stream. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void existingRowsAreIncrementedInBulkAndKeepTheirValues(Database db) {
    try (Handle h = open(db)) {
      IncLabelledUpserts.upsertAll(h, List.of(new IncLabelled("a", 1, "A"), new IncLabelled("b", 10, "B")));
      BatchOutcome outcome = IncLabelledUpserts.incrementAll(h, List.of(
          new IncLabelled("a", 2, null), new IncLabelled("b", 5, "ignored"), new IncLabelled("a", 3, null)));
      assertThat(outcome.keys()).isEqualTo(2);
      IncLabelledUpserts.incrementAll(h, Stream.of(new IncLabelled("b", 1, null)));
      assertThat(IncLabelledUpserts.find(h, "a")).hasValue(new IncLabelled("a", 6, "A"));
      assertThat(IncLabelledUpserts.find(h, "b")).hasValue(new IncLabelled("b", 16, "B"));
    }
  }

  /** A new key among existing ones fails the whole call with the NOT NULL error: nothing is written. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aNewKeyInBulkFailsTheCallAndWritesNothing(Database db) {
    try (Handle h = open(db)) {
      IncLabelledUpserts.upsert(h, new IncLabelled("a", 1, "A"));
      RuntimeException e = assertThrows(RuntimeException.class, () -> IncLabelledUpserts.incrementAll(h,
          List.of(new IncLabelled("a", 2, null), new IncLabelled("new", 1, null))));
      assertThat(messages(e)).contains("label");
      assertThat(IncLabelledUpserts.find(h, "a")).hasValue(new IncLabelled("a", 1, "A"));
      assertThat(IncLabelledUpserts.find(h, "new")).isEmpty();
    }
  }

  private static String messages(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString().toLowerCase(Locale.ROOT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aNewKeyFailsWithTheNotNullErrorAndWritesNothing(Database db) {
    try (Handle h = open(db)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> IncLabelledUpserts.incrementHits(h, "new", 1));
      assertThat(messages(e)).contains("label");
      assertThat(IncLabelledUpserts.find(h, "new")).isEmpty();
    }
  }
}
