package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** An id generated always (an identity; where there is none, the database's own id kind), marked (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_always")
public record Gen2Always(@DatabaseGenerated Long id, @Key String email, String name) {}
