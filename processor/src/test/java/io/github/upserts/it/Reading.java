package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.NewerWins;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** A timestamp as the version; nullable, to pin how nulls compare. */
@Upsertable(table = "readings")
public record Reading(@Key String sensor, @NewerWins Instant takenAt, Double value) {}
