package io.github.upserts;

/** What a single upsert did to the stored row. */
public enum Outcome {
  /** No row with the key existed; the row was inserted. */
  INSERTED,
  /** A row with the key existed; it was updated according to each column's merge policy. */
  UPDATED,
  /**
   * A row with the key existed and its {@link NewerWins @NewerWins} column was not older than
   * the incoming one, so the row was left untouched.
   */
  SKIPPED,
  /**
   * A row with the key existed and merging would not have changed any column, so nothing was
   * written (only with {@link Upsertable#skipUnchanged()}, or when no column can change: every
   * non-key column is {@link InsertOnly @InsertOnly}, or there is none).
   */
  UNCHANGED
}
