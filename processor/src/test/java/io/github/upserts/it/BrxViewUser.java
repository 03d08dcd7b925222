package io.github.upserts.it;

import io.github.upserts.*;
import java.time.Instant;

/** A breaker entity (see Brx*Test). */
@Upsertable(table = "brx_vuser")
public record BrxViewUser(@DatabaseGenerated Long id, @Key String email, String name) {}
