package io.github.upserts.dialect;

/** How an upsert that meets an existing row merges one incoming non-key column into it. */
public enum MergePolicy {
  /** The incoming value replaces the stored one. */
  OVERWRITE,
  /** The stored value grows by the incoming one; {@code NULL} on either side counts as zero. */
  INCREMENT
}
