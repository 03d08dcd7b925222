package io.github.upserts.dialect;

import java.util.List;
import java.util.Objects;

/**
 * The unique index an entity's {@code @Upsertable(conflictIndex)} names, as the catalog defines
 * it: what every upsert names as its conflict target, and how every read by key matches a row.
 * Expression and predicate texts are the catalog's, their columns unqualified, so they read the
 * table's row where only the table is in scope, and the incoming key where a derived row named
 * like the key columns is.
 *
 * @param index the index's name, for messages
 * @param parts its parts, in index order
 * @param predicate a partial index's predicate, or null
 * @param nullsNotDistinct whether nulls are equal in it (PostgreSQL 15+ {@code NULLS NOT DISTINCT})
 */
public record ConflictTarget(String index, List<Part> parts, String predicate, boolean nullsNotDistinct) {
  public ConflictTarget {
    Objects.requireNonNull(index, "index");
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("Conflict index " + index + " has no parts");
    }
  }

  /**
   * One part of the index: a column, by its name as stored, or an expression.
   *
   * @param column the column, or null for an expression
   * @param expression the expression's text, or null for a column
   */
  public record Part(String column, String expression) {
    public Part {
      if ((column == null) == (expression == null)) {
        throw new IllegalArgumentException("A conflict index part is a column or an expression: " + column + ", " + expression);
      }
    }
  }
}
