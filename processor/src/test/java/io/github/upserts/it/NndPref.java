package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A key whose unique index is {@code NULLS NOT DISTINCT} (PostgreSQL 15+): a null user id is a real key (see {@link NndNullKeyTest}). */
@Upsertable(table = "nnd_prefs")
public record NndPref(@Key Long userId, @Key String name, String value, @Increment long hits) {}
