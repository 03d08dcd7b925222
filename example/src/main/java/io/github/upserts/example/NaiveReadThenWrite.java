package io.github.upserts.example;

import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The classic hand-rolled "update or create", as found in countless code bases: read the row,
 * then insert it or write back the value read plus one, all in one transaction.
 *
 * <p>It looks right and passes every single-threaded test. Under concurrency it is wrong twice:
 * two transactions that read the same count both write count + 1, so one view is lost (a
 * transaction at the default READ COMMITTED isolation does not see, nor wait for, the other's
 * uncommitted write before it reads); and two transactions that both find no row both insert,
 * so one fails with a unique violation.
 */
public final class NaiveReadThenWrite {
  private NaiveReadThenWrite() {}

  /** Records one view of {@code page} on {@code day}, in its own transaction on {@code handle}. */
  public static void hit(Handle handle, String page, LocalDate day) {
    handle.useTransaction(h -> {
      Optional<Long> views = h.createQuery("SELECT views FROM page_views WHERE page = :page AND day = :day")
          .bind("page", page)
          .bind("day", day)
          .mapTo(Long.class)
          .findOne();
      if (views.isEmpty()) {
        h.createUpdate("INSERT INTO page_views (page, day, views) VALUES (:page, :day, 1)")
            .bind("page", page)
            .bind("day", day)
            .execute();
      } else {
        h.createUpdate("UPDATE page_views SET views = :views WHERE page = :page AND day = :day")
            .bind("views", views.get() + 1)
            .bind("page", page)
            .bind("day", day)
            .execute();
      }
    });
  }
}
