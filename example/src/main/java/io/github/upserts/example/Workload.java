package io.github.upserts.example;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.generic.GenericType;

/**
 * Many threads recording page views at the same time, one way of writing them, and a tally of
 * what the table holds afterwards compared with what was sent.
 */
public final class Workload {
  /** PostgreSQL's SQLSTATE for unique_violation: the lost race of two concurrent inserts. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** One way of recording a single page view. */
  @FunctionalInterface
  public interface Hit {
    /** Adds one view of {@code page} on {@code day}, committed when it returns. */
    void record(Handle handle, String page, LocalDate day);
  }

  private final Jdbi jdbi;
  private final Options options;
  private final List<String> pages;
  private final LocalDate day;

  /** A workload of {@code options.threads() × options.ops()} views of {@code pages} on {@code day}. */
  public Workload(Jdbi jdbi, Options options, List<String> pages, LocalDate day) {
    this.jdbi = jdbi;
    this.options = options;
    this.pages = List.copyOf(pages);
    this.day = day;
  }

  /**
   * Empties the table, lets every thread record its views through {@code hit} (each thread on its
   * own connection, all starting together), then reads back the stored totals.
   * A failed view is counted, never fatal.
   */
  public Result run(String name, Hit hit) {
    jdbi.useHandle(h -> h.execute("TRUNCATE page_views"));
    AtomicLongArray sent = new AtomicLongArray(pages.size());
    LongAdder done = new LongAdder();
    LongAdder duplicateKeys = new LongAdder();
    LongAdder otherErrors = new LongAdder();
    AtomicReference<String> firstOtherError = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);

    ExecutorService threads = Executors.newFixedThreadPool(options.threads());
    long began;
    long ended;
    try (Progress progress = new Progress(name, options.totalOps(), done::sum)) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < options.threads(); t++) {
        running.add(threads.submit(() -> {
          try (Handle handle = jdbi.open()) {
            handle.getConnection(); // connect before the start line, so timing leaves it out
            start.await();
            for (int i = 0; i < options.ops(); i++) {
              int page = ThreadLocalRandom.current().nextInt(pages.size());
              sent.incrementAndGet(page);
              try {
                hit.record(handle, pages.get(page), day);
              } catch (RuntimeException e) {
                if (isUniqueViolation(e)) {
                  duplicateKeys.increment();
                } else {
                  otherErrors.increment();
                  firstOtherError.compareAndSet(null, e.toString());
                }
              }
              done.increment();
            }
          }
          return null;
        }));
      }
      began = System.nanoTime();
      start.countDown();
      for (Future<?> thread : running) {
        join(thread);
      }
      ended = System.nanoTime();
    } finally {
      threads.shutdownNow();
    }

    Map<String, Long> stored = storedViews();
    List<Result.Row> rows = new ArrayList<>();
    for (int p = 0; p < pages.size(); p++) {
      rows.add(new Result.Row(pages.get(p), sent.get(p), stored.getOrDefault(pages.get(p), 0L)));
    }
    return new Result(name, rows, duplicateKeys.sum(), otherErrors.sum(), firstOtherError.get(),
        Duration.ofNanos(ended - began));
  }

  private Map<String, Long> storedViews() {
    return jdbi.withHandle(h -> h.createQuery("SELECT page, views FROM page_views WHERE day = :day")
        .bind("day", day)
        .setMapKeyColumn("page")
        .setMapValueColumn("views")
        .collectInto(new GenericType<Map<String, Long>>() {}));
  }

  private static void join(Future<?> thread) {
    try {
      thread.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the workload", e);
    } catch (ExecutionException e) {
      // a thread could not even connect: no point in counting anything
      throw new IllegalStateException("a workload thread failed: " + e.getCause(), e.getCause());
    }
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
