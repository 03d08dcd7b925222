package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A row keyed by a double, where the database holds -0.0 and 0.0 equal; {@link KeyEqualityTest} alone uses it. */
@Upsertable(table = "keq_readings")
public record KeqReading(@Key double level, String label) {}
