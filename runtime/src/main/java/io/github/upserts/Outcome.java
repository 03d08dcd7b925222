package io.github.upserts;

/** What a single upsert did to the stored row. */
public enum Outcome {
  /** No row with the key existed; the row was inserted. */
  INSERTED,
  /** A row with the key existed; it was updated according to each column's merge policy. */
  UPDATED
}
