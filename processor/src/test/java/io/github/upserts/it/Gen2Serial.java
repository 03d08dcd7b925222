package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A PostgreSQL bigserial id (a nextval default; a sequence default elsewhere), marked (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_serial")
public record Gen2Serial(@DatabaseGenerated Long id, @Key String email, String name) {}
