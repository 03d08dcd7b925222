package io.github.upserts.exec;

import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Binds the values of one statement under the {@link io.github.upserts.dialect.Column#parameter()
 * parameter names} of its columns. Generated DAOs implement it without reflection.
 */
@FunctionalInterface
public interface Binder {
  void bind(SqlStatement<?> statement);
}
