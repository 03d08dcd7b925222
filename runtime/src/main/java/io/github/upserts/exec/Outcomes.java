package io.github.upserts.exec;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.dialect.Table;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** How every dialect names what a write did, runs work atomically and retries a lost race. */
public final class Outcomes {
  private Outcomes() {}

  /**
   * The outcome of an upsert that met an existing row and wrote nothing: the update's guard was
   * false, or there was nothing to update. With a version column a passing check always changes
   * that column, so nothing written means the check failed: {@code SKIPPED}; else {@code UNCHANGED}.
   */
  public static Outcome untouched(Table table) {
    return table.version().isPresent() ? Outcome.SKIPPED : Outcome.UNCHANGED;
  }

  /** A batch of {@code rows} distinct keys of which the statement inserted and updated these; the rest untouched. */
  public static BatchOutcome batch(Table table, long rows, long inserted, long updated) {
    long untouched = rows - inserted - updated;
    boolean versioned = table.version().isPresent();
    return new BatchOutcome(rows, 0, inserted, updated,
        versioned ? untouched : 0, versioned ? 0 : untouched, true);
  }

  /**
   * Two steps in one transaction (the handle's, or one of its own): {@code insert} inserts the
   * row unless its key exists, which leaves an existing row locked for this transaction; only
   * then {@code update} runs the guarded update. Exact where the first step's lock keeps every
   * other writer off the row until the second (SQLite's single writer, H2's MERGE).
   *
   * @param insert true when it inserted
   * @param update true when it updated
   */
  public static Outcome insertThenUpdate(
      Handle handle, Table table, Predicate<Handle> insert, Predicate<Handle> update) {
    return atomically(handle, h -> insert.test(h) ? Outcome.INSERTED
        : !table.merged().isEmpty() && update.test(h) ? Outcome.UPDATED : untouched(table));
  }

  /** Runs {@code work} in the handle's transaction, or else in one of its own. */
  public static <R> R atomically(Handle handle, HandleCallback<R, RuntimeException> work) {
    return handle.isInTransaction() ? work.withHandle(handle) : handle.inTransaction(work);
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
      }
    }
  }
}
