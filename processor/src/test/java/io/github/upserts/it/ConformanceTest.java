package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.Upserted;
import io.github.upserts.it.TestDatabases.Database;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every supported database must show, written once and run on each: every
 * generated method and policy, bulk writes, schema verification and concurrent increments.
 * Where a database cannot do something, the test asserts its documented behaviour instead.
 */
class ConformanceTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final LocalDate JAN_10 = LocalDate.of(2026, 1, 10);
  private static final LocalDate JAN_05 = LocalDate.of(2026, 1, 5);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);

  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    ConformanceSchema.reset(db, handle);
    return handle;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void upsertInsertsThenUpdatesAndTellsWhich(Database db) {
    try (Handle h = open(db)) {
      assertThat(PageViewUpserts.upsert(h, new PageView("/home", DAY, 3, T0))).isEqualTo(Outcome.INSERTED);
      assertThat(PageViewUpserts.upsert(h, new PageView("/home", DAY, 4, T1))).isEqualTo(Outcome.UPDATED);
      assertThat(PageViewUpserts.find(h, "/home", DAY)).hasValue(new PageView("/home", DAY, 7, T1));
      assertThat(PageViewUpserts.find(h, "/home", DAY.plusDays(1))).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void upsertReturningInsertIfAbsentAndGetOrInsert(Database db) {
    try (Handle h = open(db)) {
      assertThat(PageViewUpserts.upsertReturning(h, new PageView("/r", DAY, 10, T0)))
          .isEqualTo(new PageView("/r", DAY, 10, T0));
      assertThat(PageViewUpserts.upsertReturning(h, new PageView("/r", DAY, 5, null)))
          .isEqualTo(new PageView("/r", DAY, 15, null));

      assertThat(PageViewUpserts.insertIfAbsent(h, new PageView("/x", DAY, 1, T0))).isTrue();
      assertThat(PageViewUpserts.insertIfAbsent(h, new PageView("/x", DAY, 9, T1))).isFalse();

      assertThat(PageViewUpserts.getOrInsert(h, new PageView("/x", DAY, 99, T2)))
          .isEqualTo(new PageView("/x", DAY, 1, T0));
      assertThat(PageViewUpserts.getOrInsert(h, new PageView("/y", DAY, 2, T2)))
          .isEqualTo(new PageView("/y", DAY, 2, T2));
      assertThat(PageViewUpserts.find(h, "/x", DAY)).hasValue(new PageView("/x", DAY, 1, T0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void incrementCreatesThenAdds(Database db) {
    try (Handle h = open(db)) {
      assertThat(PageViewUpserts.incrementViews(h, "/i", DAY, 5)).isEqualTo(5);
      assertThat(PageViewUpserts.incrementViews(h, "/i", DAY, 3)).isEqualTo(8);
      assertThat(PageViewUpserts.find(h, "/i", DAY)).hasValue(new PageView("/i", DAY, 8, null));
      assertThat(OrderUpserts.incrementCount(h, "ann", 1, (short) 3)).isEqualTo((short) 3);
    }
  }

  /**
   * A {@code BigInteger} is written, added up (in one statement and in a batch) and read back
   * exactly, beyond the 64 bits of a {@code long} except on SQLite, whose integers have 64; a
   * null {@code UUID} is written as a null of the column's type.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void bigIntegersAndNullUuidsAreBoundAndRead(Database db) {
    try (Handle h = open(db)) {
      BigInteger big = db.kind() == TestDatabases.Kind.SQLITE
          ? BigInteger.valueOf(Long.MAX_VALUE / 4)
          : new BigInteger("123456789012345678901234567890");
      UUID transfer = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
      assertThat(LedgerUpserts.upsert(h, new Ledger("a", big, null))).isEqualTo(Outcome.INSERTED);
      assertThat(LedgerUpserts.upsertReturning(h, new Ledger("a", big, transfer)))
          .isEqualTo(new Ledger("a", big.add(big), transfer));
      assertThat(LedgerUpserts.incrementTotal(h, "a", BigInteger.ONE))
          .isEqualTo(big.add(big).add(BigInteger.ONE));
      assertThat(LedgerUpserts.upsertReturning(h, new Ledger("a", BigInteger.ZERO, null)).lastTransfer())
          .isNull();

      assertThat(LedgerUpserts.upsertAll(h, List.of(new Ledger("b", big, null),
              new Ledger("c", BigInteger.ZERO, transfer), new Ledger("b", BigInteger.TWO, null))).rows())
          .isEqualTo(3);
      assertThat(LedgerUpserts.find(h, "b")).hasValue(new Ledger("b", big.add(BigInteger.TWO), null));
      assertThat(LedgerUpserts.find(h, "c")).hasValue(new Ledger("c", BigInteger.ZERO, transfer));
      assertThat(LedgerUpserts.incrementAll(h, List.of(new Ledger("c", big, null))).rows()).isEqualTo(1);
      assertThat(LedgerUpserts.find(h, "c")).hasValue(new Ledger("c", big, transfer));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void aFractionInTheColumnOfABigIntegerIsAnErrorThatNamesColumnAndValue(Database db) {
    try (Handle h = open(db)) {
      h.execute("ALTER TABLE ledgers ALTER COLUMN total TYPE numeric");
      h.execute("INSERT INTO ledgers (account, total) VALUES ('x', 1.50)");
      Exception e = assertThrows(Exception.class, () -> LedgerUpserts.find(h, "x"));
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("Column total holds 1.50, which a"
          + " BigInteger property cannot hold: give the column a whole-number type (numeric with"
          + " scale 0) or make the property a BigDecimal");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void everyPolicyMergesItsWay(Database db) {
    try (Handle h = open(db)) {
      ProfileUpserts.upsert(h, new Profile("p1", "a@x.org", 10, JAN_10, T0, 1, "ann"));
      assertThat(ProfileUpserts.upsertReturning(h, new Profile("p1", null, 7, JAN_05, T1, 2, "annie")))
          .isEqualTo(new Profile("p1", "a@x.org", 10, JAN_05, T0, 3, "annie"));
      // @Max/@Min: a null on either side keeps the other value
      ProfileUpserts.upsert(h, new Profile("p2", null, null, null, null, 0, null));
      assertThat(ProfileUpserts.upsertReturning(h, new Profile("p2", null, 5, JAN_10, null, 0, null)))
          .isEqualTo(new Profile("p2", null, 5, JAN_10, null, 0, null));
      assertThat(ProfileUpserts.upsertReturning(h, new Profile("p2", null, null, null, null, 0, null)))
          .isEqualTo(new Profile("p2", null, 5, JAN_10, null, 0, null));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void newerWinsSkipsLateEvents(Database db) {
    try (Handle h = open(db)) {
      assertThat(EventUpserts.upsert(h, new Event("e1", 2, "two", T0))).isEqualTo(Outcome.INSERTED);
      assertThat(EventUpserts.upsert(h, new Event("e1", 1, "one", T1))).isEqualTo(Outcome.SKIPPED);
      assertThat(EventUpserts.upsert(h, new Event("e1", 2, "two again", T1))).isEqualTo(Outcome.SKIPPED);
      assertThat(EventUpserts.upsert(h, new Event("e1", 3, "three", T2))).isEqualTo(Outcome.UPDATED);
      assertThat(EventUpserts.upsertReturning(h, new Event("e1", 1, "late", T2)))
          .isEqualTo(new Event("e1", 3, "three", T0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void skipUnchangedAndKeyOnlyEntities(Database db) {
    try (Handle h = open(db)) {
      assertThat(SettingUpserts.upsert(h, new Setting("theme", "dark", T0))).isEqualTo(Outcome.INSERTED);
      assertThat(SettingUpserts.upsert(h, new Setting("theme", "dark", T1))).isEqualTo(Outcome.UNCHANGED);
      assertThat(SettingUpserts.upsert(h, new Setting("theme", "light", T1))).isEqualTo(Outcome.UPDATED);
      assertThat(SettingUpserts.find(h, "theme")).hasValue(new Setting("theme", "light", T0));

      assertThat(TagUpserts.upsert(h, new Tag("java"))).isEqualTo(Outcome.INSERTED);
      assertThat(TagUpserts.upsert(h, new Tag("java"))).isEqualTo(Outcome.UNCHANGED);
      assertThat(TagUpserts.upsertReturning(h, new Tag("java"))).isEqualTo(new Tag("java"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void theRowAndWhatHappenedInOneCall(Database db) {
    try (Handle h = open(db)) {
      assertThat(EventUpserts.upsertReturningOutcome(h, new Event("e1", 2, "two", T0)))
          .isEqualTo(new Upserted<>(new Event("e1", 2, "two", T0), Outcome.INSERTED));
      assertThat(EventUpserts.upsertReturningOutcome(h, new Event("e1", 1, "late", T1)))
          .isEqualTo(new Upserted<>(new Event("e1", 2, "two", T0), Outcome.SKIPPED));
      assertThat(EventUpserts.upsertReturningOutcome(h, new Event("e1", 3, "three", T1)))
          .isEqualTo(new Upserted<>(new Event("e1", 3, "three", T0), Outcome.UPDATED));
      SettingUpserts.upsert(h, new Setting("theme", "dark", T0));
      assertThat(SettingUpserts.upsertReturningOutcome(h, new Setting("theme", "dark", T1)))
          .isEqualTo(new Upserted<>(new Setting("theme", "dark", T0), Outcome.UNCHANGED));
      assertThat(PageViewUpserts.getOrInsertOutcome(h, new PageView("/g", DAY, 1, T0)))
          .isEqualTo(new Upserted<>(new PageView("/g", DAY, 1, T0), Outcome.INSERTED));
      assertThat(PageViewUpserts.getOrInsertOutcome(h, new PageView("/g", DAY, 9, T1)))
          .isEqualTo(new Upserted<>(new PageView("/g", DAY, 1, T0), Outcome.UNCHANGED));
      assertThrows(IllegalArgumentException.class,
          () -> PageViewUpserts.getOrInsertOutcome(h, new PageView(null, DAY, 1, T0)));
      assertThat(PageViewUpserts.find(h, "/g", DAY)).hasValue(new PageView("/g", DAY, 1, T0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void reservedWordsAndNullKeys(Database db) {
    try (Handle h = open(db)) {
      assertThat(OrderUpserts.upsert(h, new Order("bob", 1, "web", (short) 2))).isEqualTo(Outcome.INSERTED);
      assertThat(OrderUpserts.upsertReturning(h, new Order("bob", 1, "app", (short) 5)))
          .isEqualTo(new Order("bob", 1, "app", (short) 7));
      assertThrows(IllegalArgumentException.class,
          () -> OrderUpserts.upsert(h, new Order(null, 1, "web", (short) 1)));
      assertThrows(IllegalArgumentException.class, () -> PageViewUpserts.find(h, "/p", null));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void bulkUpsertMergesDuplicatesAndCounts(Database db) {
    try (Handle h = open(db)) {
      List<PageView> rows = List.of(
          new PageView("/a", DAY, 1, T0), new PageView("/b", DAY, 2, T0), new PageView("/a", DAY, 3, T1));
      BatchOutcome first = PageViewUpserts.upsertAll(h, rows);
      assertThat(first.rows()).isEqualTo(3);
      assertThat(first.merged()).isEqualTo(1);
      assertThat(first.inserted() + first.updated()).isEqualTo(2);
      if (first.exact()) {
        assertThat(first.inserted()).isEqualTo(2);
      }
      PageViewUpserts.upsertAll(h, List.of(new PageView("/a", DAY, 10, T2)));
      assertThat(PageViewUpserts.find(h, "/a", DAY)).hasValue(new PageView("/a", DAY, 14, T2));
      assertThat(PageViewUpserts.find(h, "/b", DAY)).hasValue(new PageView("/b", DAY, 2, T0));

      PageViewUpserts.incrementAll(h, List.of(new PageView("/b", DAY, 5, null), new PageView("/c", DAY, 1, null)));
      assertThat(PageViewUpserts.find(h, "/b", DAY).orElseThrow().views()).isEqualTo(7);
      assertThat(PageViewUpserts.find(h, "/c", DAY).orElseThrow().views()).isEqualTo(1);

      EventUpserts.upsertAll(h, List.of(new Event("e", 2, "two", T0), new Event("e", 5, "five", T1)));
      assertThat(EventUpserts.find(h, "e")).hasValue(new Event("e", 5, "five", T0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void theSchemaMatchesAndAMissingKeyConstraintIsFoundAndFixed(Database db) {
    try (Handle h = open(db)) {
      PageViewUpserts.verifySchema(h);
      ProfileUpserts.verifySchema(h);
      EventUpserts.verifySchema(h);
      SettingUpserts.verifySchema(h);
      TagUpserts.verifySchema(h);
      OrderUpserts.verifySchema(h);

      h.execute("DROP TABLE tags");
      h.execute("CREATE TABLE tags (name varchar(100))");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> TagUpserts.verifySchema(h));
      assertThat(e.fixes()).isNotEmpty();
      e.fixes().forEach(h::execute);
      TagUpserts.verifySchema(h);
      assertThat(TagUpserts.upsert(h, new Tag("sql"))).isEqualTo(Outcome.INSERTED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#conformance")
  void incrementsFromEightThreadsAreExact(Database db) throws InterruptedException {
    db.jdbi().useHandle(h -> ConformanceSchema.reset(db, h));
    int threads = 8;
    int calls = 500;
    List<String> pages = List.of("/a", "/b", "/c", "/d", "/e");
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try (Handle handle = db.jdbi().open()) {
          for (int i = 0; i < calls; i++) {
            String page = pages.get((thread + i) % pages.size());
            try {
              handle.useTransaction(tx -> PageViewUpserts.incrementViews(tx, page, DAY, 1));
            } catch (RuntimeException e) {
              errors.add(e);
            }
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    assertWithMessage("exceptions").that(errors).isEmpty();
    try (Handle h = db.jdbi().open()) {
      for (String page : pages) {
        assertThat(PageViewUpserts.find(h, page, DAY).orElseThrow().views())
            .isEqualTo((long) threads * calls / pages.size());
      }
    }
  }
}
