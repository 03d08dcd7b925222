package io.github.upserts.it;

import static com.google.common.truth.Truth.assertWithMessage;

import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database clock ({@code @CreatedAt}/{@code @UpdatedAt}) must agree with an ordinary value of
 * the same Java type written by the caller in the same call, whatever the session's or the JVM's
 * time zone: both are read back through the same driver, so a clock off by the zone offset is a
 * wrong stored time.
 */
class BrxClockZoneTest {

  private static final Duration SLACK = Duration.ofMinutes(2);

  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    for (String t : List.of("brx_stamp_dt", "brx_stamp_ts", "brx_stamp_odt")) {
      h.execute("DROP TABLE IF EXISTS " + t);
    }
    String key = db.kind() == Kind.MARIADB || db.kind() == Kind.H2 ? "VARCHAR(40)" : "TEXT";
    String local = switch (db.kind()) {
      case POSTGRES -> "timestamp";
      case MARIADB -> "DATETIME(6)";
      case H2 -> "TIMESTAMP(9)";
      case SQLITE -> "TIMESTAMP";
    };
    String zoned = switch (db.kind()) {
      case POSTGRES -> "timestamptz";
      case MARIADB -> "TIMESTAMP(6) NULL";
      case H2 -> "TIMESTAMP(9) WITH TIME ZONE";
      case SQLITE -> "TIMESTAMP";
    };
    String odt = switch (db.kind()) {
      case POSTGRES -> "timestamptz";
      case MARIADB -> "DATETIME(6)";
      case H2 -> "TIMESTAMP(9) WITH TIME ZONE";
      case SQLITE -> "TEXT";
    };
    h.execute("CREATE TABLE brx_stamp_dt (k " + key + " PRIMARY KEY, v " + key + ", given " + local + ", created_at "
        + local + ", updated_at " + local + ")");
    h.execute("CREATE TABLE brx_stamp_ts (k " + key + " PRIMARY KEY, v " + key + ", given " + zoned + ", created_at "
        + zoned + ", updated_at " + zoned + ")");
    h.execute("CREATE TABLE brx_stamp_odt (k " + key + " PRIMARY KEY, v " + key + ", given " + odt + ", created_at "
        + odt + ", updated_at " + odt + ")");
    return h;
  }

  private static void sessionZone(Database db, Handle h) {
    switch (db.kind()) {
      case POSTGRES -> h.execute("SET TIME ZONE 'Asia/Tokyo'");
      case MARIADB -> h.execute("SET time_zone = '+09:00'");
      case H2 -> h.execute("SET TIME ZONE '+09:00'");
      case SQLITE -> { }
    }
  }

  private static void near(String what, Instant clock, Instant given) {
    assertWithMessage(what + ": clock " + clock + " vs the caller's " + given)
        .that(Duration.between(given, clock).abs().compareTo(SLACK) < 0).isTrue();
  }

  private static void check(Database db, Handle h) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    BrxStampDt dt = BrxStampDtUpserts.upsertReturning(h, new BrxStampDt("a", "v", now, null, null));
    near("single-row Instant in a timestamp/DATETIME column", dt.createdAt(), dt.given());
    near("single-row Instant in a timestamp/DATETIME column (updated)", dt.updatedAt(), dt.given());
    near("round trip of the caller's own Instant", dt.given(), now);
    BrxStampTs ts = BrxStampTsUpserts.upsertReturning(h, new BrxStampTs("a", "v", now, null, null));
    near("single-row Instant in a timestamptz/TIMESTAMP column", ts.createdAt(), ts.given());
    near("single-row Instant in a timestamptz/TIMESTAMP column (updated)", ts.updatedAt(), ts.given());
    near("round trip of the caller's own Instant (zoned)", ts.given(), now);
    // sqlite-jdbc cannot read, MySQL Connector/J cannot bind an OffsetDateTime (documented)
    if (db.kind() != Kind.SQLITE && !db.name().contains("MySQL Connector/J")) {
      OffsetDateTime nowOdt = now.atOffset(ZoneOffset.UTC);
      BrxStampOdt o = BrxStampOdtUpserts.upsertReturning(h, new BrxStampOdt("a", "v", nowOdt, null, null));
      near("single-row OffsetDateTime", o.createdAt().toInstant(), o.given().toInstant());
      near("round trip of the caller's own OffsetDateTime", o.given().toInstant(), now);
    }
    // bulk, a new and an existing row
    List<BrxStampTs> back = new ArrayList<>();
    BrxStampTsUpserts.upsertAllReturning(h, List.of(new BrxStampTs("a", "w", now, null, null),
        new BrxStampTs("b", "w", now, null, null)), back::add);
    for (BrxStampTs r : back) {
      near("bulk " + r.k() + " created", r.createdAt(), r.given());
      near("bulk " + r.k() + " updated", r.updatedAt(), r.given());
    }
    List<BrxStampDt> backDt = new ArrayList<>();
    BrxStampDtUpserts.upsertAllReturning(h, List.of(new BrxStampDt("a", "w", now, null, null),
        new BrxStampDt("b", "w", now, null, null)), backDt::add);
    for (BrxStampDt r : backDt) {
      near("bulk DATETIME " + r.k() + " created", r.createdAt(), r.given());
      near("bulk DATETIME " + r.k() + " updated", r.updatedAt(), r.given());
    }
  }

  /** The session's time zone set on the handle (+09:00): clocks agree with the caller's instant. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aSessionTimeZoneDoesNotShiftTheClocks(Database db) {
    try (Handle h = open(db)) {
      sessionZone(db, h);
      check(db, h);
    }
  }

  /** The JVM's default zone is Asia/Tokyo when the connection opens: clocks agree with the caller's instant. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void aJvmTimeZoneDoesNotShiftTheClocks(Database db) {
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
      try (Handle h = open(db)) {
        check(db, h);
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }
}
