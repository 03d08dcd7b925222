package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** The id that racing getOrInsert calls must all get (see {@link Gen2RaceTest}). */
@Upsertable(table = "gen2_race")
public record Gen2Race(@DatabaseGenerated Long id, @Key String email, String name) {}
