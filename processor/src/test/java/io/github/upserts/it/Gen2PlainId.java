package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** The user: an identity (or AUTO_INCREMENT, rowid) id, not marked (see {@link Gen2DetectionTest}). */
@Upsertable(table = "gen2_plain_id")
public record Gen2PlainId(Long id, @Key String email, String name) {}
