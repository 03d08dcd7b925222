package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.BatchOutcome;
import io.github.upserts.DefaultIfNull;
import io.github.upserts.FillIfNull;
import io.github.upserts.Increment;
import io.github.upserts.InsertOnly;
import io.github.upserts.Key;
import io.github.upserts.MergeWith;
import io.github.upserts.Outcome;
import io.github.upserts.Upsertable;
import io.github.upserts.Upserted;
import io.github.upserts.Upserts;
import io.github.upserts.Version;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A new user's probes of the open merge rules of issue #16 (tables b16_*), on every database:
 * expressions, conditions, versions, named columns, and bulk calls with duplicate keys, each
 * checked against what the rows written one after another store.
 */
class Brk16MergeRulesTest {

  @Upsertable(table = "b16_score")
  record Score(@Key String id, @MergeWith("{stored} + 2 * {incoming.bonus}") Long score, Long bonus) {}

  @Upsertable(table = "b16_tags")
  record Tags(@Key String id, @MergeWith("CONCAT({stored}, '{incoming}', {incoming})") String tags) {}

  @Upsertable(table = "b16_quote")
  record Quote(@Key String id, @MergeWith("CONCAT({stored}, 'it''s', {incoming})") String text) {}

  @Upsertable(table = "b16_dflt")
  record Dflt(@Key String id, @MergeWith("{stored} + {incoming.bonus}") Long score, @DefaultIfNull Long bonus) {}

  @Upsertable(table = "b16_locked", updateWhen = "{stored.status} <> 'locked' OR {incoming.status} = 'unlock'")
  record Locked(@Key String id, String status, String body) {}

  @Upsertable(table = "b16_doc")
  record Doc(@Key String id, @Version int version, String body) {}

  @Upsertable(table = "b16_bdoc")
  record BoxedDoc(@Key String id, @Version Short version, String body) {}

  @Upsertable(table = "b16_vlocked", updateWhen = "{stored.status} <> 'locked'")
  record VerLocked(@Key String id, @Version long version, String status, String body) {}

  @Upsertable(table = "b16_person")
  record Person(@Key String id, String name, String email, @InsertOnly String origin, @Increment long visits,
      @FillIfNull String first) {}

  @Upsertable(table = "b16_skip", skipUnchanged = true, updateWhen = "{stored.status} <> 'locked'")
  record Skip(@Key String id, String status, @MergeWith("{stored} + {incoming}") Long n) {}

  private static String text(Database db) {
    return db.kind() == Kind.MARIADB || db.kind() == Kind.H2 ? "VARCHAR(100)" : "TEXT";
  }

  private static Handle open(Database db, String table, String columns) {
    Handle h = db.jdbi().open();
    h.execute("DROP TABLE IF EXISTS " + table);
    h.execute("CREATE TABLE " + table + " (id " + text(db) + " NOT NULL PRIMARY KEY, " + columns.replace("$T", text(db)) + ")");
    return h;
  }

  // ---------------------------------------------------------------- expressions

  /** (a,1,1), (a,1,5), (a,1,10) one after another: 1, 11, 31; bulk (list and stream) must store the same. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void expressionOfAnotherIncomingColumnSingleAndBulk(Database db) {
    try (Handle h = open(db, "b16_score", "score BIGINT, bonus BIGINT")) {
      List<Score> rows = List.of(new Score("a", 1L, 1L), new Score("a", 1L, 5L), new Score("a", 1L, 10L));
      for (Score row : rows) {
        Brk16MergeRulesTest_ScoreUpserts.upsert(h, row);
      }
      assertThat(Brk16MergeRulesTest_ScoreUpserts.find(h, "a")).hasValue(new Score("a", 31L, 10L));

      h.execute("DELETE FROM b16_score");
      BatchOutcome list = Brk16MergeRulesTest_ScoreUpserts.upsertAll(h, rows);
      assertThat(Brk16MergeRulesTest_ScoreUpserts.find(h, "a")).hasValue(new Score("a", 31L, 10L));
      assertThat(list.inserted()).isEqualTo(1);
      assertThat(list.updated()).isEqualTo(2);

      h.execute("DELETE FROM b16_score");
      Brk16MergeRulesTest_ScoreUpserts.upsertAll(h, rows.stream());
      assertThat(Brk16MergeRulesTest_ScoreUpserts.find(h, "a")).hasValue(new Score("a", 31L, 10L));

      // a stored NULL: NULL + anything is NULL, single-row and bulk alike
      h.execute("DELETE FROM b16_score");
      Brk16MergeRulesTest_ScoreUpserts.upsert(h, new Score("n", null, 1L));
      Brk16MergeRulesTest_ScoreUpserts.upsertAll(h, List.of(new Score("n", 4L, 2L), new Score("n", 4L, 3L)));
      assertThat(Brk16MergeRulesTest_ScoreUpserts.find(h, "n")).hasValue(new Score("n", null, 3L));
    }
  }

  /** A placeholder inside a string literal is text, never a placeholder. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void placeholderInAStringLiteralIsText(Database db) {
    try (Handle h = open(db, "b16_tags", "tags $T")) {
      Brk16MergeRulesTest_TagsUpserts.upsert(h, new Tags("a", "x"));
      Brk16MergeRulesTest_TagsUpserts.upsert(h, new Tags("a", "y"));
      assertThat(Brk16MergeRulesTest_TagsUpserts.find(h, "a")).hasValue(new Tags("a", "x{incoming}y"));
      Brk16MergeRulesTest_TagsUpserts.upsertAll(h, List.of(new Tags("a", "1"), new Tags("a", "2"), new Tags("b", "3")));
      assertThat(Brk16MergeRulesTest_TagsUpserts.find(h, "a")).hasValue(new Tags("a", "x{incoming}y{incoming}1{incoming}2"));
      assertThat(Brk16MergeRulesTest_TagsUpserts.find(h, "b")).hasValue(new Tags("b", "3"));
    }
  }

  /** A doubled quote inside a literal. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void doubledQuoteInALiteral(Database db) {
    try (Handle h = open(db, "b16_quote", "text $T")) {
      Brk16MergeRulesTest_QuoteUpserts.upsert(h, new Quote("a", "x"));
      Brk16MergeRulesTest_QuoteUpserts.upsertAll(h, List.of(new Quote("a", "y"), new Quote("a", "z")));
      assertThat(Brk16MergeRulesTest_QuoteUpserts.find(h, "a")).hasValue(new Quote("a", "xit'syit'sz"));
    }
  }

  /**
   * {@code {incoming.bonus}} where bonus is {@code @DefaultIfNull} and null: whatever it reads,
   * single-row and bulk must agree, and every database alike. Found: H2's bulk statement fails
   * ({@code Column "S.BONUS" not found}: the source row leaves the column out) and H2's single-row
   * upsert read NULL where the others read the column's DEFAULT; now NULL, the row's value, everywhere.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void incomingOfADefaultIfNullNull(Database db) {
    try (Handle h = open(db, "b16_dflt", "score BIGINT, bonus BIGINT DEFAULT 7")) {
      Brk16MergeRulesTest_DfltUpserts.upsert(h, new Dflt("a", 10L, 1L));
      Brk16MergeRulesTest_DfltUpserts.upsert(h, new Dflt("a", 10L, null));
      Long single = h.createQuery("SELECT score FROM b16_dflt WHERE id = 'a'").mapTo(Long.class).one();

      Brk16MergeRulesTest_DfltUpserts.upsert(h, new Dflt("b", 10L, 1L));
      Brk16MergeRulesTest_DfltUpserts.upsertAll(h, List.of(new Dflt("b", 10L, null), new Dflt("c", 1L, null)));
      Long bulk = h.createQuery("SELECT score FROM b16_dflt WHERE id = 'b'").mapTo(Long.class).one();
      assertWithMessage("single-row vs bulk").that(bulk).isEqualTo(single);
      // the stored bonus stays 1 (the @DefaultIfNull null keeps it)
      assertThat(Brk16MergeRulesTest_DfltUpserts.find(h, "a")).hasValue(new Dflt("a", single, 1L));
      // the incoming row's bonus is null (PostgreSQL, SQLite and MariaDB read the column's
      // DEFAULT, 10 + 7, H2 NULL, before the fix): one compiled entity stores the same everywhere
      assertWithMessage("score after {stored} + {incoming.bonus} with bonus null").that(single).isNull();
    }
  }

  // ---------------------------------------------------------------- updateWhen

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void updateWhenNullAndIncomingConditionSingleAndBulk(Database db) {
    try (Handle h = open(db, "b16_locked", "status $T, body $T")) {
      assertThat(Brk16MergeRulesTest_LockedUpserts.upsert(h, new Locked("n", null, "1"))).isEqualTo(Outcome.INSERTED);
      // NULL <> 'locked' is NULL: skipped
      assertThat(Brk16MergeRulesTest_LockedUpserts.upsert(h, new Locked("n", "open", "2"))).isEqualTo(Outcome.SKIPPED);
      Upserted<Locked> skipped = Brk16MergeRulesTest_LockedUpserts.upsertReturningOutcome(h, new Locked("n", "open", "3"));
      assertThat(skipped.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(skipped.row()).isEqualTo(new Locked("n", null, "1"));
      // the incoming row's status opens it
      assertThat(Brk16MergeRulesTest_LockedUpserts.upsert(h, new Locked("n", "unlock", "4"))).isEqualTo(Outcome.UPDATED);
      assertThat(Brk16MergeRulesTest_LockedUpserts.find(h, "n")).hasValue(new Locked("n", "unlock", "4"));

      // bulk: lock, then a skipped write, then unlock, then a write: one after another
      BatchOutcome bulk = Brk16MergeRulesTest_LockedUpserts.upsertAll(h, List.of(
          new Locked("n", "locked", "5"), new Locked("n", "open", "6"), new Locked("n", "unlock", "7"),
          new Locked("n", "open", "8"), new Locked("m", "locked", "1"), new Locked("m", "open", "2")));
      assertThat(Brk16MergeRulesTest_LockedUpserts.find(h, "n")).hasValue(new Locked("n", "open", "8"));
      assertThat(Brk16MergeRulesTest_LockedUpserts.find(h, "m")).hasValue(new Locked("m", "locked", "1"));
      assertThat(bulk.inserted()).isEqualTo(1);
      assertThat(bulk.updated()).isEqualTo(3);
      assertThat(bulk.skipped()).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void updateWhenWithSkipUnchangedTellsSkippedFromUnchanged(Database db) {
    try (Handle h = open(db, "b16_skip", "status $T, n BIGINT")) {
      Brk16MergeRulesTest_SkipUpserts.upsert(h, new Skip("a", "open", 1L));
      assertThat(Brk16MergeRulesTest_SkipUpserts.upsert(h, new Skip("a", "open", 0L))).isEqualTo(Outcome.UNCHANGED);
      assertThat(Brk16MergeRulesTest_SkipUpserts.upsert(h, new Skip("a", "open", 2L))).isEqualTo(Outcome.UPDATED);
      assertThat(Brk16MergeRulesTest_SkipUpserts.upsert(h, new Skip("a", "locked", 0L))).isEqualTo(Outcome.UPDATED);
      assertThat(Brk16MergeRulesTest_SkipUpserts.upsert(h, new Skip("a", "locked", 0L))).isEqualTo(Outcome.SKIPPED);
      assertThat(Brk16MergeRulesTest_SkipUpserts.upsertReturningOutcome(h, new Skip("a", "open", 5L)).outcome())
          .isEqualTo(Outcome.SKIPPED);
      assertThat(Brk16MergeRulesTest_SkipUpserts.find(h, "a")).hasValue(new Skip("a", "locked", 3L));

      Brk16MergeRulesTest_SkipUpserts.upsert(h, new Skip("b", "open", 1L));
      BatchOutcome bulk = Brk16MergeRulesTest_SkipUpserts.upsertAll(h, List.of(
          new Skip("a", "open", 1L), new Skip("b", "open", 0L), new Skip("b", "open", 4L), new Skip("c", "open", 1L)));
      assertThat(bulk.skipped()).isEqualTo(1);
      assertThat(bulk.unchanged()).isEqualTo(1);
      assertThat(bulk.updated()).isEqualTo(1);
      assertThat(bulk.inserted()).isEqualTo(1);
      assertThat(Brk16MergeRulesTest_SkipUpserts.find(h, "b")).hasValue(new Skip("b", "open", 5L));
    }
  }

  // ---------------------------------------------------------------- @Version

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void versionGivenZeroNegativeAndBulkWithDuplicatesAndStaleRows(Database db) {
    try (Handle h = open(db, "b16_doc", "version INTEGER, body $T")) {
      assertThat(Brk16MergeRulesTest_DocUpserts.upsert(h, new Doc("neg", -3, "a"))).isEqualTo(Outcome.INSERTED);
      assertThat(Brk16MergeRulesTest_DocUpserts.find(h, "neg")).hasValue(new Doc("neg", -3, "a"));
      assertThat(Brk16MergeRulesTest_DocUpserts.upsert(h, new Doc("neg", -3, "b"))).isEqualTo(Outcome.UPDATED);
      assertThat(Brk16MergeRulesTest_DocUpserts.find(h, "neg")).hasValue(new Doc("neg", -2, "b"));
      // stored NULL counts as 0
      h.execute("INSERT INTO b16_doc (id, version, body) VALUES ('nul', NULL, 'x')");
      assertThat(Brk16MergeRulesTest_DocUpserts.upsert(h, new Doc("nul", 1, "y"))).isEqualTo(Outcome.STALE);
      assertThat(Brk16MergeRulesTest_DocUpserts.upsert(h, new Doc("nul", 0, "y"))).isEqualTo(Outcome.UPDATED);
      assertThat(Brk16MergeRulesTest_DocUpserts.find(h, "nul")).hasValue(new Doc("nul", 1, "y"));

      BatchOutcome bulk = Brk16MergeRulesTest_DocUpserts.upsertAll(h, List.of(
          new Doc("d", 0, "1"), new Doc("d", 1, "2"), new Doc("d", 1, "lost"), new Doc("d", 2, "3"),
          new Doc("nul", 0, "lost"), new Doc("nul", 1, "z")));
      assertThat(Brk16MergeRulesTest_DocUpserts.find(h, "d")).hasValue(new Doc("d", 3, "3"));
      assertThat(Brk16MergeRulesTest_DocUpserts.find(h, "nul")).hasValue(new Doc("nul", 2, "z"));
      assertThat(bulk.inserted()).isEqualTo(1);
      assertThat(bulk.updated()).isEqualTo(3);
      assertThat(bulk.stale()).isEqualTo(2);
      assertThat(bulk.skipped()).isEqualTo(0);

      // returning: each key once, as stored after all its rows
      List<Doc> back = new ArrayList<>();
      BatchOutcome returning = Brk16MergeRulesTest_DocUpserts.upsertAllReturning(h, List.of(
          new Doc("d", 3, "4"), new Doc("d", 3, "lost"), new Doc("e", 0, "e")), back::add);
      assertThat(back).containsExactly(new Doc("d", 4, "4"), new Doc("e", 1, "e"));
      assertThat(returning.stale()).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void boxedShortVersionNullIsANewObject(Database db) {
    try (Handle h = open(db, "b16_bdoc", "version SMALLINT, body $T")) {
      assertThat(Brk16MergeRulesTest_BoxedDocUpserts.upsert(h, new BoxedDoc("a", null, "1"))).isEqualTo(Outcome.INSERTED);
      assertThat(Brk16MergeRulesTest_BoxedDocUpserts.find(h, "a")).hasValue(new BoxedDoc("a", (short) 1, "1"));
      assertThat(Brk16MergeRulesTest_BoxedDocUpserts.upsert(h, new BoxedDoc("a", null, "2"))).isEqualTo(Outcome.STALE);
      assertThat(Brk16MergeRulesTest_BoxedDocUpserts.upsert(h, new BoxedDoc("a", (short) 1, "2"))).isEqualTo(Outcome.UPDATED);
      Upserted<BoxedDoc> stale = Brk16MergeRulesTest_BoxedDocUpserts.upsertReturningOutcome(h, new BoxedDoc("a", (short) 1, "3"));
      assertThat(stale.outcome()).isEqualTo(Outcome.STALE);
      assertThat(stale.row()).isEqualTo(new BoxedDoc("a", (short) 2, "2"));
    }
  }

  /** Version and condition: the version is checked first (STALE), then the condition (SKIPPED); in a caller's transaction too. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void versionWithUpdateWhenStaleVersusSkipped(Database db) {
    try (Handle h = open(db, "b16_vlocked", "version BIGINT, status $T, body $T")) {
      Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("a", 0, "locked", "1"));
      assertThat(Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("a", 1, "open", "2"))).isEqualTo(Outcome.SKIPPED);
      assertThat(Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("a", 0, "open", "2"))).isEqualTo(Outcome.STALE);
      Outcome inTx = db.jdbi().inTransaction(t -> Brk16MergeRulesTest_VerLockedUpserts.upsert(t, new VerLocked("a", 1, "open", "2")));
      assertThat(inTx).isEqualTo(Outcome.SKIPPED);
      Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("b", 0, "open", "1"));
      assertThat(Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("b", 2, "open", "2"))).isEqualTo(Outcome.STALE);
      Outcome inTx2 = db.jdbi().inTransaction(t -> Brk16MergeRulesTest_VerLockedUpserts.upsert(t, new VerLocked("b", 1, "locked", "2")));
      assertThat(inTx2).isEqualTo(Outcome.UPDATED);
      BatchOutcome bulk = Brk16MergeRulesTest_VerLockedUpserts.upsertAll(h, List.of(
          new VerLocked("a", 1, "x", "x"), new VerLocked("a", 7, "x", "x"), new VerLocked("b", 2, "x", "x"),
          new VerLocked("b", 2, "x", "y"), new VerLocked("c", 0, "open", "c")));
      assertThat(bulk.skipped()).isEqualTo(3);
      assertThat(bulk.stale()).isEqualTo(1);
      assertThat(bulk.inserted()).isEqualTo(1);
      assertThat(bulk.updated()).isEqualTo(0);
      assertThat(Brk16MergeRulesTest_VerLockedUpserts.find(h, "b")).hasValue(new VerLocked("b", 2, "locked", "2"));
    }
  }

  // ---------------------------------------------------------------- named columns

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void namedColumnsEachChoiceCorrectAndCached(Database db) {
    try (Handle h = open(db, "b16_person", "name $T, email $T, origin $T, visits BIGINT, first $T")) {
      Brk16MergeRulesTest_PersonUpserts.upsert(h, new Person("a", "Ann", "ann@1", "web", 1, null));
      assertThat(Brk16MergeRulesTest_PersonUpserts.upsert(h, new Person("a", "Anna", "ann@2", "app", 10, "f1"),
          Brk16MergeRulesTest_PersonUpserts.Columns.NAME, Brk16MergeRulesTest_PersonUpserts.Columns.NAME)).isEqualTo(Outcome.UPDATED);
      assertThat(Brk16MergeRulesTest_PersonUpserts.find(h, "a")).hasValue(new Person("a", "Anna", "ann@1", "web", 1, null));
      Brk16MergeRulesTest_PersonUpserts.upsert(h, new Person("a", "X", "ann@3", "app", 10, "f2"),
          Brk16MergeRulesTest_PersonUpserts.Columns.EMAIL, Brk16MergeRulesTest_PersonUpserts.Columns.VISITS,
          Brk16MergeRulesTest_PersonUpserts.Columns.FIRST);
      assertThat(Brk16MergeRulesTest_PersonUpserts.find(h, "a")).hasValue(new Person("a", "Anna", "ann@3", "web", 11, "f2"));
      Brk16MergeRulesTest_PersonUpserts.upsert(h, new Person("a", "Y", "ann@4", "app", 100, "f3"),
          Brk16MergeRulesTest_PersonUpserts.Columns.FIRST, Brk16MergeRulesTest_PersonUpserts.Columns.NAME);
      assertThat(Brk16MergeRulesTest_PersonUpserts.find(h, "a")).hasValue(new Person("a", "Y", "ann@3", "web", 11, "f2"));
      // the first choice again, from the cache
      Brk16MergeRulesTest_PersonUpserts.upsert(h, new Person("a", "Z", "ann@5", "app", 100, null),
          Brk16MergeRulesTest_PersonUpserts.Columns.NAME);
      assertThat(Brk16MergeRulesTest_PersonUpserts.find(h, "a")).hasValue(new Person("a", "Z", "ann@3", "web", 11, "f2"));
      // the plain upsert still updates every column
      Brk16MergeRulesTest_PersonUpserts.upsert(h, new Person("a", "W", "ann@6", "app", 1, "f4"));
      assertThat(Brk16MergeRulesTest_PersonUpserts.find(h, "a")).hasValue(new Person("a", "W", "ann@6", "web", 12, "f2"));
    }
  }

  /** Naming only an @InsertOnly column: what does it do? A user expects it updated, or an error. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void namingAnInsertOnlyColumn(Database db) {
    try (Handle h = open(db, "b16_person", "name $T, email $T, origin $T, visits BIGINT, first $T")) {
      Brk16MergeRulesTest_PersonUpserts.upsert(h, new Person("a", "Ann", "ann@1", "web", 1, null));
      Outcome outcome = Brk16MergeRulesTest_PersonUpserts.upsert(h, new Person("a", "Anna", "ann@2", "app", 10, "f1"),
          Brk16MergeRulesTest_PersonUpserts.Columns.ORIGIN);
      assertThat(Brk16MergeRulesTest_PersonUpserts.find(h, "a")).hasValue(new Person("a", "Ann", "ann@1", "web", 1, null));
      assertThat(outcome).isEqualTo(Outcome.UNCHANGED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void namedColumnsWithVersion(Database db) {
    try (Handle h = open(db, "b16_doc", "version INTEGER, body $T")) {
      Brk16MergeRulesTest_DocUpserts.upsert(h, new Doc("a", 0, "1"));
      assertThat(Brk16MergeRulesTest_DocUpserts.upsert(h, new Doc("a", 0, "2"), Brk16MergeRulesTest_DocUpserts.Columns.BODY))
          .isEqualTo(Outcome.STALE);
      assertThat(Brk16MergeRulesTest_DocUpserts.upsert(h, new Doc("a", 1, "2"), Brk16MergeRulesTest_DocUpserts.Columns.BODY))
          .isEqualTo(Outcome.UPDATED);
      assertThat(Brk16MergeRulesTest_DocUpserts.find(h, "a")).hasValue(new Doc("a", 2, "2"));
      // naming only the version: bumps it, body kept
      Outcome onlyVersion = Brk16MergeRulesTest_DocUpserts.upsert(h, new Doc("a", 2, "3"), Brk16MergeRulesTest_DocUpserts.Columns.VERSION);
      assertThat(Brk16MergeRulesTest_DocUpserts.find(h, "a")).hasValue(new Doc("a", 3, "2"));
      assertThat(onlyVersion).isEqualTo(Outcome.UPDATED);
    }
  }

  // ---------------------------------------------------------------- bulk rounds

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void thousandsOfRowsWithManyDuplicatesListAndStream(Database db) {
    try (Handle h = open(db, "b16_score", "score BIGINT, bonus BIGINT")) {
      List<Score> rows = new ArrayList<>();
      // 100 keys x 30 rows each, interleaved; a key's score: 1 + 2 * (sum of the later bonuses)
      for (int r = 0; r < 30; r++) {
        for (int k = 0; k < 100; k++) {
          rows.add(new Score("k" + k, 1L, (long) r));
        }
      }
      for (boolean stream : List.of(false, true)) {
        h.execute("DELETE FROM b16_score");
        BatchOutcome outcome = stream
            ? Brk16MergeRulesTest_ScoreUpserts.upsertAll(h, rows.stream())
            : Brk16MergeRulesTest_ScoreUpserts.upsertAll(h, rows);
        long expected = 1 + 2 * IntStream.range(1, 30).sum();
        for (int k = 0; k < 100; k++) {
          assertWithMessage("stream %s key %s", stream, k).that(Brk16MergeRulesTest_ScoreUpserts.find(h, "k" + k))
              .hasValue(new Score("k" + k, expected, 29L));
        }
        assertWithMessage("stream %s", stream).that(outcome.inserted()).isEqualTo(100);
        assertWithMessage("stream %s", stream).that(outcome.updated()).isEqualTo(2900);
      }
    }
  }

  /** Catalog reading off: the rules render from the entity alone. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void catalogReadingOff(Database db) {
    try (Handle h = open(db, "b16_vlocked", "version BIGINT, status $T, body $T")) {
      h.getConfig(Upserts.class).setCatalogReading(false);
      Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("a", 0, "open", "1"));
      assertThat(Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("a", 1, "locked", "2"))).isEqualTo(Outcome.UPDATED);
      assertThat(Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("a", 2, "open", "3"))).isEqualTo(Outcome.SKIPPED);
      assertThat(Brk16MergeRulesTest_VerLockedUpserts.upsert(h, new VerLocked("a", 1, "open", "3"))).isEqualTo(Outcome.STALE);
      assertThat(Brk16MergeRulesTest_VerLockedUpserts.find(h, "a")).hasValue(new VerLocked("a", 2, "locked", "2"));
    }
  }
}
