package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.OffsetDateTime;

/** A row keyed by a time its table keeps to the millisecond; {@link KeyEqualityTest} alone uses it. */
@Upsertable(table = "keq_shots")
public record KeqShot(@Key String camera, @Key OffsetDateTime takenAt, String label) {}
