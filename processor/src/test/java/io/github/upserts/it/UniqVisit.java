package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Rows of a partitioned PostgreSQL table (see {@link UniqPartitionedTest}). */
@Upsertable(table = "uniq_visits")
public record UniqVisit(@Key String region, @Key String id, @Increment long hits, String note) {}
