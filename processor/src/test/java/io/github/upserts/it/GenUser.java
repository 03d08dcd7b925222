package io.github.upserts.it;

import io.github.upserts.DatabaseGenerated;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A user whose id the database generates, keyed by email (see {@link GeneratedIdTest}). */
@Upsertable(table = "gen_users")
public record GenUser(@DatabaseGenerated Long id, @Key String email, String name) {}
