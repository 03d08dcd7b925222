package io.github.upserts.benchmarks;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;

/**
 * The entity every benchmark writes: a key, a text, a counter and a point in time, so the
 * statements bind four common types and merge by two policies (overwrite, increment).
 *
 * <pre>
 * CREATE TABLE bench_rows (id bigint PRIMARY KEY, name text, hits bigint NOT NULL DEFAULT 0,
 *                          seen timestamptz)
 * </pre>
 */
@Upsertable(table = "bench_rows")
public record BenchRow(@Key long id, String name, @Increment long hits, Instant seen) {}
