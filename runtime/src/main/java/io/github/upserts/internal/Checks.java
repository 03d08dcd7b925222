package io.github.upserts.internal;

/** Argument checks of generated DAOs, run before any SQL. */
public final class Checks {
  private Checks() {}

  /**
   * Rejects a null key value: a unique index holds nulls distinct (everywhere but a PostgreSQL 15+
   * {@code NULLS NOT DISTINCT} one), so a row with a null key never conflicts and every upsert of
   * it would insert another duplicate.
   */
  public static <V> V requireKey(V value, String entity, String property) {
    if (value == null) {
      throw nullKey(entity, property);
    }
    return value;
  }

  /** The error for a null value of the key {@code property} where the table's unique index holds nulls distinct. */
  public static IllegalArgumentException nullKey(String entity, String property) {
    return new IllegalArgumentException(
        entity + "." + property + " is a @Key and must not be null: a null key never matches"
            + " a stored row, so the statement would insert a duplicate instead of updating."
            + " Give " + property + " a value before calling the " + entity + "Upserts method"
            + " (on PostgreSQL 15+, a null key is a real key where the key's unique index is UNIQUE NULLS NOT DISTINCT).");
  }

  /** Rejects a null entity passed to a generated method. */
  public static <V> V requireRow(V row, String entity) {
    if (row == null) {
      throw new IllegalArgumentException(
          "The " + entity + " row to write must not be null; pass the row to insert or update.");
    }
    return row;
  }

  /** Rejects a null increment delta: adding nothing is a caller bug, not a no-op to hide. */
  public static <V> V requireDelta(V delta, String entity, String property) {
    if (delta == null) {
      throw new IllegalArgumentException(
          "The delta to add to " + entity + "." + property + " must not be null; pass 0 to"
              + " create the row without changing the total.");
    }
    return delta;
  }
}
