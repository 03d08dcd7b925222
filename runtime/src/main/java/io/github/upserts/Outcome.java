package io.github.upserts;

/** What a single upsert did to the stored row. */
public enum Outcome {
  /** No row with the key existed; the row was inserted. */
  INSERTED,
  /** A row with the key existed; it was updated according to each column's merge policy. */
  UPDATED,
  /**
   * A row with the key existed and was left untouched: its {@link NewerWins @NewerWins} column was
   * not older than the incoming one, or the {@link Upsertable#updateWhen()} condition was not true.
   */
  SKIPPED,
  /**
   * A row with the key existed and its {@link Version @Version} differed from the version the
   * upsert carried: another writer updated it since the caller read it, so the row was left
   * untouched. Read the row again, and retry with its version.
   */
  STALE,
  /**
   * A row with the key existed and merging would not have changed any column, so nothing was
   * written (only with {@link Upsertable#skipUnchanged()}, or when no column can change: every
   * non-key column is {@link InsertOnly @InsertOnly}, or there is none).
   */
  UNCHANGED
}
