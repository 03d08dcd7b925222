package io.github.upserts.dialect;

/**
 * How an upsert that meets an existing row merges one incoming non-key column into it. What each
 * policy does in SQL is written once, in {@link io.github.upserts.sql.UpsertPlan#merge}.
 */
public enum MergePolicy {
  /** The incoming value replaces the stored one. */
  OVERWRITE("overwritten on conflict"),
  /** The stored value grows by the incoming one; {@code NULL} on either side counts as zero. */
  INCREMENT("incremented on conflict"),
  /** Written on insert only; an update never changes it. */
  INSERT_ONLY("written on insert only"),
  /** The incoming value replaces the stored one unless it is {@code NULL}. */
  COALESCE("overwritten on conflict unless the new value is null"),
  /** The larger of stored and incoming; {@code NULL} on either side keeps the other. */
  MAX("keeps the larger value"),
  /** The smaller of stored and incoming; {@code NULL} on either side keeps the other. */
  MIN("keeps the smaller value"),
  /**
   * The version column: the row is updated only when the incoming value is greater than the
   * stored one (a stored {@code NULL} always loses, an incoming {@code NULL} never wins), and
   * then it is overwritten like every {@link #OVERWRITE} column. At most one per table.
   */
  NEWER_WINS("the version: a conflict updates the row only when it is newer");

  private final String description;

  MergePolicy(String description) {
    this.description = description;
  }

  /** What the policy does to a column, in a few words, e.g. for documentation. */
  public String description() {
    return description;
  }

  /** Whether an update can change the column (all but {@link #INSERT_ONLY}). */
  public boolean mergedOnUpdate() {
    return this != INSERT_ONLY;
  }
}
