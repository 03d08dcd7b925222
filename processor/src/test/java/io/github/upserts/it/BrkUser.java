package io.github.upserts.it;

import io.github.upserts.CreatedAt;
import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** Identity id, case-insensitive unique email, database clocks (see {@link BrkUsersTest}). */
@Upsertable(table = "brk_user")
public record BrkUser(@DatabaseGenerated Long id, @Key String email, String name, @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt) {
  static BrkUser of(String email, String name) {
    return new BrkUser(null, email, name, null, null);
  }
}
