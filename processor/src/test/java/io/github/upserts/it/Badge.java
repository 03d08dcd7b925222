package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A table used by {@link CatalogTest} alone, so its first use in each database is the test's. */
@Upsertable(table = "badges")
public record Badge(@Key String name, @Increment long awarded) {}
