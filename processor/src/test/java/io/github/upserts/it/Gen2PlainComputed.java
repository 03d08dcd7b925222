package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A computed column, not marked (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_plain_computed")
public record Gen2PlainComputed(@Key String email, String name, String shout) {}
