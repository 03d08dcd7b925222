package io.github.upserts.example;

import java.time.Duration;
import java.util.List;

/**
 * What one workload did: per page, the views sent and the views stored; the failed views;
 * and how long it took.
 *
 * @param name what recorded the views
 * @param rows one per page
 * @param duplicateKeyErrors views that failed with a unique violation
 * @param otherErrors views that failed otherwise
 * @param firstOtherError the first of the other errors, or null
 * @param elapsed wall-clock time of the whole workload
 */
public record Result(
    String name,
    List<Row> rows,
    long duplicateKeyErrors,
    long otherErrors,
    String firstOtherError,
    Duration elapsed) {

  /**
   * One page: the views sent, the views the table holds.
   *
   * @param page the page
   * @param expected views sent
   * @param stored views stored
   */
  public record Row(String page, long expected, long stored) {
    /** Views sent but not stored (negative if more were stored than sent). */
    public long lost() {
      return expected - stored;
    }
  }

  /** All views sent. */
  public long expected() {
    return rows.stream().mapToLong(Row::expected).sum();
  }

  /** All views stored. */
  public long stored() {
    return rows.stream().mapToLong(Row::stored).sum();
  }

  /** All views lost: sent but not stored. */
  public long lost() {
    return expected() - stored();
  }

  /** Views that failed with an error of any kind. */
  public long errors() {
    return duplicateKeyErrors + otherErrors;
  }

  /** True when every page stores exactly the views sent to it and no view failed. */
  public boolean exact() {
    return errors() == 0 && rows.stream().allMatch(r -> r.lost() == 0);
  }

  /** Views recorded per second. */
  public double throughput() {
    return expected() / Math.max(elapsed.toNanos() / 1e9, 1e-9);
  }
}
