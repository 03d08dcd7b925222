package io.github.upserts.example;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A single progress line, redrawn in place every 250 ms while a workload runs:
 * {@code naive read-then-write  [#####.....]  8,112/16,000}. On a terminal only; elsewhere (a
 * pipe, a CI log) just the final line is printed.
 */
final class Progress implements AutoCloseable {
  private static final int BAR = 20;

  private final String label;
  private final long total;
  private final LongSupplier done;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService ticker;

  Progress(String label, long total, LongSupplier done) {
    this.label = label;
    this.total = total;
    this.done = done;
    if (System.console() != null) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(() -> draw("\r"), 0, 250, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  private synchronized void draw(String prefix) {
    long n = Math.min(done.getAsLong(), total);
    int filled = (int) (BAR * n / Math.max(total, 1));
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.print(String.format(Locale.ROOT, "%s%-31s [%s%s] %,d/%,d  %.1f s", prefix, label,
        "#".repeat(filled), ".".repeat(BAR - filled), n, total, seconds));
    System.out.flush();
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    draw(ticker != null ? "\r" : "");
    System.out.println();
  }
}
