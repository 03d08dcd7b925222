package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import java.time.Instant;
import java.time.LocalDate;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each merge policy, outcome and get-or-insert on the insert and the update path. */
class PolicyTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);
  private static final LocalDate JAN_10 = LocalDate.of(2026, 1, 10);
  private static final LocalDate JAN_05 = LocalDate.of(2026, 1, 5);

  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    Schema.reset(handle);
    return handle;
  }

  /** The row version's transaction id: it changes exactly when the row is written. */
  private static String xmin(Handle h, String table, String keyColumn, String key) {
    return h.createQuery("SELECT xmin::text FROM " + table + " WHERE " + keyColumn + " = :key")
        .bind("key", key).mapTo(String.class).one();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void theInsertPathWritesEveryColumnAsGiven(Database db) {
    try (Handle h = open(db)) {
      Profile row = new Profile("p1", "a@x.org", 10, JAN_10, T0, 1, "ann");
      assertThat(ProfileUpserts.upsertReturning(h, row)).isEqualTo(row);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void theUpdatePathMergesEachColumnByItsPolicy(Database db) {
    try (Handle h = open(db)) {
      ProfileUpserts.upsert(h, new Profile("p1", "a@x.org", 10, JAN_10, T0, 1, "ann"));
      // @Coalesce keeps the stored email on null, @Max keeps 10, @Min takes Jan 5,
      // @InsertOnly keeps T0, @Increment adds, the plain column is overwritten
      assertThat(ProfileUpserts.upsertReturning(h, new Profile("p1", null, 7, JAN_05, T1, 2, "annie")))
          .isEqualTo(new Profile("p1", "a@x.org", 10, JAN_05, T0, 3, "annie"));
      assertThat(ProfileUpserts.upsert(h, new Profile("p1", "b@x.org", 12, JAN_10, T2, 0, null)))
          .isEqualTo(Outcome.UPDATED);
      assertThat(ProfileUpserts.find(h, "p1"))
          .hasValue(new Profile("p1", "b@x.org", 12, JAN_05, T0, 3, null));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void newerWinsSkipsALateEventAndLeavesTheRowUntouched(Database db) {
    try (Handle h = open(db)) {
      assertThat(EventUpserts.upsert(h, new Event("e1", 2, "second", T0))).isEqualTo(Outcome.INSERTED);
      String written = xmin(h, "events", "id", "e1");
      assertThat(EventUpserts.upsert(h, new Event("e1", 1, "first", T1))).isEqualTo(Outcome.SKIPPED);
      assertThat(EventUpserts.upsert(h, new Event("e1", 2, "second again", T1))).isEqualTo(Outcome.SKIPPED);
      assertThat(xmin(h, "events", "id", "e1")).isEqualTo(written);
      assertThat(EventUpserts.find(h, "e1")).hasValue(new Event("e1", 2, "second", T0));

      assertThat(EventUpserts.upsert(h, new Event("e1", 3, "third", T2))).isEqualTo(Outcome.UPDATED);
      // a skipped upsertReturning returns the row as stored
      assertThat(EventUpserts.upsertReturning(h, new Event("e1", 1, "late", T2)))
          .isEqualTo(new Event("e1", 3, "third", T0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void newerWinsOnATimestampWithNulls(Database db) {
    try (Handle h = open(db)) {
      assertThat(ReadingUpserts.upsert(h, new Reading("s1", null, 1.0))).isEqualTo(Outcome.INSERTED);
      // a stored NULL loses to any value
      assertThat(ReadingUpserts.upsert(h, new Reading("s1", T1, 2.0))).isEqualTo(Outcome.UPDATED);
      // an incoming NULL never wins
      assertThat(ReadingUpserts.upsert(h, new Reading("s1", null, 3.0))).isEqualTo(Outcome.SKIPPED);
      assertThat(ReadingUpserts.upsert(h, new Reading("s1", T0, 4.0))).isEqualTo(Outcome.SKIPPED);
      assertThat(ReadingUpserts.upsert(h, new Reading("s1", T2, 5.0))).isEqualTo(Outcome.UPDATED);
      assertThat(ReadingUpserts.find(h, "s1")).hasValue(new Reading("s1", T2, 5.0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void skipUnchangedWritesNothingWhenNothingChanges(Database db) {
    try (Handle h = open(db)) {
      assertThat(SettingUpserts.upsert(h, new Setting("theme", "dark", T0))).isEqualTo(Outcome.INSERTED);
      String written = xmin(h, "settings", "name", "theme");
      // createdAt differs, but it is insert-only: nothing would change
      assertThat(SettingUpserts.upsert(h, new Setting("theme", "dark", T1))).isEqualTo(Outcome.UNCHANGED);
      assertThat(xmin(h, "settings", "name", "theme")).isEqualTo(written);
      assertThat(SettingUpserts.upsertReturning(h, new Setting("theme", "dark", T2)))
          .isEqualTo(new Setting("theme", "dark", T0));

      assertThat(SettingUpserts.upsert(h, new Setting("theme", "light", T1))).isEqualTo(Outcome.UPDATED);
      assertThat(xmin(h, "settings", "name", "theme")).isNotEqualTo(written);
      // null is a value like any other: dark -> null is a change, null -> null is not
      assertThat(SettingUpserts.upsert(h, new Setting("theme", null, T1))).isEqualTo(Outcome.UPDATED);
      assertThat(SettingUpserts.upsert(h, new Setting("theme", null, T1))).isEqualTo(Outcome.UNCHANGED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void withoutSkipUnchangedAnIdenticalUpsertStillUpdates(Database db) {
    try (Handle h = open(db)) {
      Profile row = new Profile("p3", "a@x.org", 1, JAN_10, T0, 0, "ann");
      assertThat(ProfileUpserts.upsert(h, row)).isEqualTo(Outcome.INSERTED);
      assertThat(ProfileUpserts.upsert(h, row)).isEqualTo(Outcome.UPDATED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void getOrInsertReturnsTheStoredRowAndNeverWritesAnExistingOne(Database db) {
    try (Handle h = open(db)) {
      Profile first = new Profile("g1", "a@x.org", 1, JAN_10, T0, 1, "ann");
      assertThat(ProfileUpserts.getOrInsert(h, first)).isEqualTo(first);
      String written = xmin(h, "profiles", "id", "g1");
      Profile second = new Profile("g1", "b@x.org", 9, JAN_05, T1, 5, "bob");
      assertThat(ProfileUpserts.getOrInsert(h, second)).isEqualTo(first);
      assertThat(xmin(h, "profiles", "id", "g1")).isEqualTo(written);
      assertThat(ProfileUpserts.find(h, "g1")).hasValue(first);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void onlyInsertOnlyOrKeyColumnsMeansInsertOrUnchanged(Database db) {
    try (Handle h = open(db)) {
      assertThat(TagUpserts.upsert(h, new Tag("x"))).isEqualTo(Outcome.INSERTED);
      String written = xmin(h, "tags", "name", "x");
      assertThat(TagUpserts.upsert(h, new Tag("x"))).isEqualTo(Outcome.UNCHANGED);
      assertThat(TagUpserts.upsertReturning(h, new Tag("x"))).isEqualTo(new Tag("x"));
      assertThat(xmin(h, "tags", "name", "x")).isEqualTo(written);
    }
  }
}
