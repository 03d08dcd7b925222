package io.github.upserts.example;

import java.util.Locale;

/**
 * The example's command line: where the database is and how hard to hit it.
 *
 * @param url a {@code jdbc:postgresql://} URL, or null to start an embedded PostgreSQL
 * @param user the user for {@code url}, or null
 * @param password the password for {@code url}, or null
 * @param threads how many threads hit the table at the same time
 * @param ops how many page views each thread records
 * @param pages over how many pages (rows) the views are spread; fewer pages, more contention
 */
public record Options(String url, String user, String password, int threads, int ops, int pages) {

  /** What {@code --help} prints. */
  public static final String USAGE = """
      usage: Main [--url jdbc:postgresql://HOST/DB [--user U] [--password P]]
                  [--threads N] [--ops M] [--pages K]

        --url        a PostgreSQL server to use; without it an embedded PostgreSQL is started
        --user       user for --url
        --password   password for --url
        --threads    threads recording page views at the same time (default 8)
        --ops        page views each thread records, each in its own transaction (default 2000)
        --pages      pages the views are spread over; fewer means more contention (default 5)

      The table page_views is dropped and created again in that database.""";

  /** The defaults: 8 threads, 2,000 views each, over 5 pages, on an embedded PostgreSQL. */
  public static Options defaults() {
    return new Options(null, null, null, 8, 2_000, 5);
  }

  /**
   * Parses {@code args}.
   *
   * @return the options, or null when {@code --help} was asked for
   * @throws IllegalArgumentException on an unknown option, a missing or bad value
   */
  public static Options parse(String... args) {
    Options d = defaults();
    String url = d.url;
    String user = d.user;
    String password = d.password;
    int threads = d.threads;
    int ops = d.ops;
    int pages = d.pages;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        return null;
      }
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + name);
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--url" -> url = url(value);
        case "--user" -> user = value;
        case "--password" -> password = value;
        case "--threads" -> threads = positive(name, value);
        case "--ops" -> ops = positive(name, value);
        case "--pages" -> pages = positive(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (url == null && (user != null || password != null)) {
      throw new IllegalArgumentException("--user and --password need --url");
    }
    return new Options(url, user, password, threads, ops, pages);
  }

  /** How many page views the run records: threads × ops. */
  public long totalOps() {
    return (long) threads * ops;
  }

  private static String url(String value) {
    if (!value.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "--url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), not " + value);
    }
    return value;
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "%s must be a positive whole number, not %s", name, value));
  }
}
