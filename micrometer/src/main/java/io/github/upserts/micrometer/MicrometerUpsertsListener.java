package io.github.upserts.micrometer;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Upserts;
import io.github.upserts.UpsertsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * Records the writes and bulk progress of generated Upserts DAOs as Micrometer meters. Set it on
 * the {@link Upserts} config of a {@code Jdbi}:
 *
 * <pre>{@code
 * jdbi.getConfig(Upserts.class).setListener(new MicrometerUpsertsListener(registry));
 * }</pre>
 *
 * <p>The meters, each tagged {@code entity} (the entity's simple name), {@code table} (the table,
 * schema-qualified when a schema is set) and {@code operation} (the DAO method, see
 * {@link UpsertsListener.Write#operation()}), plus the tags listed:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type, unit</th><th>more tags</th><th>counts</th></tr>
 *   <tr><td>{@code upserts.writes}</td><td>counter, calls</td>
 *     <td>{@code dialect}, {@code outcome}, {@code exception}</td>
 *     <td>every call of a write method. {@code outcome}: {@code inserted}, {@code updated},
 *     {@code skipped}, {@code stale} or {@code unchanged} where the method tells it (every
 *     {@code upsert}, the {@code ...Outcome} methods, {@code insertIfAbsent}); {@code written} for
 *     a call that succeeded without telling it (a bulk call, {@code upsertReturning},
 *     {@code getOrInsert}, {@code increment}); {@code failed} for a call that threw.
 *     {@code exception}: the simple class name of what it threw, {@code none} on success</td></tr>
 *   <tr><td>{@code upserts.write.duration}</td><td>timer, seconds</td><td>{@code dialect}</td>
 *     <td>each call's time on the wall clock, from entry to return or failure</td></tr>
 *   <tr><td>{@code upserts.retries}</td><td>counter, retries</td><td>{@code dialect}</td>
 *     <td>statements the dialect ran again after a lost race or a deadlock
 *     ({@link UpsertsListener.Write#retries()})</td></tr>
 *   <tr><td>{@code upserts.bulk.rows}</td><td>counter, rows</td><td>{@code outcome}</td>
 *     <td>the rows of each bulk call that returned, by what happened to them: {@code inserted},
 *     {@code updated}, {@code skipped}, {@code unchanged}, {@code stale} (distinct keys, as
 *     {@link BatchOutcome} counts them) and {@code merged} (rows folded into another row with the
 *     same key before writing)</td></tr>
 *   <tr><td>{@code upserts.bulk.chunks}</td><td>counter, chunks</td><td></td>
 *     <td>chunks written by bulk calls, counted as each is written</td></tr>
 *   <tr><td>{@code upserts.bulk.rows.written}</td><td>counter, rows</td><td></td>
 *     <td>rows given to bulk calls, counted as each chunk is written: it moves while a long call
 *     runs (and counts a failed call's chunks too, though their rows were undone)</td></tr>
 * </table>
 *
 * <p>{@code dialect} is the dialect's name (e.g. {@code PostgreSQL 17}, {@code H2}), or
 * {@code unknown} when a call failed before its dialect was known. The listener holds no state
 * of its own and is thread-safe; one instance serves every {@code Jdbi} and handle.
 */
public final class MicrometerUpsertsListener implements UpsertsListener {
  /** Counter of write calls. */
  public static final String WRITES = "upserts.writes";
  /** Timer of write calls. */
  public static final String WRITE_DURATION = "upserts.write.duration";
  /** Counter of retried statements. */
  public static final String RETRIES = "upserts.retries";
  /** Counter of bulk calls' rows, by outcome. */
  public static final String BULK_ROWS = "upserts.bulk.rows";
  /** Counter of bulk calls' chunks, as they are written. */
  public static final String BULK_CHUNKS = "upserts.bulk.chunks";
  /** Counter of bulk calls' rows, as their chunks are written. */
  public static final String BULK_ROWS_WRITTEN = "upserts.bulk.rows.written";

  private final MeterRegistry registry;

  /**
   * A listener recording into {@code registry}.
   *
   * @param registry where the meters are registered, on first use
   */
  public MicrometerUpsertsListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void written(Write write) {
    Tags call = Tags.of("entity", write.entity(), "table", write.table(), "operation", write.operation());
    Tags dialect = call.and("dialect", write.dialect() == null ? "unknown" : write.dialect());
    String outcome = write.failure() != null ? "failed"
        : write.outcome() != null ? write.outcome().name().toLowerCase(Locale.ROOT) : "written";
    String exception = write.failure() == null ? "none" : write.failure().getClass().getSimpleName();
    Counter.builder(WRITES).description("Calls of the write methods of generated Upserts DAOs").baseUnit("calls")
        .tags(dialect).tag("outcome", outcome).tag("exception", exception).register(registry).increment();
    Timer.builder(WRITE_DURATION).description("Time of the write methods of generated Upserts DAOs")
        .tags(dialect).register(registry).record(write.elapsed());
    if (write.retries() > 0) {
      retries(dialect).increment(write.retries());
    }
    BatchOutcome batch = write.batch();
    if (batch != null) {
      bulkRows(call, "inserted", batch.inserted());
      bulkRows(call, "updated", batch.updated());
      bulkRows(call, "skipped", batch.skipped());
      bulkRows(call, "unchanged", batch.unchanged());
      bulkRows(call, "stale", batch.stale());
      bulkRows(call, "merged", batch.merged());
    }
  }

  private Counter retries(Tags dialect) {
    return Counter.builder(RETRIES).description("Statements Upserts ran again after a lost race or a deadlock")
        .baseUnit("retries").tags(dialect).register(registry);
  }

  private void bulkRows(Tags call, String outcome, long rows) {
    // registered even at 0, so every outcome shows from the first call on
    Counter.builder(BULK_ROWS).description("Rows of Upserts bulk calls, by outcome").baseUnit("rows")
        .tags(call).tag("outcome", outcome).register(registry).increment(rows);
  }

  @Override
  public void progress(BulkProgress progress) {
    Tags call = Tags.of("entity", progress.entity(), "table", progress.table(), "operation", progress.operation());
    Counter.builder(BULK_CHUNKS).description("Chunks written by Upserts bulk calls").baseUnit("chunks")
        .tags(call).register(registry).increment();
    Counter.builder(BULK_ROWS_WRITTEN).description("Rows of Upserts bulk calls, as their chunks are written")
        .baseUnit("rows").tags(call).register(registry).increment(progress.chunkRows());
  }
}
