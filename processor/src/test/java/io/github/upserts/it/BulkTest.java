package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.primitives.Bytes;
import io.github.upserts.BatchOutcome;
import io.github.upserts.it.TestDatabases.Database;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** upsertAll and incrementAll: merging, chunking, outcomes, atomicity. */
class BulkTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final LocalDate JAN_20 = LocalDate.of(2026, 1, 20);
  private static final LocalDate JAN_10 = LocalDate.of(2026, 1, 10);
  private static final LocalDate JAN_05 = LocalDate.of(2026, 1, 5);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);
  /** PostgreSQL's array batches take this many distinct keys per statement. */
  private static final int CHUNK = 5_000;

  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    Schema.reset(handle);
    return handle;
  }

  private static long count(Handle h, String table) {
    return h.createQuery("SELECT count(*) FROM " + table).mapTo(long.class).one();
  }

  private static PageView view(int i, long views) {
    return new PageView("/p" + i, DAY, views, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void insertsThenUpdatesAndCountsExactly(Database db) {
    try (Handle h = open(db)) {
      List<PageView> rows = List.of(view(1, 1), view(2, 2), view(3, 3));
      assertThat(PageViewUpserts.upsertAll(h, rows)).isEqualTo(new BatchOutcome(3, 0, 3, 0, 0, 0, true));
      assertThat(PageViewUpserts.upsertAll(h, Stream.of(view(3, 10), view(4, 4))))
          .isEqualTo(new BatchOutcome(2, 0, 1, 1, 0, 0, true));
      assertThat(PageViewUpserts.find(h, "/p3", DAY).orElseThrow().views()).isEqualTo(13);
      assertThat(count(h, "page_views")).isEqualTo(4);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void duplicatesInOneCallMergeExactlyAsIfWrittenOneAfterAnother(Database db) {
    try (Handle h = open(db)) {
      List<Profile> batch = List.of(
          new Profile("p", "a@x.org", 5, JAN_10, T0, 1, "n1"),
          new Profile("p", null, 9, JAN_05, T1, 2, "n2"),
          new Profile("p", "c@x.org", 7, JAN_20, T2, 3, null));
      // one by one, on another key, as the reference
      for (Profile p : batch) {
        ProfileUpserts.upsert(h, new Profile("q", p.email(), p.highScore(), p.firstSeen(),
            p.createdAt(), p.logins(), p.nickname()));
      }
      assertThat(ProfileUpserts.upsertAll(h, batch)).isEqualTo(new BatchOutcome(3, 2, 1, 0, 0, 0, true));
      Profile merged = ProfileUpserts.find(h, "p").orElseThrow();
      assertThat(merged).isEqualTo(new Profile("p", "c@x.org", 9, JAN_05, T0, 6, null));
      Profile reference = ProfileUpserts.find(h, "q").orElseThrow();
      assertThat(merged).isEqualTo(new Profile("p", reference.email(), reference.highScore(),
          reference.firstSeen(), reference.createdAt(), reference.logins(), reference.nickname()));

      // and on the update path, against the stored rows
      List<Profile> more = List.of(
          new Profile("p", null, null, null, T2, 4, "n4"),
          new Profile("p", "e@x.org", 10, null, T2, 5, "n5"));
      for (Profile p : more) {
        ProfileUpserts.upsert(h, new Profile("q", p.email(), p.highScore(), p.firstSeen(),
            p.createdAt(), p.logins(), p.nickname()));
      }
      assertThat(ProfileUpserts.upsertAll(h, more)).isEqualTo(new BatchOutcome(2, 1, 0, 1, 0, 0, true));
      Profile after = ProfileUpserts.find(h, "p").orElseThrow();
      Profile referenceAfter = ProfileUpserts.find(h, "q").orElseThrow();
      assertThat(after).isEqualTo(new Profile("p", "e@x.org", 10, JAN_05, T0, 15, "n5"));
      assertThat(after.logins()).isEqualTo(referenceAfter.logins());
      assertThat(after.email()).isEqualTo(referenceAfter.email());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void newerWinsDuplicatesKeepTheHighestVersionAndReportSkips(Database db) {
    try (Handle h = open(db)) {
      assertThat(EventUpserts.upsertAll(h, List.of(
              new Event("e", 2, "two", T0), new Event("e", 5, "five", T1), new Event("e", 3, "three", T2))))
          .isEqualTo(new BatchOutcome(3, 2, 1, 0, 0, 0, true));
      assertThat(EventUpserts.find(h, "e")).hasValue(new Event("e", 5, "five", T0));
      // a stale key is skipped, a newer one updated, a new one inserted
      assertThat(EventUpserts.upsertAll(h, List.of(
              new Event("e", 4, "four", T2), new Event("f", 1, "one", T2))))
          .isEqualTo(new BatchOutcome(2, 0, 1, 0, 1, 0, true));
      assertThat(EventUpserts.upsertAll(h, List.of(new Event("e", 6, "six", T2))))
          .isEqualTo(new BatchOutcome(1, 0, 0, 1, 0, 0, true));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void skipUnchangedIsCountedAsUnchanged(Database db) {
    try (Handle h = open(db)) {
      SettingUpserts.upsertAll(h, List.of(new Setting("a", "1", T0), new Setting("b", "2", T0)));
      assertThat(SettingUpserts.upsertAll(h, List.of(new Setting("a", "1", T1), new Setting("b", "3", T1))))
          .isEqualTo(new BatchOutcome(2, 0, 0, 1, 0, 1, true));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void incrementAllSumsDeltasAndIgnoresOtherColumns(Database db) {
    try (Handle h = open(db)) {
      PageViewUpserts.upsert(h, new PageView("/a", DAY, 10, T0));
      BatchOutcome outcome = PageViewUpserts.incrementAll(h, List.of(
          new PageView("/a", DAY, 1, T2), new PageView("/b", DAY, 5, T2), new PageView("/a", DAY, 2, null)));
      assertThat(outcome).isEqualTo(new BatchOutcome(3, 1, 1, 1, 0, 0, true));
      assertThat(PageViewUpserts.find(h, "/a", DAY)).hasValue(new PageView("/a", DAY, 13, T0));
      assertThat(PageViewUpserts.find(h, "/b", DAY)).hasValue(new PageView("/b", DAY, 5, null));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void columnTypesWithoutArraysGoAsMultiRowValues(Database db) {
    try (Handle h = open(db)) {
      // an enum (bound by JDBI's enum strategy) and a List<String>: no array form, VALUES rows
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      assertThat(AccountUpserts.upsertAll(h, List.of(
              Account.of(a, "a@x.org", "1.00", Account.Status.OPEN),
              Account.of(b, "b@x.org", "2.00", Account.Status.OPEN),
              Account.of(a, "a2@x.org", "0.50", Account.Status.FROZEN))))
          .isEqualTo(new BatchOutcome(3, 1, 2, 0, 0, 0, true));
      Account stored = AccountUpserts.find(h, a).orElseThrow();
      assertThat(stored.email).isEqualTo("a2@x.org");
      assertThat(stored.balance).isEqualTo(new BigDecimal("1.50"));
      assertThat(stored.status).isEqualTo(Account.Status.FROZEN);

      // a user type bound by the application's own argument factory
      Document.registerMoney(h);
      UUID d = UUID.randomUUID();
      DocumentUpserts.upsertAll(h, List.of(
          new Document(d, new byte[] {1}, List.of("x", "y"), new Document.Money(5)),
          new Document(UUID.randomUUID(), null, List.of(), null)));
      Document stored2 = DocumentUpserts.find(h, d).orElseThrow();
      assertThat(stored2.tags()).containsExactly("x", "y").inOrder();
      assertThat(stored2.price()).isEqualTo(new Document.Money(5));
    }
  }

  /**
   * Every type that goes as an array parameter (date-times, numerics beyond long and UUIDs
   * among them) is stored by the bulk statement exactly as by the single-row upsert, which binds
   * it as a plain parameter; nulls too.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void everyArrayTypeIsStoredAsTheSingleRowUpsertStoresIt(Database db) {
    try (Handle h = open(db)) {
      Sample full = new Sample("full", JAN_05, (short) -7, 2_000_000_000, 0.25f, -1.5e300, true,
          new BigDecimal("12345678901234567890.000123456789"),
          new BigInteger("-123456789012345678901234567890"),
          LocalDateTime.of(2026, 11, 27, 23, 59, 59, 123_456_000),
          LocalTime.of(0, 0, 0, 1_000),
          OffsetDateTime.of(2026, 11, 28, 1, 30, 0, 999_999_000, ZoneOffset.ofHours(2)),
          Instant.parse("1969-12-31T23:59:59.000001Z"),
          UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
          new byte[] {0, -1, '"', '\\', ',', '{'});
      // text that an array literal would have to quote or escape, and sub-microsecond instants
      Sample odd = new Sample("odd \"quoted\", {braced}\\", DAY, (short) 0, 0, Float.NaN,
          Double.POSITIVE_INFINITY, false, BigDecimal.ZERO, BigInteger.ONE,
          LocalDateTime.of(1, 1, 1, 0, 0), LocalTime.MAX,
          OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-9, -30)),
          Instant.parse("2026-11-27T10:00:00.123456789Z"), null, new byte[0]);
      Sample empty = new Sample("NULL", JAN_10, (short) 1, 1, null, null, null, null, null, null,
          null, null, null, null, null);
      List<Sample> rows = List.of(full, odd, empty);

      assertThat(SampleUpserts.upsertAll(h, rows)).isEqualTo(new BatchOutcome(3, 0, 3, 0, 0, 0, true));
      List<List<Object>> bulk = rows.stream()
          .map(r -> stored(SampleUpserts.find(h, r.id(), r.day()).orElseThrow())).toList();
      h.execute("DELETE FROM samples");
      rows.forEach(r -> SampleUpserts.upsert(h, r));
      List<List<Object>> single = rows.stream()
          .map(r -> stored(SampleUpserts.find(h, r.id(), r.day()).orElseThrow())).toList();

      assertThat(bulk).isEqualTo(single);
      // and exactly what was given, where the column types hold every digit
      assertThat(bulk.get(0)).isEqualTo(stored(full));
      assertThat(bulk.get(2)).isEqualTo(stored(empty));
      assertThat(bulk.get(1).get(12)).isEqualTo(Instant.parse("2026-11-27T10:00:00.123457Z"));
    }
  }

  /** A sample's values, comparable: offsets as instants, bytes as lists. */
  private static List<Object> stored(Sample s) {
    return Arrays.asList(s.id(), s.day(), s.level(), s.count(), s.ratio(), s.score(), s.flag(),
        s.amount(), s.big(), s.localAt(), s.clock(),
        s.offsetAt() == null ? null : s.offsetAt().toInstant(), s.at(), s.ref(),
        s.blob() == null ? null : Bytes.asList(s.blob()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void emptyOneAndMoreThanOneChunk(Database db) {
    try (Handle h = open(db)) {
      assertThat(PageViewUpserts.upsertAll(h, List.of())).isEqualTo(BatchOutcome.EMPTY);
      assertThat(PageViewUpserts.upsertAll(h, List.of(view(0, 1))))
          .isEqualTo(new BatchOutcome(1, 0, 1, 0, 0, 0, true));
      Schema.reset(h);
      List<PageView> rows = IntStream.range(0, CHUNK + 1).mapToObj(i -> view(i, 1)).toList();
      assertThat(PageViewUpserts.upsertAll(h, rows))
          .isEqualTo(new BatchOutcome(CHUNK + 1, 0, CHUNK + 1, 0, 0, 0, true));
      assertThat(count(h, "page_views")).isEqualTo(CHUNK + 1);
    }
    // an empty input touches no connection: a closed handle is fine
    Handle closed = db.jdbi().open();
    closed.close();
    assertThat(PageViewUpserts.upsertAll(closed, Stream.empty())).isEqualTo(BatchOutcome.EMPTY);
    assertThat(PageViewUpserts.incrementAll(closed, List.of())).isEqualTo(BatchOutcome.EMPTY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aChunkBoundaryBetweenDuplicateKeys(Database db) {
    try (Handle h = open(db)) {
      // key 0 opens the first chunk and comes again after a new key found it full: in a
      // stream, the second chunk updates it
      List<PageView> rows = new ArrayList<>();
      rows.add(view(0, 1));
      rows.add(view(0, 2)); // merged inside the first chunk
      IntStream.range(1, CHUNK).forEach(i -> rows.add(view(i, 1)));
      rows.add(view(CHUNK, 1));
      rows.add(view(0, 10));
      assertThat(PageViewUpserts.upsertAll(h, rows.stream()))
          .isEqualTo(new BatchOutcome(CHUNK + 3, 1, CHUNK + 1, 1, 0, 0, true));
      assertThat(PageViewUpserts.find(h, "/p0", DAY).orElseThrow().views()).isEqualTo(13);

      // a collection larger than a chunk is put in key order first: all three rows of key 0
      // meet in the first chunk and merge there, in their given order
      h.execute("DELETE FROM page_views");
      assertThat(PageViewUpserts.upsertAll(h, rows))
          .isEqualTo(new BatchOutcome(CHUNK + 3, 2, CHUNK + 1, 0, 0, 0, true));
      assertThat(PageViewUpserts.find(h, "/p0", DAY).orElseThrow().views()).isEqualTo(13);
    }
  }

  /** The stable key-order sort keeps the given order of one key's rows: the last one wins. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aLargeCollectionMergesEachKeysRowsInTheirGivenOrder(Database db) {
    try (Handle h = open(db)) {
      Instant first = Instant.parse("2026-01-01T00:00:00Z");
      List<PageView> rows = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int i = CHUNK + 10; i > 0; i--) {
          rows.add(new PageView("/p" + i, DAY, 1, first.plusSeconds(round)));
        }
      }
      assertThat(PageViewUpserts.upsertAll(h, rows))
          .isEqualTo(new BatchOutcome(3L * (CHUNK + 10), 2L * (CHUNK + 10), CHUNK + 10, 0, 0, 0, true));
      // last_seen is overwritten: the last of the three rounds wins
      assertThat(PageViewUpserts.find(h, "/p7", DAY)).hasValue(new PageView("/p7", DAY, 3, first.plusSeconds(2)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aNullKeyAnywhereWritesNothing(Database db) {
    try (Handle h = open(db)) {
      Stream<PageView> rows = IntStream.range(0, 3 * CHUNK)
          .mapToObj(i -> i == 2 * CHUNK + 7 ? new PageView(null, DAY, 1, null) : view(i, 1));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PageViewUpserts.upsertAll(h, rows));
      assertThat(e).hasMessageThat().contains("PageView.page is a @Key and must not be null");
      assertThat(count(h, "page_views")).isEqualTo(0);

      // inside the caller's transaction: the batch is undone, the caller's own work is not
      h.useTransaction(tx -> {
        PageViewUpserts.upsert(tx, view(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> PageViewUpserts.upsertAll(tx,
            List.of(view(1, 1), view(2, 1), new PageView("/x", null, 1, null))));
        PageViewUpserts.upsert(tx, view(-2, 1));
      });
      assertThat(count(h, "page_views")).isEqualTo(2);
    }
  }
}
