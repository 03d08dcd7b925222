package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Rows of a partitioned PostgreSQL table (see {@link CatalogTest}). */
@Upsertable(table = "visits")
public record Visit(@Key String region, @Key String id, @Increment long hits) {}
