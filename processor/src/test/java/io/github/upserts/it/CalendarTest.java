package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An instant before 1582 is stored as its proleptic Gregorian date and time (as {@code java.time}
 * counts), by single-row and bulk writes alike, and reads back equal: a {@code java.sql.Timestamp}
 * on the way would shift it by the Julian calendar's ten days.
 */
class CalendarTest {
  private static final Map<Kind, String> DDL = Map.of(
      Kind.POSTGRES, "CREATE TABLE calendar_instants (id text PRIMARY KEY, at timestamptz)",
      Kind.MARIADB, "CREATE TABLE calendar_instants (id VARCHAR(20) PRIMARY KEY, at DATETIME(6))",
      Kind.H2, "CREATE TABLE calendar_instants (id VARCHAR(20) PRIMARY KEY, at TIMESTAMP(9) WITH TIME ZONE)",
      Kind.SQLITE, "CREATE TABLE calendar_instants (id TEXT PRIMARY KEY, at TIMESTAMP)");

  private static final Instant BEFORE_GREGORY = Instant.parse("1500-03-01T12:00:00Z");

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void anInstantBefore1582IsStoredAsItsGregorianDate(Database db) {
    try (Handle h = db.jdbi().open()) {
      h.execute("DROP TABLE IF EXISTS calendar_instants");
      h.execute(DDL.get(db.kind()));
      CalendarInstantUpserts.upsert(h, new CalendarInstant("single", BEFORE_GREGORY));
      CalendarInstantUpserts.upsertAll(h, List.of(new CalendarInstant("bulk", BEFORE_GREGORY)));

      for (String id : List.of("single", "bulk")) {
        assertThat(CalendarInstantUpserts.find(h, id).orElseThrow().at()).isEqualTo(BEFORE_GREGORY);
      }
      if (db.kind() != Kind.SQLITE) {
        String text = db.kind() == Kind.POSTGRES ? "CAST(at AT TIME ZONE 'UTC' AS text)"
            : db.kind() == Kind.MARIADB ? "CAST(at AS CHAR)" : "CAST(at AT TIME ZONE 'UTC' AS VARCHAR)";
        for (String stored : h.createQuery("SELECT " + text + " FROM calendar_instants").mapTo(String.class).list()) {
          assertThat(stored).startsWith("1500-03-01 12:00:00");
        }
      }
    }
  }
}
