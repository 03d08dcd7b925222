package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** One nullable key column, unique {@code NULLS NOT DISTINCT} (see {@link NndNullKeyTest}). */
@Upsertable(table = "nnd_tags")
public record NndTag(@Key String tag, @Increment long hits) {}
