package io.github.upserts.example;

import java.util.Locale;

/** Turns a {@link Result} into text a person reads at a glance. */
public final class Report {
  private Report() {}

  /**
   * Per page: expected, stored and lost views; then totals, errors, time and throughput.
   *
   * @return the lines, each ending with a newline
   */
  public static String table(Result r) {
    StringBuilder out = new StringBuilder();
    String row = "  %-12s %10s %10s %10s%n";
    out.append(format(row, "page", "expected", "stored", "lost"));
    for (Result.Row p : r.rows()) {
      out.append(format(row, p.page(), count(p.expected()), count(p.stored()), count(p.lost())));
    }
    out.append(format(row, "total", count(r.expected()), count(r.stored()), count(r.lost())));
    out.append(format("  errors: %s duplicate key, %s other    time: %.1f s, %s views/s%n",
        count(r.duplicateKeyErrors()), count(r.otherErrors()), r.elapsed().toNanos() / 1e9,
        count(Math.round(r.throughput()))));
    if (r.firstOtherError() != null) {
      out.append("  first other error: ").append(r.firstOtherError()).append(System.lineSeparator());
    }
    return out.toString();
  }

  /**
   * One line: "exact, 0 errors", or how many views were lost and how many failed.
   */
  public static String verdict(Result r) {
    StringBuilder line = new StringBuilder();
    if (r.exact()) {
      line.append(format("exact, 0 errors (%s views/s)", count(Math.round(r.throughput()))));
      return line.toString();
    }
    long lost = r.lost();
    if (lost > 0) {
      line.append(format("lost %s of %s updates (%s)", count(lost), count(r.expected()),
          percent(lost, r.expected())));
    } else if (lost < 0) {
      line.append(format("stored %s views more than the %s sent", count(-lost), count(r.expected())));
    } else {
      line.append(format("stored all %s views", count(r.expected())));
    }
    line.append(", ").append(plural(r.duplicateKeyErrors(), "duplicate-key error"));
    if (r.otherErrors() > 0) {
      line.append(", ").append(plural(r.otherErrors(), "other error"));
    }
    return line.toString();
  }

  /** {@code 16000} as {@code 16,000}, whatever the default locale. */
  static String count(long n) {
    return format("%,d", n);
  }

  private static String plural(long n, String noun) {
    return count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  private static String percent(long part, long whole) {
    double p = 100.0 * part / whole;
    return format(p < 1 ? "%.1f%%" : "%.0f%%", p);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
