package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;
import java.time.OffsetTime;

/**
 * A key of coarser precision than Java's ({@code timestamptz(3)}), a {@code jsonb} column from a
 * {@code String}, and an {@code OffsetTime}, which PostgreSQL batches as multi-row {@code VALUES}
 * (it has no array type here).
 */
@Upsertable(table = "typed_moments")
public record TypedMoment(@Key Instant at, String payload, OffsetTime clock) {}
