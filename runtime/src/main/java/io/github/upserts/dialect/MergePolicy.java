package io.github.upserts.dialect;

/** How an upsert that meets an existing row merges one incoming non-key column into it. */
public enum MergePolicy {
  /** The incoming value replaces the stored one. */
  OVERWRITE,
  /** The stored value grows by the incoming one; {@code NULL} on either side counts as zero. */
  INCREMENT,
  /** Written on insert only; an update never changes it. */
  INSERT_ONLY,
  /** The incoming value replaces the stored one unless it is {@code NULL}. */
  COALESCE,
  /** The larger of stored and incoming; {@code NULL} on either side keeps the other. */
  MAX,
  /** The smaller of stored and incoming; {@code NULL} on either side keeps the other. */
  MIN,
  /**
   * The version column: the row is updated only when the incoming value is greater than the
   * stored one (a stored {@code NULL} always loses, an incoming {@code NULL} never wins), and
   * then it is overwritten like every {@link #OVERWRITE} column. At most one per table.
   */
  NEWER_WINS;

  /** Whether an update can change the column (all but {@link #INSERT_ONLY}). */
  public boolean mergedOnUpdate() {
    return this != INSERT_ONLY;
  }
}
