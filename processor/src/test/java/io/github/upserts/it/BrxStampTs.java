package io.github.upserts.it;

import io.github.upserts.CreatedAt;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** An ordinary Instant next to database clocks (see {@link BrxClockZoneTest}). */
@Upsertable(table = "brx_stamp_ts")
public record BrxStampTs(@Key String k, String v, Instant given, @CreatedAt Instant createdAt, @UpdatedAt Instant updatedAt) {}
