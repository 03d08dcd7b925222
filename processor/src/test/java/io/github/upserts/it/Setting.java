package io.github.upserts.it;

import io.github.upserts.InsertOnly;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;

/** Writes only when something changes. */
@Upsertable(table = "settings", skipUnchanged = true)
public record Setting(@Key String name, String value, @InsertOnly Instant createdAt) {}
