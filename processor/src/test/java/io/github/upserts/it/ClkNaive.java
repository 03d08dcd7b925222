package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/**
 * The control of {@link ClkTimestampsTest}: a change time the client writes from its own clock, in
 * epoch microseconds (MySQL Connector/J sends a MariaDB server an {@code Instant} in whole seconds).
 */
@Upsertable(table = "clk_naive")
public record ClkNaive(@Key String id, String name, @Increment Long hits, Long updatedMicros) {}
