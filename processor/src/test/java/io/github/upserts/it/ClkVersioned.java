package io.github.upserts.it;

import io.github.upserts.CreatedAt;
import io.github.upserts.Key;
import io.github.upserts.NewerWins;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.OffsetDateTime;

/** A versioned row stamped as {@link OffsetDateTime}s (see {@link ClkTimestampsTest}). */
@Upsertable(table = "clk_versioned")
public record ClkVersioned(@Key String id, @NewerWins Long version, String name, @CreatedAt OffsetDateTime created,
    @UpdatedAt OffsetDateTime updated) {}
