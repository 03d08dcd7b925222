package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.it.TestDatabases.Database;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every generated method, on records and classes, against real PostgreSQL databases. */
class GeneratedDaoTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final Instant NOON = Instant.parse("2026-11-27T12:00:00Z");

  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    Schema.reset(handle);
    return handle;
  }

  private static long count(Handle handle, String table) {
    return handle.createQuery("SELECT count(*) FROM " + table).mapTo(long.class).one();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void upsertInsertsThenUpdatesAndTellsWhich(Database db) {
    try (Handle h = open(db)) {
      assertThat(PageViewUpserts.upsert(h, new PageView("/home", DAY, 3, NOON)))
          .isEqualTo(Outcome.INSERTED);
      Instant later = NOON.plus(1, ChronoUnit.HOURS);
      assertThat(PageViewUpserts.upsert(h, new PageView("/home", DAY, 4, later)))
          .isEqualTo(Outcome.UPDATED);
      assertThat(PageViewUpserts.upsert(h, new PageView("/home", DAY.plusDays(1), 1, later)))
          .isEqualTo(Outcome.INSERTED);

      // @Increment adds up; the other column is overwritten
      assertThat(PageViewUpserts.find(h, "/home", DAY)).hasValue(new PageView("/home", DAY, 7, later));
      assertThat(count(h, "page_views")).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void upsertOverwritesWithNullAndCountsNullAsZero(Database db) {
    try (Handle h = open(db)) {
      PageViewUpserts.upsert(h, new PageView("/a", DAY, 5, NOON));
      PageViewUpserts.upsert(h, new PageView("/a", DAY, 2, null));
      assertThat(PageViewUpserts.find(h, "/a", DAY)).hasValue(new PageView("/a", DAY, 7, null));

      // a boxed @Increment column: a null on either side counts as zero
      CustomerUpserts.upsert(h, Customer.of(1, "Ada", null, true));
      Customer stored = CustomerUpserts.upsertReturning(h, Customer.of(1, "Ada", 4, true));
      assertThat(stored.getVisits()).isEqualTo(4);
      stored = CustomerUpserts.upsertReturning(h, Customer.of(1, "Ada L.", null, false));
      assertThat(stored.getVisits()).isEqualTo(4);
      assertThat(stored.getName()).isEqualTo("Ada L.");
      assertThat(stored.isActive()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void upsertReturningReturnsTheStoredRow(Database db) {
    try (Handle h = open(db)) {
      PageView first = PageViewUpserts.upsertReturning(h, new PageView("/r", DAY, 10, NOON));
      assertThat(first).isEqualTo(new PageView("/r", DAY, 10, NOON));
      PageView second = PageViewUpserts.upsertReturning(h, new PageView("/r", DAY, 5, null));
      assertThat(second).isEqualTo(new PageView("/r", DAY, 15, null));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void insertIfAbsentLeavesAnExistingRowAlone(Database db) {
    try (Handle h = open(db)) {
      assertThat(PageViewUpserts.insertIfAbsent(h, new PageView("/x", DAY, 1, NOON))).isTrue();
      assertThat(PageViewUpserts.insertIfAbsent(h, new PageView("/x", DAY, 99, null))).isFalse();
      assertThat(PageViewUpserts.find(h, "/x", DAY)).hasValue(new PageView("/x", DAY, 1, NOON));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void findReturnsEmptyForAnAbsentKey(Database db) {
    try (Handle h = open(db)) {
      PageViewUpserts.upsert(h, new PageView("/x", DAY, 1, NOON));
      assertThat(PageViewUpserts.find(h, "/x", DAY.minusDays(1))).isEmpty();
      assertThat(PageViewUpserts.find(h, "/y", DAY)).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void incrementCreatesTheRowWithDefaultsThenAdds(Database db) {
    try (Handle h = open(db)) {
      assertThat(PageViewUpserts.incrementViews(h, "/i", DAY, 5)).isEqualTo(5);
      assertThat(PageViewUpserts.incrementViews(h, "/i", DAY, 3)).isEqualTo(8);
      assertThat(PageViewUpserts.incrementViews(h, "/i", DAY, -10)).isEqualTo(-2);
      // the columns the increment does not name take their database default (NULL here)
      assertThat(PageViewUpserts.find(h, "/i", DAY)).hasValue(new PageView("/i", DAY, -2, null));

      // a stored NULL counts as zero
      CustomerUpserts.upsert(h, Customer.of(7, "Grace", null, true));
      assertThat(CustomerUpserts.incrementVisits(h, 7, 2)).isEqualTo(2);
      // a boxed delta must not be null
      IllegalArgumentException e = assertThrows(
          IllegalArgumentException.class, () -> CustomerUpserts.incrementVisits(h, 7, null));
      assertThat(e).hasMessageThat().contains("Customer.visits");

      // row created by the increment: active takes its default (false)
      assertThat(CustomerUpserts.incrementVisits(h, 8, 1)).isEqualTo(1);
      assertThat(CustomerUpserts.find(h, 8).orElseThrow().isActive()).isFalse();

      assertThat(AccountUpserts.incrementBalance(h, UUID.randomUUID(), new BigDecimal("1.25")))
          .isEqualTo(new BigDecimal("1.25"));
      assertThat(PriceUpserts.incrementVolume(h, "sku-1", "EUR", 2.5)).isEqualTo(2.5);
      assertThat(PriceUpserts.incrementVolume(h, "sku-1", "EUR", 0.25)).isEqualTo(2.75);
      assertThat(OrderUpserts.incrementCount(h, "ann", 1, (short) 3)).isEqualTo((short) 3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void rowMapperMapsAnyQuerySelectingTheColumns(Database db) {
    try (Handle h = open(db)) {
      PageViewUpserts.upsert(h, new PageView("/b", DAY, 2, NOON));
      PageViewUpserts.upsert(h, new PageView("/a", DAY, 1, null));
      assertThat(h.createQuery("SELECT * FROM page_views ORDER BY page")
              .map(PageViewUpserts.rowMapper())
              .list())
          .containsExactly(new PageView("/a", DAY, 1, null), new PageView("/b", DAY, 2, NOON))
          .inOrder();
      // columns in another order, with extras and upper-case labels, still map
      assertThat(h.createQuery("SELECT 1 AS extra, LAST_SEEN, VIEWS, DAY, PAGE FROM page_views"
                  + " WHERE page = '/b'")
              .map(PageViewUpserts.rowMapper())
              .one())
          .isEqualTo(new PageView("/b", DAY, 2, NOON));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> h.createQuery("SELECT page, day FROM page_views").map(PageViewUpserts.rowMapper()).list());
      assertThat(e).hasMessageThat().contains("no column 'views'");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void classWithPublicFieldsUuidEnumAndBigDecimal(Database db) {
    try (Handle h = open(db)) {
      UUID id = UUID.randomUUID();
      assertThat(AccountUpserts.upsert(h, Account.of(id, "a@x.org", "10.50", Account.Status.OPEN)))
          .isEqualTo(Outcome.INSERTED);
      Account stored = AccountUpserts.upsertReturning(
          h, Account.of(id, "b@x.org", "0.25", Account.Status.FROZEN));
      assertThat(stored.id).isEqualTo(id);
      assertThat(stored.email).isEqualTo("b@x.org");
      assertThat(stored.balance).isEqualTo(new BigDecimal("10.75"));
      assertThat(stored.status).isEqualTo(Account.Status.FROZEN);
      assertThat(h.createQuery("SELECT status FROM accounts").mapTo(String.class).one())
          .isEqualTo("FROZEN");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void bytesArraysAndUserTypesBoundByTheUsersFactories(Database db) {
    try (Handle h = open(db)) {
      Document.registerMoney(h);
      UUID id = UUID.randomUUID();
      byte[] body = {1, 2, 3, (byte) 0xff};
      DocumentUpserts.upsert(h, new Document(id, body, List.of("a", "b"), new Document.Money(150)));
      Document stored = DocumentUpserts.upsertReturning(
          h, new Document(id, new byte[] {9}, List.of("c"), null));
      assertThat(stored.body()).isEqualTo(new byte[] {9});
      assertThat(stored.tags()).containsExactly("c");
      assertThat(stored.price()).isNull();
      DocumentUpserts.upsert(h, new Document(id, body, List.of(), new Document.Money(99)));
      Document found = DocumentUpserts.find(h, id).orElseThrow();
      assertThat(found.body()).isEqualTo(body);
      assertThat(found.tags()).isEmpty();
      assertThat(found.price()).isEqualTo(new Document.Money(99));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void javaBeanWithPrimitiveKey(Database db) {
    try (Handle h = open(db)) {
      assertThat(CustomerUpserts.upsert(h, Customer.of(42, "Linus", 1, true))).isEqualTo(Outcome.INSERTED);
      assertThat(CustomerUpserts.upsert(h, Customer.of(42, "Linus T.", 2, false))).isEqualTo(Outcome.UPDATED);
      Customer stored = CustomerUpserts.find(h, 42).orElseThrow();
      assertThat(stored.getCustomerId()).isEqualTo(42);
      assertThat(stored.getName()).isEqualTo("Linus T.");
      assertThat(stored.getVisits()).isEqualTo(3);
      assertThat(stored.isActive()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void immutableClassBuiltThroughItsConstructor(Database db) {
    try (Handle h = open(db)) {
      // constructor order (currency, sku, volume, amount) differs from the field order
      assertThat(PriceUpserts.upsert(h, new Price("EUR", "sku-9", 1.5, 9.99))).isEqualTo(Outcome.INSERTED);
      assertThat(PriceUpserts.upsertReturning(h, new Price("EUR", "sku-9", 2.0, 8.49)))
          .isEqualTo(new Price("EUR", "sku-9", 3.5, 8.49));
      assertThat(PriceUpserts.find(h, "sku-9", "EUR")).hasValue(new Price("EUR", "sku-9", 3.5, 8.49));
      assertThat(PriceUpserts.find(h, "sku-9", "USD")).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void inheritedFieldsAreColumns(Database db) {
    try (Handle h = open(db)) {
      NoteUpserts.upsert(h, Note.of("n1", "first", NOON));
      Instant later = NOON.plusSeconds(5);
      Note stored = NoteUpserts.upsertReturning(h, Note.of("n1", "second", later));
      assertThat(stored.text).isEqualTo("second");
      assertThat(stored.createdAt).isEqualTo(NOON); // inherited @InsertOnly
      assertThat(stored.updatedAt).isEqualTo(later);
      NoteUpserts.verifySchema(h);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void reservedWordsAsTableAndColumnNames(Database db) {
    try (Handle h = open(db)) {
      assertThat(OrderUpserts.upsert(h, new Order("bob", 1, "web", (short) 2))).isEqualTo(Outcome.INSERTED);
      assertThat(OrderUpserts.upsertReturning(h, new Order("bob", 1, "app", (short) 5)))
          .isEqualTo(new Order("bob", 1, "app", (short) 7));
      assertThat(OrderUpserts.insertIfAbsent(h, new Order("bob", 2, "web", (short) 1))).isTrue();
      assertThat(OrderUpserts.find(h, "bob", 2)).hasValue(new Order("bob", 2, "web", (short) 1));
      assertThat(count(h, "\"order\"")).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void schemaQualifiedMixedCaseNamesAndColumnName(Database db) {
    try (Handle h = open(db)) {
      assertThat(LabelUpserts.upsert(h, new Label("en", "English"))).isEqualTo(Outcome.INSERTED);
      assertThat(LabelUpserts.upsert(h, new Label("en", "Anglais"))).isEqualTo(Outcome.UPDATED);
      assertThat(h.createQuery("SELECT \"Display Name\" FROM upserts_it.\"Label Set\"")
              .mapTo(String.class).one())
          .isEqualTo("Anglais");
      assertThat(LabelUpserts.find(h, "en")).hasValue(new Label("en", "Anglais"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void keyOnlyEntity(Database db) {
    try (Handle h = open(db)) {
      assertThat(TagUpserts.upsert(h, new Tag("java"))).isEqualTo(Outcome.INSERTED);
      assertThat(TagUpserts.upsert(h, new Tag("java"))).isEqualTo(Outcome.UNCHANGED);
      assertThat(TagUpserts.upsertReturning(h, new Tag("sql"))).isEqualTo(new Tag("sql"));
      assertThat(TagUpserts.insertIfAbsent(h, new Tag("java"))).isFalse();
      assertThat(TagUpserts.find(h, "java")).hasValue(new Tag("java"));
      assertThat(count(h, "tags")).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void nullKeysAreRejectedBeforeAnySqlRuns(Database db) {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE page_views"); // any SQL that ran would fail differently
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PageViewUpserts.upsert(h, new PageView("/p", null, 1, NOON)));
      assertThat(e).hasMessageThat().contains("PageView.day is a @Key and must not be null");
      e = assertThrows(IllegalArgumentException.class,
          () -> PageViewUpserts.upsertReturning(h, new PageView(null, DAY, 1, NOON)));
      assertThat(e).hasMessageThat().contains("PageView.page");
      assertThrows(IllegalArgumentException.class,
          () -> PageViewUpserts.insertIfAbsent(h, new PageView(null, DAY, 1, NOON)));
      assertThrows(IllegalArgumentException.class, () -> PageViewUpserts.find(h, "/p", null));
      assertThrows(IllegalArgumentException.class, () -> PageViewUpserts.incrementViews(h, null, DAY, 1));
      assertThrows(IllegalArgumentException.class, () -> AccountUpserts.upsert(h, Account.of(null, "x", "1", null)));
      e = assertThrows(IllegalArgumentException.class, () -> PageViewUpserts.upsert(h, null));
      assertThat(e).hasMessageThat().contains("PageView row to write must not be null");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void aMissingUniqueConstraintGetsAMessageThatSaysHowToFixIt(Database db) {
    try (Handle h = open(db)) {
      h.execute("DROP TABLE tags");
      h.execute("CREATE TABLE tags (name text)");
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
          () -> TagUpserts.upsert(h, new Tag("java")));
      assertThat(e).hasMessageThat().contains("Table tags has no unique constraint or unique index on exactly (name)");
      assertThat(e).hasMessageThat().contains("ALTER TABLE \"tags\" ADD UNIQUE (\"name\")");
      assertThrows(SchemaMismatchException.class, () -> TagUpserts.insertIfAbsent(h, new Tag("java")));
    }
  }
}
