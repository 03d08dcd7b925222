package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** As {@link NndPref}, on a plain unique index, whose nulls are distinct: a null key is refused (see {@link NndNullKeyTest}). */
@Upsertable(table = "nnd_plain_prefs")
public record NndPlainPref(@Key Long userId, @Key String name, String setting, @Increment long hits) {}
