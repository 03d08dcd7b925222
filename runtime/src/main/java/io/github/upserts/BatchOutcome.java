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
 * @param exact whether the database reported each of these exactly; when false, the counts are
 *     the dialect's best reading (the dialect's Javadoc says which it cannot tell apart, e.g.
 *     MySQL's with an {@code AUTO_INCREMENT} column counts every key as {@link #updated()})
 */
public record BatchOutcome(
    long rows, long merged, long inserted, long updated, long skipped, long unchanged, boolean exact) {

  /** Nothing given, nothing done. */
  public static final BatchOutcome EMPTY = new BatchOutcome(0, 0, 0, 0, 0, 0, true);

  /** The distinct keys written: {@code rows - merged}. */
  public long keys() {
    return rows - merged;
  }

  /** The same counts, marked as not exact. */
  public BatchOutcome inexact() {
    return new BatchOutcome(rows, merged, inserted, updated, skipped, unchanged, false);
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
        exact && other.exact);
  }
}
