package io.github.upserts.exec;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.dialect.Column;
import io.github.upserts.dialect.Table;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.transaction.TransactionException;

/** How every dialect names what a write did, runs work atomically and retries a lost race. */
public final class Outcomes {
  private static final AtomicLong SAVEPOINTS = new AtomicLong();
  /** Per thread, the statements run again so far ({@link #retrying}); touched on a retry only. */
  private static final ThreadLocal<int[]> RETRIES = ThreadLocal.withInitial(() -> new int[1]);

  private Outcomes() {}

  /**
   * A batch of {@code rows} distinct keys of which the statement inserted and updated these; the
   * rest untouched, for the one reason {@link Table#untouchedOutcomes()} allows (a table that
   * allows more is written row by row, {@link Table#writtenRowByRow()}).
   */
  public static BatchOutcome batch(Table table, long rows, long inserted, long updated) {
    long untouched = rows - inserted - updated;
    java.util.Set<Outcome> reasons = table.untouchedOutcomes();
    Outcome reason = reasons.size() == 1 ? reasons.iterator().next() : Outcome.UNCHANGED;
    return new BatchOutcome(rows, 0, inserted, updated, reason == Outcome.SKIPPED ? untouched : 0,
        reason == Outcome.UNCHANGED ? untouched : 0, reason == Outcome.STALE ? untouched : 0, true);
  }

  /**
   * Two steps, all or nothing ({@link #atomically}): {@code insert} inserts the row unless its
   * key exists, which leaves an existing row locked for this transaction; only then {@code update}
   * runs the guarded update. Exact where the first step's lock keeps every other writer off the
   * row until the second (SQLite's single writer, H2's MERGE).
   *
   * @param insert true when it inserted
   * @param update true when it updated
   * @param untouched what an existing row left untouched reports ({@link TableStatements#untouched})
   */
  public static Outcome insertThenUpdate(Handle handle, Table table, Predicate<Handle> insert, Predicate<Handle> update,
      java.util.function.Function<Handle, Outcome> untouched) {
    return atomically(handle, h -> insert.test(h) ? Outcome.INSERTED
        : !table.merged().isEmpty() && update.test(h) ? Outcome.UPDATED : untouched.apply(h));
  }

  /**
   * Runs {@code work} all or nothing and returns its result: in a transaction of its own, or,
   * inside the handle's transaction, under a savepoint. Whatever {@code work} throws (any {@code
   * Throwable}, a checked exception thrown sneakily included) undoes everything it wrote, the
   * caller's earlier work excepted, and is rethrown as it is, so its SQLState (e.g. a
   * serialization failure or deadlock to retry) reaches the caller. When undoing fails too (the
   * connection is gone, or the database already rolled the whole transaction back, as InnoDB
   * does to a deadlock victim), that failure is added to it as suppressed.
   *
   * @throws TransactionException when the savepoint cannot be created or released, with the
   *     database's reason as its message and cause
   */
  public static <R> R atomically(Handle handle, HandleCallback<R, RuntimeException> work) {
    if (!handle.isInTransaction()) {
      // JDBI rolls back on any Throwable, adding a failed rollback to it as suppressed
      return handle.inTransaction(work);
    }
    String savepoint = "upserts_" + SAVEPOINTS.incrementAndGet();
    try {
      handle.savepoint(savepoint);
    } catch (TransactionException e) {
      throw failed("create savepoint " + savepoint + ", which undoes this call's writes if it fails", e);
    }
    R result;
    try {
      result = work.withHandle(handle);
    } catch (Throwable e) {
      try {
        handle.rollbackToSavepoint(savepoint);
      } catch (RuntimeException undo) {
        e.addSuppressed(undo instanceof TransactionException t
            ? failed("roll back to savepoint " + savepoint + " after the failure above", t) : undo);
      }
      throw e;
    }
    try {
      handle.releaseSavepoint(savepoint);
    } catch (TransactionException e) {
      throw failed("release savepoint " + savepoint + " after this call's writes", e);
    }
    return result;
  }

  /** JDBI says "Unable to create savepoint" whatever savepoint call failed: say which, and why. */
  private static TransactionException failed(String what, TransactionException e) {
    Throwable reason = e.getCause() == null ? e : e.getCause();
    return new TransactionException("Could not " + what + ": " + reason.getMessage(), reason);
  }

  /**
   * The error for a row that a write just wrote or found, but that a read by its key then did
   * not find: what was observed, its causes, and what to do.
   *
   * @param observed how the row was written, e.g. {@code "written or found in each of 5 attempts"}
   * @param concurrent whether a concurrent delete can be the cause (no lock held the row)
   */
  public static IllegalStateException notReadBack(Table table, String observed, boolean concurrent) {
    String keys = table.keys().stream().map(Column::name).collect(Collectors.joining(", "));
    return new IllegalStateException("The " + table.entity() + " row " + observed + " could not be"
        + " read back from " + table.displayName() + " by its key (" + keys + "): "
        + (concurrent ? "it was deleted concurrently, or " : "")
        + "the key as stored does not equal the key given (a key column that rounds, truncates,"
        + " pads or folds case, or a trigger that changes the key). Give key values as the column"
        + " stores them, or declare the key columns with types that keep them exactly"
        + (concurrent ? "; if rows are deleted concurrently, retry the call" : ""));
  }

  /**
   * Runs {@code work} again, up to {@code attempts} times in all, while it fails with an error
   * {@code retryable} accepts (e.g. a lost insert race, a deadlock victim).
   */
  public static <R> R retried(
      int attempts, Predicate<UnableToExecuteStatementException> retryable, Supplier<R> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (UnableToExecuteStatementException e) {
        if (attempt >= attempts || !retryable.test(e)) {
          throw e;
        }
        retrying();
      }
    }
  }

  /**
   * Counts one retry on this thread: a dialect calls it each time it runs a statement again
   * ({@link #retried} does), so that an {@link io.github.upserts.UpsertsListener} is told how
   * many times a write was retried.
   */
  public static void retrying() {
    RETRIES.get()[0]++;
  }

  /** The retries counted on this thread so far ({@link #retrying}): a write's are the difference. */
  public static int retries() {
    return RETRIES.get()[0];
  }
}
