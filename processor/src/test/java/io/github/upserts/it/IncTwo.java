package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Two counters, each NOT NULL without a default in its table (see {@link IncRequiredColumnTest}). */
@Upsertable(table = "inc_two")
public record IncTwo(@Key String id, @Increment long a, @Increment long b) {}
