package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Column types beyond the basics: {@code byte[]}, a parameterized {@code List<String>} (a SQL
 * array) and a user type bound and mapped by the user's own JDBI factories.
 */
@Upsertable(table = "documents")
public record Document(@Key UUID id, byte[] body, List<String> tags, Money price) {

  /** A user type JDBI knows nothing about until the application registers it. */
  public record Money(long cents) {}

  /** What the application would do: teach JDBI to bind and map {@link Money} as cents. */
  static void registerMoney(Handle handle) {
    handle.registerArgument(new AbstractArgumentFactory<Money>(Types.BIGINT) {
      @Override
      protected Argument build(Money value, ConfigRegistry config) {
        return (position, statement, ctx) -> statement.setLong(position, value.cents());
      }
    });
    handle.registerColumnMapper(Money.class, (rs, column, ctx) -> {
      long cents = rs.getLong(column);
      return rs.wasNull() ? null : new Money(cents);
    });
  }
}
