package io.github.upserts.it;

import io.github.upserts.CreatedAt;
import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** A row stamped by the database's clock, as {@link Instant}s (see {@link ClkTimestampsTest}). */
@Upsertable(table = "clk_stamps")
public record ClkStamp(@Key String id, String name, @Increment Long hits, @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt) {

  /** A row to write: the clocks are the database's, whatever is given. */
  static ClkStamp of(String id, String name) {
    return new ClkStamp(id, name, 0L, null, null);
  }
}
