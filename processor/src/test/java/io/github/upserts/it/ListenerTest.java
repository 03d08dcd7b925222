package io.github.upserts.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.UpsertsListener;
import io.github.upserts.UpsertsListener.BulkProgress;
import io.github.upserts.UpsertsListener.Write;
import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An {@link UpsertsListener} set on the {@link Upserts} config is told every write of a generated
 * DAO (operation, outcome, dialect, retries, time, failure) and the progress of bulk calls after
 * each chunk; a listener that throws changes nothing about the write.
 */
class ListenerTest {
  /** A database of its own on H2, so the retry test's rival sees no other test's rows. */
  private static final Database H2 = new Database("H2 (listener)", Kind.H2,
      Jdbi.create("jdbc:h2:mem:mtr_listener;DB_CLOSE_DELAY=-1"));

  /** H2, this JVM's embedded PostgreSQL, and MariaDB through both drivers when it is configured. */
  static List<Database> databases() {
    List<Database> databases = new ArrayList<>(List.of(H2, TestDatabases.embedded()));
    databases.addAll(TestDatabases.mariaDb());
    return databases;
  }

  private static void reset(Handle h) {
    h.execute("DROP TABLE IF EXISTS mtr_hits");
    h.execute("CREATE TABLE mtr_hits (name varchar(100) PRIMARY KEY, hits bigint NOT NULL DEFAULT 0, note varchar(100))");
  }

  /** Keeps what it is told, in order. */
  private static final class Recording implements UpsertsListener {
    final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    final List<BulkProgress> progress = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void written(Write write) {
      writes.add(write);
    }

    @Override
    public void progress(BulkProgress p) {
      progress.add(p);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void everySingleRowWriteIsReportedWithItsOperationOutcomeAndDialect(Database db) {
    try (Handle h = db.jdbi().open()) {
      reset(h);
      Recording listener = new Recording();
      h.getConfig(Upserts.class).setListener(listener);
      MtrHit a = new MtrHit("a", 1, null);
      MtrHitUpserts.upsert(h, a);
      MtrHitUpserts.upsert(h, a);
      MtrHitUpserts.upsert(h, a, MtrHitUpserts.Columns.NOTE);
      MtrHitUpserts.upsertReturning(h, a);
      MtrHitUpserts.upsertReturningOutcome(h, new MtrHit("b", 1, null));
      MtrHitUpserts.insertIfAbsent(h, a);
      MtrHitUpserts.insertIfAbsent(h, new MtrHit("c", 1, null));
      MtrHitUpserts.getOrInsert(h, a);
      MtrHitUpserts.getOrInsertOutcome(h, new MtrHit("d", 1, null));
      MtrHitUpserts.incrementHits(h, "a", 5);
      MtrHitUpserts.find(h, "a"); // a read: not reported

      assertThat(listener.writes.stream().map(w -> w.operation() + " " + w.outcome()).toList()).containsExactly(
          "upsert INSERTED", "upsert UPDATED", "upsert UPDATED", "upsertReturning null", "upsertReturningOutcome INSERTED",
          "insertIfAbsent UNCHANGED", "insertIfAbsent INSERTED", "getOrInsert null", "getOrInsertOutcome INSERTED",
          "increment null").inOrder();
      String dialect = Upserts.dialect(h).name();
      for (Write write : listener.writes) {
        assertThat(write.entity()).isEqualTo("MtrHit");
        assertThat(write.table()).isEqualTo("mtr_hits");
        assertThat(write.dialect()).isEqualTo(dialect);
        assertThat(write.batch()).isNull();
        assertThat(write.retries()).isEqualTo(0);
        assertThat(write.elapsed()).isGreaterThan(Duration.ZERO);
        assertThat(write.failure()).isNull();
        assertThat(write.succeeded()).isTrue();
      }
      assertThat(listener.progress).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBulkCallReportsProgressAfterEachChunkThenItsBatchOutcome(Database db) {
    try (Handle h = db.jdbi().open()) {
      reset(h);
      MtrHitUpserts.upsert(h, new MtrHit("k00007", 1, null)); // one key exists: updated, not inserted
      Recording listener = new Recording();
      h.getConfig(Upserts.class).setListener(listener);
      int chunk = Upserts.dialect(h).render(MtrHitUpserts.table(), null).batchRows();
      int rows = chunk * 2 + chunk / 2;
      List<MtrHit> given = IntStream.range(0, rows).mapToObj(i -> new MtrHit(String.format("k%05d", i), 1, null)).toList();

      BatchOutcome outcome = MtrHitUpserts.upsertAll(h, given);

      assertThat(outcome.inserted()).isEqualTo(rows - 1);
      assertThat(outcome.updated()).isEqualTo(1);
      assertThat(listener.progress.stream().map(p -> p.rowsWritten() + "/" + p.chunks() + " +" + p.chunkRows()).toList())
          .containsExactly(chunk + "/1 +" + chunk, 2 * chunk + "/2 +" + chunk, rows + "/3 +" + (rows - 2 * chunk)).inOrder();
      for (BulkProgress p : listener.progress) {
        assertThat(p.entity()).isEqualTo("MtrHit");
        assertThat(p.table()).isEqualTo("mtr_hits");
        assertThat(p.operation()).isEqualTo("upsertAll");
      }
      assertThat(listener.progress.get(2).elapsed()).isAtLeast(listener.progress.get(0).elapsed());
      Write write = listener.writes.get(0);
      assertThat(listener.writes).hasSize(1);
      assertThat(write.operation()).isEqualTo("upsertAll");
      assertThat(write.batch()).isEqualTo(outcome);
      assertThat(write.outcome()).isNull();
      assertThat(write.dialect()).isEqualTo(Upserts.dialect(h).name());
      assertThat(write.elapsed()).isAtLeast(listener.progress.get(2).elapsed());

      // a stream, and the other bulk methods, report under their own names
      listener.writes.clear();
      listener.progress.clear();
      MtrHitUpserts.incrementAll(h, given.stream().limit(3));
      List<MtrHit> stored = new ArrayList<>();
      MtrHitUpserts.upsertAllReturning(h, Stream.of(new MtrHit("z", 1, null)), stored::add);
      assertThat(listener.writes.stream().map(w -> w.operation() + " " + w.batch().rows()).toList())
          .containsExactly("incrementAll 3", "upsertAllReturning 1").inOrder();
      assertThat(listener.progress.stream().map(p -> p.operation() + " " + p.rowsWritten() + "/" + p.chunks()).toList())
          .containsExactly("incrementAll 3/1", "upsertAllReturning 1/1").inOrder();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFailedWriteIsReportedWithItsFailureWhichStillReachesTheCaller(Database db) {
    try (Handle h = db.jdbi().open()) {
      reset(h);
      Recording listener = new Recording();
      h.getConfig(Upserts.class).setListener(listener);
      IllegalArgumentException nullKey = assertThrows(IllegalArgumentException.class,
          () -> MtrHitUpserts.upsert(h, new MtrHit(null, 1, null)));
      h.execute("DROP TABLE mtr_hits");
      RuntimeException noTable = assertThrows(RuntimeException.class,
          () -> MtrHitUpserts.upsertAll(h, List.of(new MtrHit("x", 1, null))));

      assertThat(listener.writes).hasSize(2);
      assertThat(listener.writes.get(0).operation()).isEqualTo("upsert");
      assertThat(listener.writes.get(0).failure()).isSameInstanceAs(nullKey);
      assertThat(listener.writes.get(0).succeeded()).isFalse();
      assertThat(listener.writes.get(0).outcome()).isNull();
      assertThat(listener.writes.get(1).operation()).isEqualTo("upsertAll");
      assertThat(listener.writes.get(1).failure()).isSameInstanceAs(noTable);
      assertThat(listener.writes.get(1).batch()).isNull();
      assertThat(listener.progress).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aListenerThatThrowsNeitherFailsNorUndoesTheWrite(Database db) {
    try (Handle h = db.jdbi().open()) {
      reset(h);
      List<String> told = new ArrayList<>();
      h.getConfig(Upserts.class).setListener(new UpsertsListener() {
        @Override
        public void written(Write write) {
          told.add(write.operation());
          throw new IllegalStateException("a broken listener");
        }

        @Override
        public void progress(BulkProgress progress) {
          told.add("progress");
          throw new IllegalStateException("a broken listener");
        }
      });
      assertThat(MtrHitUpserts.upsert(h, new MtrHit("a", 1, null))).isEqualTo(Outcome.INSERTED);
      BatchOutcome bulk = MtrHitUpserts.upsertAll(h, List.of(new MtrHit("b", 1, null), new MtrHit("c", 1, null)));
      assertThat(bulk.inserted()).isEqualTo(2);
      h.begin();
      MtrHitUpserts.upsertAll(h, List.of(new MtrHit("d", 1, null)));
      h.commit();

      assertThat(told).containsExactly("upsert", "progress", "upsertAll", "progress", "upsertAll").inOrder();
      assertThat(h.createQuery("SELECT COUNT(*) FROM mtr_hits").mapTo(Long.class).one()).isEqualTo(4L);
    }
  }

  @Test
  void theListenerFollowsTheConfigSetOnAJdbiOrOneHandleAndIsRemovedWithNull() {
    Jdbi jdbi = Jdbi.create("jdbc:h2:mem:mtr_listener_config;DB_CLOSE_DELAY=-1");
    Recording onJdbi = new Recording();
    Recording onHandle = new Recording();
    jdbi.getConfig(Upserts.class).setListener(onJdbi);
    try (Handle first = jdbi.open(); Handle second = jdbi.open()) {
      reset(first);
      second.getConfig(Upserts.class).setListener(onHandle);
      MtrHitUpserts.upsert(first, new MtrHit("a", 1, null));
      MtrHitUpserts.upsert(second, new MtrHit("b", 1, null));
      second.getConfig(Upserts.class).setListener(null);
      MtrHitUpserts.upsert(second, new MtrHit("c", 1, null));
      assertThat(second.getConfig(Upserts.class).getListener()).isEmpty();
    }
    assertThat(onJdbi.writes.stream().map(Write::outcome).toList()).containsExactly(Outcome.INSERTED);
    assertThat(onHandle.writes.stream().map(Write::outcome).toList()).containsExactly(Outcome.INSERTED);
    assertThat(new Upserts().getListener()).isEmpty();
  }

  /**
   * H2's insert-if-absent MERGE loses the insert race to a rival that commits while it waits, and
   * the H2 dialect runs it again ({@code H2RetryTest}): the listener is told of that one retry.
   */
  @Test
  void aRetryAfterALostInsertRaceIsCounted() throws Exception {
    Jdbi jdbi = H2.jdbi();
    try (Handle rival = jdbi.open(); Handle writer = jdbi.open()) {
      reset(rival);
      Recording listener = new Recording();
      writer.getConfig(Upserts.class).setListener(listener);
      MtrHitUpserts.upsert(writer, new MtrHit("warm", 1, null)); // renders before the race
      rival.begin();
      MtrHitUpserts.upsert(rival, new MtrHit("raced", 1, null));
      List<Boolean> result = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch done = new CountDownLatch(1);
      Thread thread = new Thread(() -> {
        result.add(MtrHitUpserts.insertIfAbsent(writer, new MtrHit("raced", 1, null)));
        done.countDown();
      });
      thread.start();
      assertWithMessage("the writer should wait for the rival").that(done.await(300, TimeUnit.MILLISECONDS)).isFalse();
      rival.commit();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(result).containsExactly(false);
      assertThat(listener.writes.stream().map(w -> w.outcome() + " " + w.retries()).toList())
          .containsExactly("INSERTED 0", "UNCHANGED 1").inOrder();
      assertThat(listener.writes.get(1).elapsed()).isAtLeast(Duration.ofMillis(300));
    }
  }
}
