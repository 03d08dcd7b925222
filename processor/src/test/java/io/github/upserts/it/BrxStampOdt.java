package io.github.upserts.it;

import io.github.upserts.CreatedAt;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.OffsetDateTime;

/** An ordinary OffsetDateTime next to database clocks (see {@link BrxClockZoneTest}). */
@Upsertable(table = "brx_stamp_odt")
public record BrxStampOdt(@Key String k, String v, OffsetDateTime given, @CreatedAt OffsetDateTime createdAt,
    @UpdatedAt OffsetDateTime updatedAt) {}
