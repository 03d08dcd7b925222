package io.github.upserts.internal;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.UpsertsListener;
import io.github.upserts.dialect.Dialect;
import io.github.upserts.dialect.Table;
import io.github.upserts.exec.Outcomes;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Times a write and tells the handle's {@link UpsertsListener} about it. Used only when a listener
 * is set ({@link #listener}): without one, the DAO's call runs as it is, untimed. A listener that
 * throws is logged and ignored: the write goes on, and its own outcome or failure reaches the caller.
 */
final class Reporter {
  private static final System.Logger LOG = System.getLogger(UpsertsListener.class.getName());

  private Reporter() {}

  /** The handle's listener, or null: the one check the unreported path pays. */
  static UpsertsListener listener(Handle handle) {
    return handle.getConfig(Upserts.class).getListener().orElse(null);
  }

  /** Runs a single-row write, then reports it with the {@link Outcome} {@code outcome} reads from its result (or null). */
  static <R> R single(UpsertsListener listener, Handle handle, Table table, String operation, Supplier<R> work,
      Function<? super R, Outcome> outcome) {
    int retries = Outcomes.retries();
    long start = System.nanoTime();
    R result;
    try {
      result = work.get();
    } catch (Throwable e) {
      report(listener, handle, table, operation, null, null, retries, start, e);
      throw e;
    }
    report(listener, handle, table, operation, outcome.apply(result), null, retries, start, null);
    return result;
  }

  /** Runs a bulk write, telling the listener of each chunk the {@link Bulk} it is given, then reports it. */
  static BatchOutcome bulk(UpsertsListener listener, Handle handle, Table table, String operation,
      Function<Bulk, BatchOutcome> work) {
    int retries = Outcomes.retries();
    Bulk bulk = new Bulk(listener, table, operation);
    BatchOutcome result;
    try {
      result = work.apply(bulk);
    } catch (Throwable e) {
      report(listener, handle, table, operation, null, null, retries, bulk.start, e);
      throw e;
    }
    report(listener, handle, table, operation, null, result, retries, bulk.start, null);
    return result;
  }

  private static void report(UpsertsListener listener, Handle handle, Table table, String operation, Outcome outcome,
      BatchOutcome batch, int retriesBefore, long start, Throwable failure) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    UpsertsListener.Write write = new UpsertsListener.Write(table.entity(), table.displayName(), operation,
        dialect(handle), outcome, batch, Outcomes.retries() - retriesBefore, elapsed, failure);
    try {
      listener.written(write);
    } catch (RuntimeException e) {
      thrown(listener, "written", e);
    }
  }

  /** The dialect's name, or null when the call failed before one was known (its detection failed). */
  private static String dialect(Handle handle) {
    try {
      Upserts config = handle.getConfig(Upserts.class);
      Optional<Dialect> set = config.getDialect();
      return (set.isPresent() ? set.get() : config.dialectFor(handle)).name();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void thrown(UpsertsListener listener, String method, RuntimeException e) {
    LOG.log(System.Logger.Level.WARNING, "UpsertsListener " + listener.getClass().getName() + "." + method
        + " threw; the write goes on unaffected. Catch what the listener throws to silence this.", e);
  }

  /** The progress of one bulk call, told to the listener after each chunk ({@link Batches}). */
  static final class Bulk {
    private final UpsertsListener listener;
    private final Table table;
    private final String operation;
    private final long start = System.nanoTime();
    private long rows;
    private long chunks;

    Bulk(UpsertsListener listener, Table table, String operation) {
      this.listener = listener;
      this.table = table;
      this.operation = operation;
    }

    /** A chunk of {@code given} rows is written. */
    void chunk(long given) {
      rows += given;
      chunks++;
      try {
        listener.progress(new UpsertsListener.BulkProgress(table.entity(), table.displayName(), operation, rows, given, chunks,
            Duration.ofNanos(System.nanoTime() - start)));
      } catch (RuntimeException e) {
        thrown(listener, "progress", e);
      }
    }
  }
}
