package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TypedDoc.Mood;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values reach the column's real type on PostgreSQL: every statement that binds a column value
 * (single-row writes, read-backs, increments, both bulk paths, and the key conditions of
 * {@code find}) casts it to the column's type as the catalog has it, where the type the Java
 * value is bound as is not that type.
 */
class TypedColumnsTest {
  private static final String[] DDL = {
    "CREATE EXTENSION IF NOT EXISTS citext",
    "DROP TABLE IF EXISTS typed_docs",
    "DROP TABLE IF EXISTS typed_moments",
    "DROP SCHEMA IF EXISTS typed_types CASCADE",
    // an enum outside the search path: the cast must name its schema
    "CREATE SCHEMA typed_types",
    "CREATE TYPE typed_types.typed_mood AS ENUM ('HAPPY', 'SAD')",
    "CREATE DOMAIN typed_types.typed_settings AS jsonb CHECK (jsonb_typeof(VALUE) = 'object')",
    "CREATE TABLE typed_docs (email citext PRIMARY KEY, payload jsonb, meta json, page xml, addr inet,"
        + " ref uuid, span interval, mood typed_types.typed_mood, settings typed_types.typed_settings,"
        + " hits bigint NOT NULL DEFAULT 0)",
    "CREATE TABLE typed_moments (at timestamptz(3) PRIMARY KEY, payload jsonb, clock timetz)",
    "DROP TABLE IF EXISTS typed_visits",
    "CREATE TABLE typed_visits (day date, page text, mood text, PRIMARY KEY (day, page))",
  };

  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    for (String statement : DDL) {
      handle.execute(statement);
    }
    return handle;
  }

  private static TypedDoc doc(String email, String payload, Mood mood, long hits) {
    return new TypedDoc(email, payload, "{\"m\": 1}", "<p>x</p>", "10.0.0.1/32",
        "6f1c1c7e-8f5c-4d2e-9b1a-2f3e4d5c6b7a", "1 day 02:00:00", mood, "{\"s\": true}", hits);
  }

  /** The stored row as PostgreSQL writes its values as text. */
  private static List<String> stored(Handle h, String email) {
    return h.createQuery("SELECT concat_ws('|', email, payload, meta, page, addr, ref, span, mood, settings, hits)"
        + " FROM typed_docs WHERE email = CAST(:e AS citext)").bind("e", email).mapTo(String.class).list();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void singleRowStatementsCastToTheColumnsType(Database db) {
    try (Handle h = open(db)) {
      assertThat(TypedDocUpserts.upsert(h, doc("Ann@x.org", "{\"a\": 1}", Mood.HAPPY, 1))).isEqualTo(Outcome.INSERTED);
      assertThat(TypedDocUpserts.upsert(h, doc("ANN@x.org", "{\"a\": 2}", Mood.SAD, 2))).isEqualTo(Outcome.UPDATED);
      assertThat(stored(h, "ann@x.org")).containsExactly("Ann@x.org|{\"a\": 2}|{\"m\": 1}|<p>x</p>|10.0.0.1"
          + "|6f1c1c7e-8f5c-4d2e-9b1a-2f3e4d5c6b7a|1 day 02:00:00|SAD|{\"s\": true}|3");
      TypedDoc returned = TypedDocUpserts.upsertReturning(h, doc("ann@X.org", "{\"a\": 3}", Mood.HAPPY, 3));
      assertThat(returned.email()).isEqualTo("Ann@x.org");
      assertThat(returned.payload()).isEqualTo("{\"a\": 3}");
      assertThat(returned.mood()).isEqualTo(Mood.HAPPY);
      assertThat(returned.hits()).isEqualTo(6);
      assertThat(TypedDocUpserts.insertIfAbsent(h, doc("ann@x.ORG", "{}", Mood.SAD, 9))).isFalse();
      assertThat(TypedDocUpserts.getOrInsert(h, doc("ANN@X.ORG", "{}", Mood.SAD, 9)).payload()).isEqualTo("{\"a\": 3}");
      assertThat(TypedDocUpserts.find(h, "ann@x.org").orElseThrow().email()).isEqualTo("Ann@x.org");
      assertThat(TypedDocUpserts.incrementHits(h, "aNN@x.org", 4)).isEqualTo(10);
      assertThat(TypedDocUpserts.getOrInsert(h, doc("bob@x.org", "[1, 2]", null, 1)).payload()).isEqualTo("[1, 2]");
      assertThat(TypedDocUpserts.insertIfAbsent(h, doc("cy@x.org", "true", Mood.SAD, 1))).isTrue();
      assertThat(h.createQuery("SELECT count(*) FROM typed_docs").mapTo(long.class).one()).isEqualTo(3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void bulkStatementsCastToTheColumnsType(Database db) {
    try (Handle h = open(db)) {
      TypedDocUpserts.upsert(h, doc("Ann@x.org", "{\"a\": 1}", Mood.HAPPY, 1));
      BatchOutcome outcome = TypedDocUpserts.upsertAll(h, List.of(
          doc("ANN@X.ORG", "{\"a\": 2}", Mood.SAD, 2), doc("bob@x.org", "[]", null, 5)));
      assertThat(outcome.inserted()).isEqualTo(1);
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(stored(h, "ann@x.org")).containsExactly("Ann@x.org|{\"a\": 2}|{\"m\": 1}|<p>x</p>|10.0.0.1"
          + "|6f1c1c7e-8f5c-4d2e-9b1a-2f3e4d5c6b7a|1 day 02:00:00|SAD|{\"s\": true}|3");
      TypedDocUpserts.incrementAll(h, List.of(doc("BOB@x.org", null, null, 10)));
      assertThat(TypedDocUpserts.find(h, "Bob@X.org").orElseThrow().hits()).isEqualTo(15);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aKeyOfCoarserPrecisionMatchesAsTheInsertRoundedIt(Database db) {
    Instant micros = Instant.parse("2026-11-30T10:00:00.123456Z");
    Instant millis = Instant.parse("2026-11-30T10:00:00.123Z");
    OffsetTime clock = OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(2));
    try (Handle h = open(db)) {
      assertThat(TypedMomentUpserts.upsert(h, new TypedMoment(micros, "{\"v\": 1}", clock))).isEqualTo(Outcome.INSERTED);
      assertThat(TypedMomentUpserts.upsert(h, new TypedMoment(micros, "{\"v\": 2}", clock))).isEqualTo(Outcome.UPDATED);
      assertThat(TypedMomentUpserts.find(h, micros).orElseThrow().at()).isEqualTo(millis);
      assertThat(TypedMomentUpserts.upsertReturning(h, new TypedMoment(micros.plusNanos(40_000), "{\"v\": 3}", clock)).payload())
          .isEqualTo("{\"v\": 3}");
      assertThat(TypedMomentUpserts.getOrInsert(h, new TypedMoment(micros, null, null)).payload()).isEqualTo("{\"v\": 3}");
      BatchOutcome outcome = TypedMomentUpserts.upsertAll(h, List.of(
          new TypedMoment(micros.minusNanos(400_000), "{\"v\": 4}", clock), new TypedMoment(millis.plusSeconds(1), "[]", clock)));
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(outcome.inserted()).isEqualTo(1);
      assertThat(h.createQuery("SELECT payload::text FROM typed_moments ORDER BY at").mapTo(String.class).list())
          .containsExactly("{\"v\": 4}", "[]").inOrder();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aDateTimeKeyOfMultiRowValuesIsCountedByItsType(Database db) {
    LocalDate day = LocalDate.of(2026, 11, 30);
    try (Handle h = open(db)) {
      assertThat(TypedVisitUpserts.upsertAll(h, List.of(new TypedVisit(day, "/a", Mood.HAPPY))).inserted()).isEqualTo(1);
      BatchOutcome outcome = TypedVisitUpserts.upsertAll(h, List.of(
          new TypedVisit(day, "/a", Mood.SAD), new TypedVisit(day.minusYears(2026), "/a", null)));
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(outcome.inserted()).isEqualTo(1);
      assertThat(h.createQuery("SELECT day::text || ' ' || coalesce(mood, '-') FROM typed_visits ORDER BY day")
          .mapTo(String.class).list()).containsExactly("0001-11-30 BC -", "2026-11-30 SAD").inOrder();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void verifySchemaReportsAJavaTypeItsColumnCannotTake(Database db) {
    try (Handle h = open(db)) {
      TypedDocUpserts.verifySchema(h);
      TypedMomentUpserts.verifySchema(h);
      h.execute("ALTER TABLE typed_docs ALTER COLUMN hits DROP DEFAULT, ALTER COLUMN hits TYPE text,"
          + " ALTER COLUMN addr TYPE integer USING 0");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> TypedDocUpserts.verifySchema(h));
      assertThat(e.mismatches()).containsExactly(
          "column addr (of addr) is integer, to which a java.lang.String cannot be written; change the column's"
              + " type, or the field's to one that integer takes",
          "column hits (of hits) is text, to which a long cannot be written; change the column's type, or the"
              + " field's to one that text takes");
      assertThat(e.fixes()).containsExactly(
          "ALTER TABLE \"typed_docs\" ALTER COLUMN \"addr\" TYPE text USING \"addr\"::text",
          "ALTER TABLE \"typed_docs\" ALTER COLUMN \"hits\" TYPE int8 USING \"hits\"::int8");
      e.fixes().forEach(h::execute);
      TypedDocUpserts.verifySchema(h);
    }
  }

  /** MariaDB's and H2's own types of text values: JSON, ENUM, UUID (and MariaDB's INET6). */
  static List<Database> otherDatabases() {
    List<Database> databases = new java.util.ArrayList<>(TestDatabases.mariaDb());
    databases.add(TestDatabases.h2());
    return databases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherDatabases")
  void otherDatabasesTakeTextForTheirOwnTypes(Database db) {
    boolean h2 = db.kind() == TestDatabases.Kind.H2;
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS typed_docs");
      h.execute(h2
          ? "CREATE TABLE typed_docs (email VARCHAR_IGNORECASE PRIMARY KEY, payload JSON, meta JSON, page VARCHAR,"
              + " addr VARCHAR, ref UUID, span VARCHAR, mood ENUM('HAPPY', 'SAD'), settings JSON, hits BIGINT NOT NULL DEFAULT 0)"
          : "CREATE TABLE typed_docs (email VARCHAR(64) PRIMARY KEY, payload JSON, meta JSON, page TEXT, addr INET6,"
              + " ref UUID, span VARCHAR(64), mood ENUM('HAPPY', 'SAD'), settings JSON, hits BIGINT NOT NULL DEFAULT 0)");
      TypedDoc ann = new TypedDoc("Ann@x.org", "{\"a\":1}", "[1,2]", "<p/>", "2001:db8::1",
          "6f1c1c7e-8f5c-4d2e-9b1a-2f3e4d5c6b7a", "1 day", Mood.HAPPY, "{\"s\":true}", 1);
      assertThat(TypedDocUpserts.upsert(h, ann)).isEqualTo(Outcome.INSERTED);
      TypedDocUpserts.upsertAll(h, List.of(new TypedDoc("bob@x.org", "{\"b\":2}", "{}", null, "::1",
          "6f1c1c7e-8f5c-4d2e-9b1a-2f3e4d5c6b7b", null, Mood.SAD, "{}", 2)));
      assertThat(TypedDocUpserts.find(h, "ANN@x.org").orElseThrow()).isEqualTo(ann);
      assertThat(TypedDocUpserts.find(h, "bob@x.org").orElseThrow().payload()).isEqualTo("{\"b\":2}");
      // stored as JSON objects and arrays, not as JSON strings holding their text
      assertThat(h.createQuery(h2 ? "SELECT JSON_OBJECT('p': payload, 'm': meta) FROM typed_docs ORDER BY email"
              : "SELECT JSON_OBJECT('p', payload, 'm', meta) FROM typed_docs ORDER BY email")
          .mapTo(String.class).list().toString().replace(" ", ""))
          .isEqualTo("[{\"p\":{\"a\":1},\"m\":[1,2]},{\"p\":{\"b\":2},\"m\":{}}]");
    }
  }
}
