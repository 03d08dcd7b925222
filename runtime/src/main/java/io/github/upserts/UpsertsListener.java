package io.github.upserts;

import java.time.Duration;

/**
 * Told about every write a generated DAO makes, and about the progress of its bulk calls: for
 * metrics, logs or a progress line. Set one on a {@code Jdbi} (every handle it opens after) or on
 * one handle:
 *
 * <pre>{@code
 * jdbi.getConfig(Upserts.class).setListener(new UpsertsListener() {
 *   public void progress(UpsertsListener.BulkProgress p) {
 *     System.out.printf("%s: %,d rows in %d chunks, %s%n", p.table(), p.rowsWritten(), p.chunks(), p.elapsed());
 *   }
 * });
 * }</pre>
 *
 * <p>Both methods do nothing unless overridden. They run on the writing thread, synchronously:
 * keep them quick, and thread-safe when the listener is shared. {@link #written} runs after the
 * write has returned or failed, so inside the caller's transaction when there is one (a write the
 * caller then rolls back was still reported); {@link #progress} runs inside the bulk call's
 * transaction, after each chunk. A listener that throws a {@link RuntimeException} neither fails
 * nor undoes the write: the exception is logged (at {@code WARNING}, through
 * {@link System#getLogger(String) System.Logger} {@code io.github.upserts.UpsertsListener}) and
 * the call goes on.
 *
 * <p>With no listener set (the default) no write is timed, and nothing is allocated for it.
 *
 * <p>The {@code upserts-micrometer} module has a listener that records Micrometer meters.
 *
 * @see Upserts#setListener
 */
public interface UpsertsListener {

  /**
   * One call of a generated DAO's write method has returned or failed.
   *
   * @param write what was written, how, and how it went
   */
  default void written(Write write) {}

  /**
   * A bulk call ({@code upsertAll}, {@code upsertAllReturning}, {@code incrementAll}) has written
   * one more chunk; called after each chunk, in the call's transaction (so its rows are not
   * committed yet, and are undone if a later chunk fails).
   *
   * @param progress how far the call has come
   */
  default void progress(BulkProgress progress) {}

  /**
   * One call of a generated DAO's write method, as {@link #written} is told about it.
   *
   * @param entity the entity's simple name, e.g. {@code PageView}
   * @param table the table, schema-qualified when a schema is set, e.g. {@code page_views}
   * @param operation the DAO method: {@code upsert}, {@code upsertReturning},
   *     {@code upsertReturningOutcome}, {@code insertIfAbsent}, {@code getOrInsert},
   *     {@code getOrInsertOutcome}, {@code increment} (every {@code increment<Column>} method),
   *     {@code upsertAll}, {@code upsertAllReturning} or {@code incrementAll}
   * @param dialect the {@link io.github.upserts.dialect.Dialect#name() dialect's name}, e.g.
   *     {@code PostgreSQL 17}; null when the call failed before a dialect was known
   * @param outcome what a single-row write did: every {@code upsert} and the {@code ...Outcome}
   *     methods report theirs, {@code insertIfAbsent} {@link Outcome#INSERTED INSERTED} or
   *     {@link Outcome#UNCHANGED UNCHANGED}; null for a bulk call, a failed one, and the methods
   *     that do not learn it ({@code upsertReturning}, {@code getOrInsert}, {@code increment})
   * @param batch what a bulk call did; null for a single-row write and a failed call
   * @param retries how many times the dialect ran a statement again after a lost race or a
   *     deadlock (H2 and MySQL/MariaDB retry a failed statement, PostgreSQL re-reads a row it
   *     could not see); 0 on most writes
   * @param elapsed the call's time on the wall clock, from entry to return or failure
   * @param failure what the call threw, which reaches the caller as it is; null on success
   */
  record Write(String entity, String table, String operation, String dialect, Outcome outcome,
      BatchOutcome batch, int retries, Duration elapsed, Throwable failure) {

    /** Whether the call returned normally. */
    public boolean succeeded() {
      return failure == null;
    }
  }

  /**
   * How far a bulk call has come, after one of its chunks.
   *
   * @param entity the entity's simple name
   * @param table the table, schema-qualified when a schema is set
   * @param operation {@code upsertAll}, {@code upsertAllReturning} or {@code incrementAll}
   * @param rowsWritten the rows given to the call that have been written so far (rows with one
   *     key merged into one count each, as {@link BatchOutcome#rows()} does)
   * @param chunkRows the rows given to the call that this chunk wrote (counted as {@code rowsWritten} is)
   * @param chunks the chunks written so far, this one included
   * @param elapsed the time since the call started
   */
  record BulkProgress(String entity, String table, String operation, long rowsWritten, long chunkRows, long chunks,
      Duration elapsed) {}
}
