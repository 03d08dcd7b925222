package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;

import io.github.upserts.Upserts;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.schema.CatalogTable;
import io.github.upserts.schema.CatalogTable.CatalogColumn;
import io.github.upserts.schema.CatalogTable.UniqueIndex;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the catalog layer reads of a real PostgreSQL table, on every PostgreSQL version tested. */
class CatalogReadTest {
  private static final Table MEMBERS = new Table("Member", "", "members", List.of(Column.key("email", "email", "email")));

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#all")
  void columnsAndUniqueIndexesAsTheDatabaseHasThem(Database db) throws Exception {
    try (Handle h = db.jdbi().open()) {
      int major = h.getConnection().getMetaData().getDatabaseMajorVersion();
      h.execute("DROP TABLE IF EXISTS members");
      h.execute("CREATE TABLE members (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
          + " email text COLLATE \"C\" NOT NULL, balance numeric(12, 2) DEFAULT 0,"
          + " joined timestamptz(3) NOT NULL DEFAULT now(), deleted_at timestamptz,"
          + " code text, CONSTRAINT members_code UNIQUE (code) DEFERRABLE)");
      h.execute("CREATE UNIQUE INDEX members_live_email ON members (email) WHERE deleted_at IS NULL");
      h.execute("CREATE UNIQUE INDEX members_lower_email ON members (lower(email))");
      if (major >= 15) {
        h.execute("CREATE UNIQUE INDEX members_balance ON members (balance) NULLS NOT DISTINCT");
      }
      CatalogTable stored = Upserts.dialect(h).catalog().read(h, MEMBERS).orElseThrow();

      Map<String, CatalogColumn> columns = stored.columns().stream()
          .collect(Collectors.toMap(CatalogColumn::name, Function.identity()));
      assertThat(stored.columns().stream().map(CatalogColumn::name))
          .containsExactly("id", "email", "balance", "joined", "deleted_at", "code").inOrder();
      assertThat(columns.get("id").generated()).isTrue();
      assertThat(columns.get("email").generated()).isFalse();
      assertThat(columns.get("id").generation()).isEqualTo(CatalogTable.Generation.ALWAYS);
      assertThat(columns.get("email").collation()).isEqualTo("C");
      assertThat(columns.get("email").nullable()).isFalse();
      assertThat(columns.get("balance").type()).isEqualTo("numeric(12,2)");
      assertThat(columns.get("balance").defaultValue()).isEqualTo("0");
      assertThat(columns.get("joined").type()).isEqualTo("timestamp(3) with time zone");
      assertThat(columns.get("joined").defaultValue()).isEqualTo("now()");
      assertThat(columns.get("deleted_at").nullable()).isTrue();
      assertThat(stored.partitioned()).isFalse();

      Map<String, UniqueIndex> unique = stored.uniqueIndexes().stream()
          .collect(Collectors.toMap(UniqueIndex::name, Function.identity()));
      assertThat(unique.get("members_pkey").primary()).isTrue();
      assertThat(unique.get("members_pkey").plain()).isTrue();
      assertThat(unique.get("members_code").deferrable()).isTrue();
      assertThat(unique.get("members_live_email").partial()).isTrue();
      assertThat(unique.get("members_live_email").plain()).isFalse();
      assertThat(unique.get("members_lower_email").parts().get(0).column()).isNull();
      assertThat(unique.get("members_lower_email").plain()).isFalse();
      assertThat(unique.get("members_pkey").nullsNotDistinct()).isFalse();
      if (major >= 15) {
        assertThat(unique.get("members_balance").nullsNotDistinct()).isTrue();
      }
      h.execute("DROP TABLE members");
      assertThat(Upserts.dialect(h).catalog().read(h, MEMBERS)).isEmpty();
    }
  }
}
