package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A key the database always generates: no upsert can give it (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_keyed_always")
public record Gen2KeyedAlways(@Key Long id, String name) {}
