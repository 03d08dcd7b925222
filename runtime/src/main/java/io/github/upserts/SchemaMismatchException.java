package io.github.upserts;

/**
 * The database schema does not match an {@link Upsertable} entity, e.g. the table has no unique
 * constraint on the entity's {@link Key @Key} columns. The message names the table, what is
 * missing and the DDL that would fix it.
 */
public class SchemaMismatchException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String message, Throwable cause) {
    super(message, cause);
  }

  public SchemaMismatchException(String message) {
    super(message);
  }
}
