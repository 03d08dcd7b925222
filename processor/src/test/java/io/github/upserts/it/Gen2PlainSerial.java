package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A bigserial (or identity by default, AUTO_INCREMENT) id that is not the primary key, not marked (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_plain_serial")
public record Gen2PlainSerial(Long id, @Key String email, String name) {}
