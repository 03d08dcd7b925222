package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.base.Throwables;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All or nothing, and the real error, under every fault: a bulk call that fails in any way
 * (a checked exception its stream throws sneakily, a backend terminated under it, a
 * serialization failure or deadlock) leaves nothing of its own behind in the caller's
 * transaction, and the caller catches the original error, a failed clean-up only suppressed.
 * A single write whose statement fails leaves nothing behind either (H2 keeps what a failing
 * query over a data change delta table wrote).
 */
class FaultToleranceTest {
  private static final String[] DDL = {
    "DROP TABLE IF EXISTS fault_rows",
    "CREATE TABLE fault_rows (id BIGINT NOT NULL PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0)",
    "DROP TABLE IF EXISTS fault_children",
    "DROP TABLE IF EXISTS fault_parents",
    "CREATE TABLE fault_parents (id BIGINT NOT NULL PRIMARY KEY)",
    "CREATE TABLE fault_children (id BIGINT NOT NULL PRIMARY KEY, label VARCHAR(100),"
        + " n BIGINT NOT NULL DEFAULT 0, FOREIGN KEY (id) REFERENCES fault_parents (id))",
    "INSERT INTO fault_parents (id) VALUES (1), (2)",
  };
  /** More rows than two chunks on every database. */
  private static final int ROWS = 20_000;
  private static final int FAILING_ROW = 12_345;

  private static Database sqlite;

  /** Every database, SQLite with foreign keys enforced (off by default). */
  static synchronized List<Database> databases() {
    if (sqlite == null) {
      sqlite = new Database("embedded SQLite", Kind.SQLITE,
          SqliteTestDatabase.jdbi("faults", config -> config.enforceForeignKeys(true)));
    }
    List<Database> databases = new ArrayList<>(TestDatabases.postgresDialects());
    databases.add(sqlite);
    databases.add(TestDatabases.h2());
    databases.addAll(TestDatabases.mariaDb());
    return databases;
  }

  /** The servers whose backend another connection can terminate: PostgreSQL and MariaDB. */
  static List<Database> servers() {
    List<Database> databases = new ArrayList<>(TestDatabases.all());
    databases.addAll(TestDatabases.mariaDb());
    return databases;
  }

  private static Handle open(Database db) {
    Handle handle = db.jdbi().open();
    for (String statement : DDL) {
      handle.execute(statement);
    }
    return handle;
  }

  private static long count(Database db, String table) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(long.class).one());
  }

  private static Stream<FaultRow> rows(int count) {
    return IntStream.range(0, count).mapToObj(i -> new FaultRow(i, 1));
  }

  /** Throws a checked exception where the compiler does not see it, as Kotlin and Lombok code can. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void fault_aCheckedExceptionThrownSneakilyByTheStreamUndoesTheWholeCall(Database db) {
    IOException thrown = new IOException("row " + FAILING_ROW + " could not be read");
    try (Handle h = open(db)) {
      Stream<FaultRow> failing = rows(ROWS).peek(row -> {
        if (row.id() == FAILING_ROW) {
          throw sneaky(thrown);
        }
      });
      h.useTransaction(tx -> {
        FaultRowUpserts.upsert(tx, new FaultRow(-1, 1));
        Throwable caught = assertThrows(Throwable.class, () -> FaultRowUpserts.upsertAll(tx, failing));
        // the caller catches it and commits: the bulk call's writes must be gone, theirs not
        assertThat(caught).isSameInstanceAs(thrown);
      });
      assertThat(count(db, "fault_rows")).isEqualTo(1);

      // and in a transaction of the call's own
      Throwable caught = assertThrows(Throwable.class, () -> FaultRowUpserts.incrementAll(h, rows(ROWS).peek(row -> {
        if (row.id() == FAILING_ROW) {
          throw sneaky(thrown);
        }
      })));
      assertThat(caught).isSameInstanceAs(thrown);
      assertThat(count(db, "fault_rows")).isEqualTo(1);
    }
  }

  /**
   * The backend of a caller's transaction is terminated between two chunks of a bulk call: the
   * caller catches the error of the statement that found the connection closed by the server,
   * not the failure to roll back to the savepoint on a connection that is gone.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void fault_aBackendTerminatedMidBulkShowsTheServersReason(Database db) {
    open(db).close();
    Handle h = db.jdbi().open();
    Throwable caught;
    try {
      h.begin();
      FaultRowUpserts.upsert(h, new FaultRow(-1, 1));
      long backend = backend(db, h);
      // after the first chunk (5,000 rows) was written, before the second one is
      Stream<FaultRow> rows = rows(ROWS).peek(row -> {
        if (row.id() == 7_000) {
          terminate(db, backend);
        }
      });
      caught = assertThrows(Throwable.class, () -> FaultRowUpserts.upsertAll(h, rows));
    } finally {
      abandon(h);
    }
    assertThat(caught).isInstanceOf(UnableToExecuteStatementException.class);
    assertClosedByTheServer(db, caught);
    for (Throwable cause : Throwables.getCausalChain(caught)) {
      assertWithMessage("a failed savepoint clean-up hides the error")
          .that(String.valueOf(cause.getMessage())).doesNotContainMatch("(?i)savepoint");
    }
    for (Throwable cleanup : caught.getSuppressed()) {
      // JDBI's text for every savepoint call, whichever failed
      assertThat(cleanup).hasMessageThat().doesNotContain("Unable to create savepoint");
    }
    assertThat(count(db, "fault_rows")).isEqualTo(0);
  }

  /** Terminated before the bulk call: the savepoint cannot be created, and the message says why. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void fault_aBackendTerminatedBeforeTheSavepointShowsTheServersReason(Database db) {
    open(db).close();
    Handle h = db.jdbi().open();
    Throwable caught;
    try {
      h.begin();
      FaultRowUpserts.upsert(h, new FaultRow(-1, 1));
      terminate(db, backend(db, h));
      caught = assertThrows(Throwable.class, () -> FaultRowUpserts.upsertAll(h, rows(10)));
    } finally {
      abandon(h);
    }
    assertClosedByTheServer(db, caught);
    Throwable reason = caught.getCause();
    assertThat(reason).isInstanceOf(SQLException.class);
    assertThat(caught).hasMessageThat().contains("savepoint");
    assertThat(caught).hasMessageThat().contains(reason.getMessage());
  }

  /**
   * PostgreSQL: a serialization failure (SQLSTATE 40001) inside a bulk call in the caller's
   * REPEATABLE READ transaction reaches the caller as the statement's own error, to be retried.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.upserts.it.TestDatabases#postgresDialects")
  void fault_aSerializationFailureInABulkCallKeepsItsSqlState(Database db) {
    try (Handle h = open(db); Handle rival = db.jdbi().open()) {
      FaultRowUpserts.upsertAll(h, rows(3));
      h.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
      try {
        h.begin();
        assertThat(count(h)).isEqualTo(3);
        FaultRowUpserts.upsert(rival, new FaultRow(1, 5));
        Throwable caught = assertThrows(Throwable.class, () -> FaultRowUpserts.upsertAll(h, rows(3)));
        assertThat(caught).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(sqlStates(caught)).contains("40001");
        h.rollback();
      } finally {
        h.setTransactionIsolationLevel(TransactionIsolationLevel.READ_COMMITTED);
      }
      assertThat(FaultRowUpserts.find(h, 1)).hasValue(new FaultRow(1, 6));
    }
  }

  /**
   * MariaDB: a bulk call in the caller's transaction chosen as a deadlock victim. InnoDB rolls
   * back the whole transaction, its savepoints with it: the caller still catches the deadlock
   * (error 1213, SQLSTATE 40001), the failed roll-back to the savepoint only suppressed.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("io.github.upserts.it.TestDatabases#mariaDb")
  void fault_aDeadlockInABulkCallKeepsItsSqlState(Database db) throws Exception {
    ExecutorService rivalThread = Executors.newSingleThreadExecutor();
    try (Handle h = open(db); Handle rival = db.jdbi().open()) {
      FaultRowUpserts.upsertAll(h, rows(3));
      long rivalId = backend(db, rival);
      h.begin();
      FaultRowUpserts.upsert(h, new FaultRow(1, 1));
      // the rival writes more (so InnoDB picks this lighter transaction as the victim), locks
      // row 2, then waits for row 1, which this transaction holds
      Future<?> rivalWork = rivalThread.submit(() -> rival.useTransaction(tx -> {
        FaultRowUpserts.upsertAll(tx, LongStream.range(100, 150).mapToObj(i -> new FaultRow(i, 1)).toList());
        FaultRowUpserts.upsert(tx, new FaultRow(2, 1));
        FaultRowUpserts.upsert(tx, new FaultRow(1, 1));
      }));
      awaitTrue("the rival to wait for row 1", () -> h.createQuery("SELECT COUNT(*) FROM"
              + " information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id = :id")
          .bind("id", rivalId).mapTo(long.class).one() == 1);
      Throwable caught = assertThrows(Throwable.class,
          () -> FaultRowUpserts.upsertAll(h, List.of(new FaultRow(2, 1), new FaultRow(3, 1))));
      h.rollback();
      rivalWork.get(60, TimeUnit.SECONDS);
      assertThat(caught).isInstanceOf(UnableToExecuteStatementException.class);
      assertThat(sqlStates(caught)).contains("40001");
      assertThat(Throwables.getRootCause(caught)).isInstanceOf(SQLException.class);
      assertThat(((SQLException) Throwables.getRootCause(caught)).getErrorCode()).isEqualTo(1213);
      assertThat(FaultRowUpserts.find(h, 1)).hasValue(new FaultRow(1, 2));
      assertThat(FaultRowUpserts.find(h, 3)).isEmpty();
    } finally {
      rivalThread.shutdownNow();
    }
  }

  /**
   * A write whose statement fails on a foreign key leaves nothing behind, in autocommit and in
   * the caller's transaction, which goes on (PostgreSQL aborts a transaction on any failed
   * statement, so there only autocommit is shown).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void fault_aWriteFailingOnAForeignKeyLeavesNothingBehind(Database db) {
    FaultChild orphan = new FaultChild(9, "orphan", 1);
    List<Write> writes = List.of(
        h -> FaultChildUpserts.upsert(h, orphan),
        h -> FaultChildUpserts.upsertReturning(h, orphan),
        h -> FaultChildUpserts.insertIfAbsent(h, orphan),
        h -> FaultChildUpserts.getOrInsert(h, orphan),
        h -> FaultChildUpserts.incrementN(h, 9, 1),
        h -> FaultChildUpserts.upsertAll(h, List.of(new FaultChild(1, "a", 1), orphan)),
        h -> FaultChildUpserts.incrementAll(h, List.of(new FaultChild(2, "b", 1), orphan)));
    try (Handle h = open(db)) {
      for (int i = 0; i < writes.size(); i++) {
        Write write = writes.get(i);
        assertThrows(UnableToExecuteStatementException.class, () -> write.to(h));
        assertWithMessage("rows left by write %s in autocommit", i).that(count(db, "fault_children")).isEqualTo(0);
        if (db.kind() != Kind.POSTGRES) {
          h.useTransaction(tx -> {
            FaultChildUpserts.upsert(tx, new FaultChild(1, "mine", 1));
            assertThrows(UnableToExecuteStatementException.class, () -> write.to(tx));
          });
          assertWithMessage("rows left by write %s in the caller's transaction", i)
              .that(count(db, "fault_children")).isEqualTo(1);
          h.execute("DELETE FROM fault_children");
        }
      }
    }
  }

  private interface Write {
    void to(Handle handle);
  }

  private static long count(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM fault_rows").mapTo(long.class).one();
  }

  private static List<String> sqlStates(Throwable thrown) {
    return Throwables.getCausalChain(thrown).stream()
        .filter(SQLException.class::isInstance).map(e -> ((SQLException) e).getSQLState()).toList();
  }

  /**
   * The connection's error says the server closed it: PostgreSQL's "terminating connection due
   * to administrator command" (57P01) or an I/O error (08006); MariaDB's "Connection was killed"
   * (70100) or a connection error (08xxx) whose message is not the driver's "closed" flag alone.
   */
  private static void assertClosedByTheServer(Database db, Throwable caught) {
    List<String> states = sqlStates(caught);
    if (db.kind() == Kind.POSTGRES) {
      assertWithMessage("SQLSTATEs of %s", caught).that(states).containsAnyOf("57P01", "08006");
    } else {
      assertWithMessage("SQLSTATEs of %s", caught).that(states.stream()
          .anyMatch(s -> s != null && (s.equals("70100") || s.startsWith("08")))).isTrue();
    }
  }

  private static long backend(Database db, Handle h) {
    String query = db.kind() == Kind.POSTGRES ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
    return h.createQuery(query).mapTo(long.class).one();
  }

  /** Terminates a backend from another connection, and waits until it is gone. */
  private static void terminate(Database db, long backend) {
    db.jdbi().useHandle(other -> {
      if (db.kind() == Kind.POSTGRES) {
        other.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", (int) backend).mapTo(boolean.class).one();
        awaitTrue("backend " + backend + " to exit", () -> other.createQuery(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = :pid").bind("pid", (int) backend).mapTo(long.class).one() == 0);
      } else {
        other.execute("KILL " + backend);
        awaitTrue("connection " + backend + " to be gone", () -> other.createQuery(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = :id").bind("id", backend).mapTo(long.class).one() == 0);
      }
    });
  }

  private interface Condition {
    boolean holds();
  }

  /**
   * Polls until {@code condition} holds, for at most 30 seconds; every 200 ms, since InnoDB
   * refreshes {@code INNODB_TRX} only when it was not read for 100 ms.
   */
  private static void awaitTrue(String what, Condition condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  /** Closes a handle whose connection may be gone, and its transaction with it. */
  private static void abandon(Handle h) {
    try {
      h.rollback();
    } catch (RuntimeException ignored) {
      // the connection is gone, and the transaction with it
    }
    try {
      h.close();
    } catch (RuntimeException ignored) {
      // same
    }
  }
}
