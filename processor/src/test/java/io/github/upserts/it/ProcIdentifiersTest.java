package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.SchemaMismatchException;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.sql.H2Spelling;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name the processor accepts reaches every database as written: {@link ProcTricky}'s table
 * is created from the DDL its schema check proposes, written and read through the DAO, and then
 * read by its exact names in plain JDBC, past JDBI and the drivers' escape processing. (Names
 * that would not, e.g. a backslash JDBI reads as an escape inside MariaDB's backticks, are
 * compile errors: ProcessorDiagnosticsTest.)
 */
class ProcIdentifiersTest {

  @ParameterizedTest
  @MethodSource("io.github.upserts.it.TestDatabases#everyDatabase")
  void trickyNamesReachTheDatabaseAsWritten(Database db) throws SQLException {
    Table table = ProcTrickyUpserts.table();
    try (Handle h = db.jdbi().open()) {
      plain(h, "DROP TABLE IF EXISTS " + quote(db, table.name()));
      SchemaMismatchException missing =
          assertThrows(SchemaMismatchException.class, () -> ProcTrickyUpserts.verifySchema(h));
      missing.fixes().forEach(h::execute);
      ProcTrickyUpserts.verifySchema(h);

      assertThat(ProcTrickyUpserts.upsert(h, new ProcTricky(1, "k", 2, "first")))
          .isEqualTo(Outcome.INSERTED);
      assertThat(ProcTrickyUpserts.upsert(h, new ProcTricky(1, "k", 3, "second")))
          .isEqualTo(Outcome.UPDATED);
      assertThat(ProcTrickyUpserts.incrementUni(h, 1, "k", 10)).isEqualTo(15);
      assertThat(ProcTrickyUpserts.upsertAll(h, List.of(
              new ProcTricky(1, "k", 1, "third"), new ProcTricky(2, "k", 7, null))))
          .isEqualTo(new BatchOutcome(2, 0, 1, 1, 0, 0, true));
      assertThat(ProcTrickyUpserts.find(h, 1, "k")).hasValue(new ProcTricky(1, "k", 16, "third"));
      assertThat(ProcTrickyUpserts.getOrInsert(h, new ProcTricky(2, "k", 0, "x")))
          .isEqualTo(new ProcTricky(2, "k", 7, null));

      // the names as written, read without JDBI and without the driver's escape processing
      List<String> names = table.columns().stream().map(Column::name).toList();
      assertThat(plainRows(h, "SELECT " + String.join(", ", names.stream().map(n -> quote(db, n)).toList())
              + " FROM " + quote(db, table.name()) + " ORDER BY 1"))
          .containsExactly("1|k|16|third", "2|k|7|null").inOrder();
    }
  }

  /** {@code name} quoted for {@code db} by hand, as a user writing DDL would (H2 folds p1 to P1). */
  private static String quote(Database db, String name) {
    return switch (db.kind()) {
      case MARIADB -> '`' + name.replace("`", "``") + '`';
      case H2 -> new H2Spelling(true, false).quote(name);
      default -> '"' + name.replace("\"", "\"\"") + '"';
    };
  }

  private static void plain(Handle h, String sql) throws SQLException {
    try (Statement statement = h.getConnection().createStatement()) {
      statement.setEscapeProcessing(false);
      statement.execute(sql);
    }
  }

  private static List<String> plainRows(Handle h, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = h.getConnection().createStatement()) {
      statement.setEscapeProcessing(false);
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            values.add(rs.getString(i));
          }
          rows.add(String.join("|", values));
        }
      }
    }
    return rows;
  }
}
