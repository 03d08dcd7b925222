package io.github.upserts;

/**
 * What a bulk upsert did, counted per distinct key written in each chunk: rows with the same
 * key in one chunk are merged into one first (by each column's policy), and {@link #merged()}
 * counts the rows folded away that way. A key met again in a later chunk (a stream, or a
 * collection the call could not put in key order as a whole) is written again there: inserted
 * by the first chunk, counted as updated (or skipped, unchanged) by the next.
 *
 * @param rows the rows the call was given
 * @param merged rows merged into another row with the same key before writing
 * @param inserted keys that had no row and were inserted
 * @param updated existing rows that were updated
 * @param skipped existing rows left untouched because their {@link NewerWins @NewerWins} column
 *     was not older than the incoming one
 * @param unchanged existing rows left untouched because nothing would have changed
 * @param stale existing rows left untouched because their {@link Version @Version} was not the
 *     one the row carried (another writer updated them since they were read)
 * @param exact whether the database reported each of these exactly; when false, the counts are
 *     the dialect's best reading (the dialect's Javadoc says which it cannot tell apart, e.g.
 *     MySQL's with an {@code AUTO_INCREMENT} column counts every key as {@link #updated()})
 */
public record BatchOutcome(
    long rows, long merged, long inserted, long updated, long skipped, long unchanged, long stale, boolean exact) {

  /** Nothing given, nothing done. */
  public static final BatchOutcome EMPTY = new BatchOutcome(0, 0, 0, 0, 0, 0, 0, true);

  /** The counts of an entity without a {@link Version @Version} column: none stale. */
  public BatchOutcome(long rows, long merged, long inserted, long updated, long skipped, long unchanged, boolean exact) {
    this(rows, merged, inserted, updated, skipped, unchanged, 0, exact);
  }

  /** The outcome of one row written alone: one of each count, by {@code outcome}. */
  public static BatchOutcome of(Outcome outcome) {
    return new BatchOutcome(1, 0, outcome == Outcome.INSERTED ? 1 : 0, outcome == Outcome.UPDATED ? 1 : 0,
        outcome == Outcome.SKIPPED ? 1 : 0, outcome == Outcome.UNCHANGED ? 1 : 0, outcome == Outcome.STALE ? 1 : 0, true);
  }

  /** The distinct keys written: {@code rows - merged}. */
  public long keys() {
    return rows - merged;
  }

  /** The same counts, marked as not exact. */
  public BatchOutcome inexact() {
    return new BatchOutcome(rows, merged, inserted, updated, skipped, unchanged, stale, false);
  }

  /** This outcome and {@code other} added up, e.g. over the chunks of one call. */
  public BatchOutcome plus(BatchOutcome other) {
    return new BatchOutcome(
        rows + other.rows,
        merged + other.merged,
        inserted + other.inserted,
        updated + other.updated,
        skipped + other.skipped,
        unchanged + other.unchanged,
        stale + other.stale,
        exact && other.exact);
  }
}
