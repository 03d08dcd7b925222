package io.github.upserts;

import java.util.List;

/**
 * The database schema does not match an {@link Upsertable} entity: the table or some of its
 * columns are missing, or no unique constraint covers exactly the {@link Key @Key} columns. The
 * message names the table, every mismatch and the DDL that would fix it; {@link #fixes()} has
 * that DDL statement by statement.
 */
public class SchemaMismatchException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final List<String> mismatches;
  private final List<String> fixes;

  public SchemaMismatchException(String message, Throwable cause) {
    this(message, List.of(), cause);
  }

  /**
   * @param message what is wrong and how to fix it, the one mismatch
   * @param fixes DDL statements that would fix it, in order
   * @param cause the database's error that showed it, or null
   */
  public SchemaMismatchException(String message, List<String> fixes, Throwable cause) {
    super(message, cause);
    this.mismatches = List.of(message);
    this.fixes = List.copyOf(fixes);
  }

  /**
   * @param entity the entity's name
   * @param table the table's name
   * @param mismatches what is wrong, one sentence each
   * @param fixes DDL statements that would fix it, in order
   */
  public SchemaMismatchException(String entity, String table, List<String> mismatches, List<String> fixes) {
    super(message(entity, table, mismatches, fixes));
    this.mismatches = List.copyOf(mismatches);
    this.fixes = List.copyOf(fixes);
  }

  private static String message(String entity, String table, List<String> mismatches, List<String> fixes) {
    StringBuilder text = new StringBuilder("Table ").append(table).append(" does not match ")
        .append(entity).append(":");
    mismatches.forEach(m -> text.append("\n  - ").append(m));
    if (!fixes.isEmpty()) {
      text.append("\nTo fix it, run:");
    }
    fixes.forEach(f -> text.append("\n  ").append(f).append(';'));
    text.append("\n(or change the entity's @Upsertable, @Key or @ColumnName to match the table)");
    return text.toString();
  }

  /** What is wrong, one sentence each. */
  public List<String> mismatches() {
    return mismatches;
  }

  /** DDL statements that would fix the schema, in order; empty when none is known. */
  public List<String> fixes() {
    return fixes;
  }
}
