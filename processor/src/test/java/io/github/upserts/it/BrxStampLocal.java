package io.github.upserts.it;

import io.github.upserts.CreatedAt;
import io.github.upserts.Key;
import io.github.upserts.UpdatedAt;
import io.github.upserts.Upsertable;
import java.time.LocalDateTime;

/** An ordinary LocalDateTime next to database clocks (see {@link BrxClockZoneTest}). */
@Upsertable(table = "brx_stamp_local")
public record BrxStampLocal(@Key String k, String v, LocalDateTime given, @CreatedAt LocalDateTime createdAt,
    @UpdatedAt LocalDateTime updatedAt) {}
