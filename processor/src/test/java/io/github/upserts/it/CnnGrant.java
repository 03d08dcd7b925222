package io.github.upserts.it;

import io.github.upserts.Coalesce;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/**
 * {@code @Coalesce} on NOT NULL columns without a default, under a key of two columns, with an
 * enum column (no PostgreSQL array type: bulk writes go as multi-row VALUES); see {@link CnnCoalesceNotNullTest}.
 */
@Upsertable(table = "cnn_grants")
public record CnnGrant(@Key String tenant, @Key String id, @Coalesce String name, @Coalesce String scope, Level level) {
  /** Grant levels, stored by name. */
  public enum Level {
    READ,
    WRITE
  }
}
