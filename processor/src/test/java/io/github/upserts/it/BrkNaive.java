package io.github.upserts.it;

import io.github.upserts.CreatedAt;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** @CreatedAt Instant on a timestamp without time zone, beside an Instant the application writes (see {@link BrkPostgresTest}). */
@Upsertable(table = "brk_naive")
public record BrkNaive(@Key String id, @CreatedAt Instant createdAt, Instant seen) {}
