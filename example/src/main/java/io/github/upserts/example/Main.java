package io.github.upserts.example;

import io.github.upserts.BatchOutcome;
import io.github.upserts.Outcome;
import io.github.upserts.Upserts;
import io.github.upserts.UpsertsListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;

/**
 * The problem Upserts exists for, run live: many threads "update or create" the same few rows.
 * The hand-rolled read-then-write loses updates and trips over duplicate keys; the generated
 * {@code PageViewUpserts.incrementViews}, one atomic statement, counts every view.
 *
 * <p>Runs on an embedded PostgreSQL unless {@code --url} names a server; see {@link Options}.
 * Exit code 0 when the generated DAO stored every view exactly, 1 when it did not (a bug),
 * 2 on bad arguments or when the database could not be used.
 */
public final class Main {
  private static final List<String> PAGE_NAMES =
      List.of("/home", "/pricing", "/docs", "/blog", "/about");
  /** Rows of the backfill's single bulk call: 1,000 archived pages over 200 past days. */
  static final int BACKFILL_ROWS = 200_000;

  private Main() {}

  /** Parses the arguments, runs the example, and exits non-zero when the generated DAO was not exact. */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(Options.USAGE);
      return;
    }
    int exitCode;
    try {
      exitCode = run(options);
    } catch (RuntimeException e) {
      System.out.println();
      System.err.println("error: " + e.getMessage());
      e.printStackTrace();
      exitCode = 2;
    }
    if (exitCode != 0) {
      System.exit(exitCode); // only when failing: a plain return keeps `mvn exec:java` tidy
    }
  }

  /** Runs the example on the database {@code options} name, starting an embedded one if none. */
  static int run(Options options) {
    if (options.url() != null) {
      Properties login = new Properties();
      if (options.user() != null) {
        login.setProperty("user", options.user());
      }
      if (options.password() != null) {
        login.setProperty("password", options.password());
      }
      Jdbi jdbi = Jdbi.create(options.url(), login);
      System.out.println("Using " + serverVersion(jdbi) + " at " + options.url());
      return run(jdbi, options);
    }
    System.out.print("Starting embedded PostgreSQL ... ");
    System.out.flush();
    long start = System.nanoTime();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      Jdbi jdbi = Jdbi.create(pg.getPostgresDatabase());
      System.out.printf(Locale.ROOT, "ready in %.1f s (%s)%n",
          (System.nanoTime() - start) / 1e9, serverVersion(jdbi));
      return run(jdbi, options);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL failed: " + e.getMessage(), e);
    }
  }

  private static int run(Jdbi jdbi, Options options) {
    LocalDate today = LocalDate.now();
    createTable(jdbi);
    tour(jdbi, today);
    backfill(jdbi, today);

    System.out.printf(Locale.ROOT,
        "%nThe race: %d threads x %s page views over %d pages, each view its own transaction%n%n",
        options.threads(), Report.count(options.ops()), options.pages());
    Workload workload = new Workload(jdbi, options, pages(options.pages()), today);

    Result naive = workload.run("naive read-then-write", NaiveReadThenWrite::hit);
    System.out.println(Report.table(naive));

    // No explicit transaction: a single statement in auto-commit mode is its own transaction.
    Result generated = workload.run("PageViewUpserts.incrementViews",
        (h, page, day) -> PageViewUpserts.incrementViews(h, page, day, 1));
    System.out.println(Report.table(generated));

    System.out.println("Verdict");
    System.out.printf("  %-32s %s%n", naive.name() + ":", Report.verdict(naive));
    System.out.printf("  %-32s %s%n", generated.name() + ":", Report.verdict(generated));
    if (!generated.exact()) {
      System.out.println("  The generated DAO must never lose an update: this is a bug in Upserts.");
      return 1;
    }
    return 0;
  }

  private static void createTable(Jdbi jdbi) {
    jdbi.useHandle(h -> {
      h.execute("DROP TABLE IF EXISTS page_views");
      h.execute("""
          CREATE TABLE page_views (
            page      text   NOT NULL,
            day       date   NOT NULL,
            views     bigint NOT NULL DEFAULT 0,
            last_seen timestamptz,
            PRIMARY KEY (page, day))""");
    });
  }

  /** One row through the generated DAO, one method at a time. */
  private static void tour(Jdbi jdbi, LocalDate today) {
    System.out.println();
    System.out.println("One row through the generated PageViewUpserts (today is " + today + "):");
    jdbi.useHandle(h -> {
      PageView view = new PageView("/signup", today, 1, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      Outcome first = PageViewUpserts.upsert(h, view);
      Outcome second = PageViewUpserts.upsert(h, view);
      long total = PageViewUpserts.incrementViews(h, "/signup", today, 5);
      boolean inserted = PageViewUpserts.insertIfAbsent(h, view);
      String found = PageViewUpserts.find(h, "/signup", today).map(PageView::toString).orElse("(none)");
      String line = "  %-49s -> %s%n";
      System.out.printf(line, "upsert(h, new PageView(\"/signup\", today, 1, now))", first);
      System.out.printf(line, "upsert(the same row again)", second);
      System.out.printf(line, "incrementViews(h, \"/signup\", today, 5)", total);
      System.out.printf(line, "insertIfAbsent(the same row)", inserted);
      System.out.printf(line, "find(h, \"/signup\", today)", found);
    });
  }

  /**
   * One {@code upsertAll} of {@link #BACKFILL_ROWS} rows, streamed and written in chunks: an
   * {@link UpsertsListener} set on the handle's {@link Upserts} config is told after each chunk,
   * and the progress line is drawn from what it was told.
   */
  private static void backfill(Jdbi jdbi, LocalDate today) {
    System.out.printf(Locale.ROOT, "%nThe backfill: one upsertAll call of %,d archived page views,"
        + " its progress told by an UpsertsListener%n%n", BACKFILL_ROWS);
    AtomicReference<UpsertsListener.BulkProgress> last = new AtomicReference<>();
    AtomicLong rowsWritten = new AtomicLong();
    jdbi.useHandle(h -> {
      h.getConfig(Upserts.class).setListener(new UpsertsListener() {
        @Override
        public void progress(BulkProgress progress) {
          last.set(progress);
          rowsWritten.set(progress.rowsWritten());
        }
      });
      BatchOutcome outcome;
      try (Progress progress = new Progress("PageViewUpserts.upsertAll", BACKFILL_ROWS, rowsWritten::get)) {
        outcome = PageViewUpserts.upsertAll(h, IntStream.range(0, BACKFILL_ROWS)
            .mapToObj(i -> new PageView("/archive/" + i % 1_000, today.minusDays(1 + i / 1_000), 1 + i % 7, null)));
      }
      UpsertsListener.BulkProgress done = last.get();
      System.out.printf(Locale.ROOT, "  %,d chunks written in %.1f s: %,d rows inserted, %,d updated%n",
          done.chunks(), done.elapsed().toNanos() / 1e9, outcome.inserted(), outcome.updated());
    });
  }

  /** {@code n} page paths: a few familiar ones, then numbered ones. */
  static List<String> pages(int n) {
    List<String> pages = new ArrayList<>(PAGE_NAMES.subList(0, Math.min(n, PAGE_NAMES.size())));
    for (int i = pages.size() + 1; i <= n; i++) {
      pages.add("/page-" + i);
    }
    return pages;
  }

  private static String serverVersion(Jdbi jdbi) {
    return "PostgreSQL " + jdbi.withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
  }
}
