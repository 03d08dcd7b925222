package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Counters whose sums can overflow: {@code hits} is a bigint, {@code small} an integer column; {@link KeyEqualityTest} alone uses it. */
@Upsertable(table = "keq_counters")
public record KeqCounter(@Key String name, @Increment long hits, @Increment long small, @Increment double share) {}
