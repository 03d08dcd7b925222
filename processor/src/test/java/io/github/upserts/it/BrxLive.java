package io.github.upserts.it;

import io.github.upserts.*;
import java.time.Instant;

/** A breaker entity (see Brx*Test). */
@Upsertable(table = "brx_live", conflictIndex = "brx_live_email")
public record BrxLive(@DatabaseGenerated Long id, @Key String email, @Coalesce String name, @UpdatedAt Instant updatedAt) {}
