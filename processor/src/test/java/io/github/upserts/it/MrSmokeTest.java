package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.FillIfNull;
import io.github.upserts.Key;
import io.github.upserts.MergeWith;
import io.github.upserts.Outcome;
import io.github.upserts.Upsertable;
import io.github.upserts.Version;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of the open merge rules of issue #16 through generated DAOs, on embedded H2 only:
 * one entity per rule, each proving its DAO runs and merges as the rule says. The rules' full
 * matrix over every database belongs to the runtime's tests; this one proves the processor wires
 * them (the {@code TABLE} constant, the {@code Columns} enum, the overload).
 */
class MrSmokeTest {

  @Upsertable(table = "mrs_tags")
  record MrsTags(@Key String id, @MergeWith("{stored} || ',' || {incoming}") String tags) {}

  @Upsertable(table = "mrs_fill")
  record MrsFill(@Key String id, @FillIfNull String firstSource, String lastSource) {}

  @Upsertable(table = "mrs_locked", updateWhen = "{stored.status} <> 'locked'")
  record MrsLocked(@Key String id, String status, String body) {}

  @Upsertable(table = "mrs_doc")
  record MrsDoc(@Key String id, @Version long version, String body) {}

  @Upsertable(table = "mrs_person")
  record MrsPerson(@Key String id, String name, String email) {}

  private final Jdbi jdbi = TestDatabases.h2().jdbi();

  @BeforeEach
  void schema() {
    jdbi.useHandle(h -> {
      for (String table : new String[] {"mrs_tags", "mrs_fill", "mrs_locked", "mrs_doc", "mrs_person"}) {
        h.execute("DROP TABLE IF EXISTS " + table);
      }
      h.execute("CREATE TABLE mrs_tags (id varchar PRIMARY KEY, tags varchar)");
      h.execute("CREATE TABLE mrs_fill (id varchar PRIMARY KEY, first_source varchar, last_source varchar)");
      h.execute("CREATE TABLE mrs_locked (id varchar PRIMARY KEY, status varchar, body varchar)");
      h.execute("CREATE TABLE mrs_doc (id varchar PRIMARY KEY, version bigint, body varchar)");
      h.execute("CREATE TABLE mrs_person (id varchar PRIMARY KEY, name varchar, email varchar)");
    });
  }

  @Test
  void mergeWithConcatenatesOnTheSecondUpsert() {
    try (Handle h = jdbi.open()) {
      assertThat(MrSmokeTest_MrsTagsUpserts.upsert(h, new MrsTags("a", "red"))).isEqualTo(Outcome.INSERTED);
      assertThat(MrSmokeTest_MrsTagsUpserts.upsert(h, new MrsTags("a", "blue"))).isEqualTo(Outcome.UPDATED);
      assertThat(MrSmokeTest_MrsTagsUpserts.find(h, "a")).hasValue(new MrsTags("a", "red,blue"));
    }
  }

  @Test
  void fillIfNullKeepsAStoredValueAndFillsANull() {
    try (Handle h = jdbi.open()) {
      MrSmokeTest_MrsFillUpserts.upsert(h, new MrsFill("a", "web", "web"));
      MrSmokeTest_MrsFillUpserts.upsert(h, new MrsFill("a", "app", "app"));
      assertThat(MrSmokeTest_MrsFillUpserts.find(h, "a")).hasValue(new MrsFill("a", "web", "app"));

      MrSmokeTest_MrsFillUpserts.upsert(h, new MrsFill("b", null, "web"));
      MrSmokeTest_MrsFillUpserts.upsert(h, new MrsFill("b", "app", "app"));
      assertThat(MrSmokeTest_MrsFillUpserts.find(h, "b")).hasValue(new MrsFill("b", "app", "app"));
    }
  }

  @Test
  void updateWhenFalseSkipsAndLeavesTheRowUntouched() {
    try (Handle h = jdbi.open()) {
      MrSmokeTest_MrsLockedUpserts.upsert(h, new MrsLocked("a", "locked", "first"));
      assertThat(MrSmokeTest_MrsLockedUpserts.upsert(h, new MrsLocked("a", "open", "second")))
          .isEqualTo(Outcome.SKIPPED);
      assertThat(MrSmokeTest_MrsLockedUpserts.find(h, "a")).hasValue(new MrsLocked("a", "locked", "first"));

      // the control: where the condition holds, the row is updated
      MrSmokeTest_MrsLockedUpserts.upsert(h, new MrsLocked("b", "open", "first"));
      assertThat(MrSmokeTest_MrsLockedUpserts.upsert(h, new MrsLocked("b", "locked", "second")))
          .isEqualTo(Outcome.UPDATED);
      assertThat(MrSmokeTest_MrsLockedUpserts.find(h, "b")).hasValue(new MrsLocked("b", "locked", "second"));
    }
  }

  @Test
  void versionUpdatesTheVersionReadAndReportsAStaleOne() {
    try (Handle h = jdbi.open()) {
      assertThat(MrSmokeTest_MrsDocUpserts.upsert(h, new MrsDoc("a", 0, "v1"))).isEqualTo(Outcome.INSERTED);
      assertThat(MrSmokeTest_MrsDocUpserts.find(h, "a")).hasValue(new MrsDoc("a", 1, "v1"));

      assertThat(MrSmokeTest_MrsDocUpserts.upsert(h, new MrsDoc("a", 1, "v2"))).isEqualTo(Outcome.UPDATED);
      assertThat(MrSmokeTest_MrsDocUpserts.find(h, "a")).hasValue(new MrsDoc("a", 2, "v2"));

      assertThat(MrSmokeTest_MrsDocUpserts.upsert(h, new MrsDoc("a", 1, "lost"))).isEqualTo(Outcome.STALE);
      assertThat(MrSmokeTest_MrsDocUpserts.find(h, "a")).hasValue(new MrsDoc("a", 2, "v2"));
    }
  }

  @Test
  void upsertOfNamedColumnsUpdatesOnlyThose() {
    try (Handle h = jdbi.open()) {
      MrSmokeTest_MrsPersonUpserts.upsert(h, new MrsPerson("a", "Ann", "ann@old.example"));
      assertThat(MrSmokeTest_MrsPersonUpserts.upsert(h, new MrsPerson("a", "Anna", "anna@new.example"),
          MrSmokeTest_MrsPersonUpserts.Columns.NAME)).isEqualTo(Outcome.UPDATED);
      assertThat(MrSmokeTest_MrsPersonUpserts.find(h, "a")).hasValue(new MrsPerson("a", "Anna", "ann@old.example"));

      // a new key is inserted whole
      assertThat(MrSmokeTest_MrsPersonUpserts.upsert(h, new MrsPerson("b", "Bo", "bo@example"),
          MrSmokeTest_MrsPersonUpserts.Columns.NAME)).isEqualTo(Outcome.INSERTED);
      assertThat(MrSmokeTest_MrsPersonUpserts.find(h, "b")).hasValue(new MrsPerson("b", "Bo", "bo@example"));
    }
  }

  @Test
  void upsertOfNamedColumnsRefusesNoneAndANullBeforeAnySql() {
    try (Handle h = jdbi.open()) {
      MrsPerson row = new MrsPerson("c", "Cy", "cy@example");
      IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
          () -> MrSmokeTest_MrsPersonUpserts.upsert(h, row, new MrSmokeTest_MrsPersonUpserts.Columns[0]));
      assertThat(none).hasMessageThat().contains("names no column to update");
      IllegalArgumentException aNull = assertThrows(IllegalArgumentException.class,
          () -> MrSmokeTest_MrsPersonUpserts.upsert(h, row, MrSmokeTest_MrsPersonUpserts.Columns.NAME, null));
      assertThat(aNull).hasMessageThat().contains("got a null column");
      assertThat(MrSmokeTest_MrsPersonUpserts.find(h, "c")).isEmpty();
    }
  }
}
