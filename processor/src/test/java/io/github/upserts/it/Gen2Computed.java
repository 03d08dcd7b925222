package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A computed column (GENERATED ALWAYS AS (...) STORED or VIRTUAL), marked (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_computed")
public record Gen2Computed(@Key String email, String name, @DatabaseGenerated String shout) {}
