package io.github.upserts;

import java.util.Objects;

/**
 * A row as stored after a write, and what the write did to it: Django's {@code (obj, created)}.
 *
 * @param row the row as the database now holds it (generated columns and merged values included)
 * @param outcome what the write did: {@link Outcome#INSERTED} when the row is new; for
 *     {@code upsertReturningOutcome} else {@link Outcome#UPDATED}, {@link Outcome#SKIPPED} or
 *     {@link Outcome#UNCHANGED}; for {@code getOrInsertOutcome} else {@link Outcome#UNCHANGED}
 * @param <T> the entity type
 */
public record Upserted<T>(T row, Outcome outcome) {
  public Upserted {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Whether the write inserted the row. */
  public boolean inserted() {
    return outcome == Outcome.INSERTED;
  }
}
