package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Marked @DatabaseGenerated on a column the database neither generates nor defaults (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_unfilled")
public record Gen2Unfilled(@DatabaseGenerated Long id, @Key String email) {}
