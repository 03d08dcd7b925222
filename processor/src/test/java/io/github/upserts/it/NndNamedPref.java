package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** As {@link NndPref}, its {@code NULLS NOT DISTINCT} index named by {@code conflictIndex} (see {@link NndNullKeyTest}). */
@Upsertable(table = "nnd_named_prefs", conflictIndex = "nnd_named_prefs_key")
public record NndNamedPref(@Key Long userId, @Key String name, String value, @Increment long hits) {}
