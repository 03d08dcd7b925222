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
  NEWER_WINS("the version: a conflict updates the row only when it is newer"),
  /** The stored value is kept unless it is {@code NULL}, which the incoming value fills. */
  FILL_IF_NULL("kept on conflict unless null, then filled"),
  /**
   * The column's {@link Column#expression()} of the stored and the incoming row, a SQL template
   * ({@link io.github.upserts.sql.Template}); Java cannot evaluate it, so rows of one batch with
   * the same key are written one round after another, never merged.
   */
  MERGE_WITH("merged by its SQL expression on conflict"),
  /**
   * The optimistic-locking version: an existing row is updated only when its stored value equals
   * the incoming one (nulls as zero), and then the column becomes the stored value plus one; a new
   * row takes the incoming value, or 1 for zero or null. At most one per table, not with
   * {@link #NEWER_WINS}.
   */
  VERSION("the optimistic-locking version: a conflict updates the row only when it equals the stored one, then adds 1");

  private final String description;

  MergePolicy(String description) {
    this.description = description;
  }

  /** What the policy does to a column, in a few words, e.g. for documentation. */
  public String description() {
    return description;
  }

  /**
   * Whether Java can merge two incoming values of the column as the database would write them
   * one after another (all but {@link #MERGE_WITH}, a SQL expression, and {@link #VERSION},
   * whose outcome depends on the stored row).
   */
  public boolean mergeableInJava() {
    return this != MERGE_WITH && this != VERSION;
  }

  /** Whether an update can change the column (all but {@link #INSERT_ONLY}). */
  public boolean mergedOnUpdate() {
    return this != INSERT_ONLY;
  }
}
