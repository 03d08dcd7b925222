package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.util.List;
import java.util.UUID;

/**
 * Column types beyond the basics: {@code byte[]}, a parameterized {@code List<String>} (a SQL
 * array) and a user type bound and mapped by the user's own JDBI factories.
 */
@Upsertable(table = "documents")
public record Document(@Key UUID id, byte[] body, List<String> tags, Money price) {

  /** A user type JDBI knows nothing about until the application registers it. */
  public record Money(long cents) {}
}
