package io.github.upserts.it;

import io.github.upserts.*;
import java.time.Instant;

/** A breaker entity (see Brx*Test). */
@Upsertable(table = "brx_nnd_user")
public record BrxNndUser(@DatabaseGenerated Long id, @Key Long userId, @Key String name, String value) {}
