package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.Outcome;
import io.github.upserts.it.TestDatabases.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lombok {@code @Value}/{@code @Builder} and {@code @Data} entities, compiled by Lombok then
 * Upserts in this module's test compilation: their DAOs upsert, find and bulk-upsert rows on
 * every database.
 */
class LombokEntityTest {
  private static Handle open(Database db) {
    Handle h = db.jdbi().open();
    h.execute("DROP TABLE IF EXISTS lmb_items");
    h.execute("DROP TABLE IF EXISTS lmb_users");
    h.execute("CREATE TABLE lmb_items (sku VARCHAR(20) PRIMARY KEY, quantity BIGINT NOT NULL,"
        + " active BOOLEAN NOT NULL, note VARCHAR(50))");
    h.execute("CREATE TABLE lmb_users (id VARCHAR(20) PRIMARY KEY, name VARCHAR(50),"
        + " is_admin BOOLEAN NOT NULL, verified BOOLEAN)");
    return h;
  }

  private static LmbItem item(String sku, long quantity, boolean active, String note) {
    return LmbItem.builder().sku(sku).quantity(quantity).active(active).note(note).build();
  }

  private static LmbUser user(String id, String name, boolean admin, Boolean verified) {
    LmbUser user = new LmbUser();
    user.setId(id);
    user.setName(name);
    user.setAdmin(admin);
    user.setVerified(verified);
    return user;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void valueEntityUpsertsFindsAndBulkUpserts(Database db) {
    try (Handle h = open(db)) {
      assertThat(LmbItemUpserts.upsert(h, item("a", 2, true, "first"))).isEqualTo(Outcome.INSERTED);
      assertThat(LmbItemUpserts.upsert(h, item("a", 3, false, null))).isEqualTo(Outcome.UPDATED);
      assertThat(LmbItemUpserts.find(h, "a")).hasValue(item("a", 5, false, null));

      LmbItemUpserts.upsertAll(h, List.of(item("a", 1, true, "bulk"), item("b", 7, true, "new")));

      assertThat(LmbItemUpserts.find(h, "a")).hasValue(item("a", 6, true, "bulk"));
      assertThat(LmbItemUpserts.find(h, "b")).hasValue(item("b", 7, true, "new"));
      assertThat(LmbItemUpserts.find(h, "c")).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void dataEntityUpsertsFindsAndBulkUpserts(Database db) {
    try (Handle h = open(db)) {
      assertThat(LmbUserUpserts.upsert(h, user("u1", "Ann", false, null))).isEqualTo(Outcome.INSERTED);
      assertThat(LmbUserUpserts.upsert(h, user("u1", "Ann B", true, true))).isEqualTo(Outcome.UPDATED);
      assertThat(LmbUserUpserts.find(h, "u1")).hasValue(user("u1", "Ann B", true, true));

      LmbUserUpserts.upsertAll(h, List.of(user("u1", "Ann C", false, false), user("u2", "Bob", true, null)));

      assertThat(LmbUserUpserts.find(h, "u1")).hasValue(user("u1", "Ann C", false, false));
      assertThat(LmbUserUpserts.find(h, "u2")).hasValue(user("u2", "Bob", true, null));
    }
  }
}
