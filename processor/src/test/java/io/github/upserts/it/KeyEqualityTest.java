package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys are equal when the database says so: a batch merges, orders and counts keys by the key
 * column's own equality (a case-insensitive collation or {@code citext}, a decimal's scale, a
 * timestamp's precision, one instant at two offsets), exactly as the same rows written one after
 * another; and sums in a batch follow the column's arithmetic, failing where the row-by-row writes
 * would.
 */
class KeyEqualityTest {

  private static final Map<Kind, String> CONTACTS = Map.of(
      Kind.POSTGRES, "CREATE TABLE keq_contacts (email citext PRIMARY KEY, name text)",
      Kind.SQLITE, "CREATE TABLE keq_contacts (email TEXT COLLATE NOCASE PRIMARY KEY, name TEXT)",
      Kind.H2, "CREATE TABLE keq_contacts (email VARCHAR_IGNORECASE(100) PRIMARY KEY, name VARCHAR(100))",
      Kind.MARIADB, "CREATE TABLE keq_contacts (email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
          + " PRIMARY KEY, name TEXT)");
  private static final Map<Kind, String> WORDS = Map.of(
      // ICU at level 2 ignores case and default-ignorable characters such as the soft hyphen
      Kind.POSTGRES, "CREATE TABLE keq_words (word text COLLATE keq_ci PRIMARY KEY, label text)",
      Kind.SQLITE, "CREATE TABLE keq_words (word TEXT COLLATE NOCASE PRIMARY KEY, label TEXT)",
      Kind.H2, "CREATE TABLE keq_words (word VARCHAR_IGNORECASE(100) PRIMARY KEY, label VARCHAR(100))",
      // unicode_ci expands ß to ss
      Kind.MARIADB, "CREATE TABLE keq_words (word VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
          + " PRIMARY KEY, label TEXT)");
  private static final Map<Kind, String> AMOUNTS = Map.of(
      Kind.POSTGRES, "CREATE TABLE keq_amounts (amount numeric(10, 2) PRIMARY KEY, label text)",
      Kind.SQLITE, "CREATE TABLE keq_amounts (amount NUMERIC PRIMARY KEY, label TEXT)",
      Kind.H2, "CREATE TABLE keq_amounts (amount NUMERIC(10, 2) PRIMARY KEY, label VARCHAR(100))",
      Kind.MARIADB, "CREATE TABLE keq_amounts (amount DECIMAL(10, 2) PRIMARY KEY, label TEXT)");
  private static final Map<Kind, String> SHOTS = Map.of(
      Kind.POSTGRES, "CREATE TABLE keq_shots (camera text, taken_at timestamptz(3), label text, PRIMARY KEY (camera, taken_at))",
      Kind.H2, "CREATE TABLE keq_shots (camera VARCHAR(20), taken_at TIMESTAMP(3) WITH TIME ZONE, label VARCHAR(20),"
          + " PRIMARY KEY (camera, taken_at))");
  private static final Map<Kind, String> READINGS = Map.of(
      Kind.POSTGRES, "CREATE TABLE keq_readings (level double precision PRIMARY KEY, label text)",
      Kind.SQLITE, "CREATE TABLE keq_readings (level REAL PRIMARY KEY, label TEXT)",
      Kind.H2, "CREATE TABLE keq_readings (level DOUBLE PRECISION PRIMARY KEY, label VARCHAR(20))",
      Kind.MARIADB, "CREATE TABLE keq_readings (level DOUBLE PRIMARY KEY, label TEXT)");
  private static final Map<Kind, String> COUNTERS = Map.of(
      Kind.POSTGRES, "CREATE TABLE keq_counters (name text PRIMARY KEY, hits bigint, small integer, share numeric(12, 4))",
      Kind.SQLITE, "CREATE TABLE keq_counters (name TEXT PRIMARY KEY, hits INTEGER, small INTEGER, share NUMERIC)",
      Kind.H2, "CREATE TABLE keq_counters (name VARCHAR(20) PRIMARY KEY, hits BIGINT, small INTEGER, share NUMERIC(12, 4))",
      Kind.MARIADB, "CREATE TABLE keq_counters (name VARCHAR(20) PRIMARY KEY, hits BIGINT, small INT, share DECIMAL(12, 4))");

  static Stream<Database> databases() {
    return TestDatabases.everyDatabase().stream();
  }

  private static void create(Handle h, String table, Map<Kind, String> ddl, Database db) {
    if (db.kind() == Kind.POSTGRES && table.equals("keq_contacts")) {
      h.execute("CREATE EXTENSION IF NOT EXISTS citext");
    }
    if (db.kind() == Kind.POSTGRES && table.equals("keq_words")) {
      h.execute("DROP TABLE IF EXISTS " + table);
      h.execute("DROP COLLATION IF EXISTS keq_ci");
      h.execute("CREATE COLLATION keq_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
    }
    h.execute("DROP TABLE IF EXISTS " + table);
    h.execute(ddl.get(db.kind()));
  }

  private static long count(Handle h, String table) {
    return h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void caseInsensitiveKeysAreOneKeyInABatch(Database db) {
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_contacts", CONTACTS, db);
      BatchOutcome outcome = KeqContactUpserts.upsertAll(h, List.of(
          new KeqContact("Bob@x", "first"), new KeqContact("bob@x", "second"), new KeqContact("BOB@X", "third")));

      assertThat(outcome).isEqualTo(new BatchOutcome(3, 2, 1, 0, 0, 0, true));
      assertThat(count(h, "keq_contacts")).isEqualTo(1);
      // as written one after another: the first row's key is stored, the last row's name
      assertThat(h.createQuery("SELECT email, name FROM keq_contacts").map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2)).one())
          .isEqualTo("Bob@x third");

      BatchOutcome again = KeqContactUpserts.upsertAll(h, List.of(new KeqContact("bOb@x", "fourth"), new KeqContact("ann@x", "ann")));
      assertThat(again).isEqualTo(new BatchOutcome(2, 0, 1, 1, 0, 0, true));
      assertThat(count(h, "keq_contacts")).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void caseVariantsAcrossALargeCollectionAreMergedInTheirGivenOrder(Database db) {
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_contacts", CONTACTS, db);
      Random random = new Random(14);
      List<KeqContact> rows = new ArrayList<>();
      Map<String, String> last = new HashMap<>();
      for (int i = 0; i < 12_000; i++) {
        int key = random.nextInt(3_000);
        String email = random.nextBoolean() ? "User" + key + "@X" : "user" + key + "@x";
        rows.add(new KeqContact(email, "v" + i));
        last.put("user" + key + "@x", "v" + i);
      }
      BatchOutcome outcome = KeqContactUpserts.upsertAll(h, rows);

      assertThat(outcome.inserted()).isEqualTo(last.size());
      // a key met again in a later chunk is written again, as an update of the row the first made
      assertThat(outcome.inserted() + outcome.updated()).isEqualTo(outcome.keys());
      if (db.kind() == Kind.SQLITE || db.kind() == Kind.H2) {
        // their collations only fold letter case: the sort on folded text puts a key's rows in one chunk
        assertThat(outcome.keys()).isEqualTo(last.size());
      }
      assertThat(outcome.exact()).isTrue();
      Map<String, String> stored = new HashMap<>();
      h.createQuery("SELECT email, name FROM keq_contacts")
          .map((rs, ctx) -> stored.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2))).forEach(v -> {});
      assertThat(stored).isEqualTo(last);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void spellingsACollationEquatesBeyondLetterCaseAreMergedAcrossALargeCollection(Database db) {
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_words", WORDS, db);
      String first = switch (db.kind()) {
        case POSTGRES -> "a\u00ADb";
        case MARIADB -> "straße";
        default -> "Ab";
      };
      String last = switch (db.kind()) {
        case POSTGRES -> "ab";
        case MARIADB -> "STRASSE";
        default -> "aB";
      };
      List<KeqWord> rows = new ArrayList<>();
      rows.add(new KeqWord(first, "first"));
      for (int i = 0; i < 6_000; i++) {
        rows.add(new KeqWord(String.format("m%05d", i), "filler"));
      }
      rows.add(new KeqWord(last, "last"));
      BatchOutcome outcome = KeqWordUpserts.upsertAll(h, rows);

      // as written one after another: the first spelling stored, with the last label
      assertThat(KeqWordUpserts.find(h, first).map(w -> w.word() + " " + w.label())).hasValue(first + " last");
      assertThat(count(h, "keq_words")).isEqualTo(6_001);
      assertThat(outcome.inserted()).isEqualTo(6_001);
      assertThat(outcome.exact()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void readBacksFindTheRowTheDatabaseHoldsEqual(Database db) {
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_contacts", CONTACTS, db);
      assertThat(KeqContactUpserts.upsert(h, new KeqContact("Ann@x", "Ann"))).isEqualTo(Outcome.INSERTED);

      assertThat(KeqContactUpserts.find(h, "ann@x").map(KeqContact::email)).hasValue("Ann@x");
      assertThat(KeqContactUpserts.getOrInsert(h, new KeqContact("ANN@X", "other"))).isEqualTo(new KeqContact("Ann@x", "Ann"));
      assertThat(KeqContactUpserts.upsertReturning(h, new KeqContact("aNN@x", "Anne"))).isEqualTo(new KeqContact("Ann@x", "Anne"));
      assertThat(KeqContactUpserts.upsert(h, new KeqContact("ann@X", "Annie"))).isEqualTo(Outcome.UPDATED);
      assertThat(count(h, "keq_contacts")).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void mariaDbAccentsAndTrailingSpacesAreOneKey(Database db) {
    assumeTrue(db.kind() == Kind.MARIADB);
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_contacts", CONTACTS, db);
      BatchOutcome outcome = KeqContactUpserts.upsertAll(h, List.of(
          new KeqContact("josé@x", "1"), new KeqContact("ann@x", "a"), new KeqContact("JOSE@X ", "2")));

      assertThat(outcome).isEqualTo(new BatchOutcome(3, 1, 2, 0, 0, 0, true));
      assertThat(KeqContactUpserts.find(h, "Jose@x").map(KeqContact::name)).hasValue("2");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void decimalsEqualInTheColumnAreOneKey(Database db) {
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_amounts", AMOUNTS, db);
      BatchOutcome outcome = KeqAmountUpserts.upsertAll(h, List.of(
          new KeqAmount(new BigDecimal("1.0"), "a"), new KeqAmount(new BigDecimal("1.00"), "b")));
      assertThat(outcome).isEqualTo(new BatchOutcome(2, 1, 1, 0, 0, 0, true));
      assertThat(KeqAmountUpserts.find(h, new BigDecimal("1")).map(KeqAmount::label)).hasValue("b");

      if (db.kind() != Kind.SQLITE) {
        // the column rounds both to 2.00: one key, as two single upserts show
        assertThat(KeqAmountUpserts.upsertAll(h, List.of(
            new KeqAmount(new BigDecimal("2.001"), "c"), new KeqAmount(new BigDecimal("2.004"), "d"))))
            .isEqualTo(new BatchOutcome(2, 1, 1, 0, 0, 0, true));
        assertThat(KeqAmountUpserts.upsert(h, new KeqAmount(new BigDecimal("3.001"), "e"))).isEqualTo(Outcome.INSERTED);
        assertThat(KeqAmountUpserts.upsert(h, new KeqAmount(new BigDecimal("3.004"), "f"))).isEqualTo(Outcome.UPDATED);
        assertThat(count(h, "keq_amounts")).isEqualTo(3);
        // read-backs by a key the column rounds find the row it rounded to
        assertThat(KeqAmountUpserts.getOrInsert(h, new KeqAmount(new BigDecimal("3.002"), "g")).label()).isEqualTo("f");
        assertThat(KeqAmountUpserts.upsertReturning(h, new KeqAmount(new BigDecimal("2.003"), "h")).label()).isEqualTo("h");
        assertThat(KeqAmountUpserts.find(h, new BigDecimal("2.004")).map(KeqAmount::label)).hasValue("h");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void signedZerosAreOneKeyWhereTheDatabaseSaysSo(Database db) {
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_readings", READINGS, db);
      KeqReadingUpserts.upsert(h, new KeqReading(0.0, "single"));
      // what the database makes of -0.0 after 0.0, one row after another
      KeqReadingUpserts.upsert(h, new KeqReading(-0.0, "single again"));
      long rowByRow = count(h, "keq_readings");
      h.execute("DELETE FROM keq_readings");

      BatchOutcome outcome = KeqReadingUpserts.upsertAll(h, List.of(new KeqReading(0.0, "a"), new KeqReading(-0.0, "b")));
      assertThat(count(h, "keq_readings")).isEqualTo(rowByRow);
      assertThat(outcome.inserted()).isEqualTo(rowByRow);
      assertThat(outcome.exact()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void instantsEqualInTheColumnAreOneKey(Database db) {
    // SQLite keeps a time as text, equal only when the text is; MariaDB's drivers bind no OffsetDateTime
    assumeTrue(db.kind() != Kind.SQLITE && db.kind() != Kind.MARIADB);
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_shots", SHOTS, db);
      OffsetDateTime utc = OffsetDateTime.of(2026, 5, 1, 12, 0, 0, 100_000, ZoneOffset.UTC);
      OffsetDateTime sameMillisecondElsewhere = OffsetDateTime.of(2026, 5, 1, 14, 0, 0, 200_000, ZoneOffset.ofHours(2));
      BatchOutcome outcome = KeqShotUpserts.upsertAll(h, List.of(
          new KeqShot("c", utc, "first"), new KeqShot("c", sameMillisecondElsewhere, "second")));

      assertThat(outcome).isEqualTo(new BatchOutcome(2, 1, 1, 0, 0, 0, true));
      assertThat(count(h, "keq_shots")).isEqualTo(1);
      // a key given with microseconds reads back the row the column keeps to the millisecond
      assertThat(KeqShotUpserts.getOrInsert(h, new KeqShot("c", utc.plusNanos(300_000), "third")).label()).isEqualTo("second");
      assertThat(KeqShotUpserts.find(h, "c", utc).map(KeqShot::label)).hasValue("second");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSumOutOfTheColumnsRangeFailsNamingTheKeyAndWritesNothing(Database db) {
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_counters", COUNTERS, db);
      JdbiException overflow = assertThrows(JdbiException.class, () -> KeqCounterUpserts.upsertAll(h, List.of(
          new KeqCounter("ok", 1, 1, 0), new KeqCounter("n", Long.MAX_VALUE, 0, 0), new KeqCounter("n", Long.MAX_VALUE, 0, 0))));
      assertThat(overflow).hasMessageThat().contains("name=n");
      assertThat(overflow).hasMessageThat().contains("hits");
      assertThat(sqlState(overflow)).isEqualTo("22003");
      assertThat(count(h, "keq_counters")).isEqualTo(0);

      if (db.kind() != Kind.SQLITE) {
        // an integer column overflows before the Java long does, as row-by-row writes show
        List<KeqCounter> rows = List.of(new KeqCounter("m", 0, 2_000_000_000, 0), new KeqCounter("m", 0, 2_000_000_000, 0));
        JdbiException narrow = assertThrows(JdbiException.class, () -> KeqCounterUpserts.upsertAll(h, rows));
        assertThat(narrow).hasMessageThat().contains("name=m");
        assertThat(sqlState(narrow)).isEqualTo("22003");
        KeqCounterUpserts.upsert(h, rows.get(0));
        assertThrows(JdbiException.class, () -> KeqCounterUpserts.upsert(h, rows.get(1)));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBatchsSumsAreTheColumnsSums(Database db) {
    assumeTrue(db.kind() != Kind.SQLITE);
    try (Handle h = db.jdbi().open()) {
      create(h, "keq_counters", COUNTERS, db);
      KeqCounterUpserts.upsertAll(h, List.of(new KeqCounter("batch", 1, 1, 0.1), new KeqCounter("batch", 1, 1, 0.2)));
      KeqCounterUpserts.upsert(h, new KeqCounter("rows", 1, 1, 0.1));
      KeqCounterUpserts.upsert(h, new KeqCounter("rows", 1, 1, 0.2));

      // each row written alone is rounded to the column's scale (0.0000 three times), so is each partial sum
      KeqCounter crumb = new KeqCounter("crumbs", 0, 0, 0.00004);
      KeqCounterUpserts.upsertAll(h, List.of(crumb, crumb, crumb));
      KeqCounter crumbAlone = new KeqCounter("crumbs alone", 0, 0, 0.00004);
      for (int i = 0; i < 3; i++) {
        KeqCounterUpserts.upsert(h, crumbAlone);
      }

      List<String> stored = h.createQuery("SELECT CAST(share AS VARCHAR(40)) FROM keq_counters ORDER BY name")
          .mapTo(String.class).list();
      assertThat(stored.get(0)).isEqualTo(stored.get(3));
      assertThat(new BigDecimal(stored.get(0))).isEquivalentAccordingToCompareTo(new BigDecimal("0.3"));
      assertThat(stored.get(1)).isEqualTo(stored.get(2));
    }
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
